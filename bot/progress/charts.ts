import { Resvg } from '@resvg/resvg-js';
import type * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { FACTORS, type Factor } from '../../domain/questionBank/index.js';

export interface ScorePoint {
  /** When the check-in was completed. */
  at: Date;
  scores: Record<Factor, number | null>;
}

const COLOURS = { latest: '#1b6e3a', previous: '#8a8f98' };

/** Where a factor's score sits on the radar (polar to x/y). */
const POINT = {
  x: { signal: "scale('radial', datum.value) * cos(scale('angular', datum.key))" },
  y: { signal: "scale('radial', datum.value) * sin(scale('angular', datum.key))" },
};

/** Chart images are shown about half size in a phone's chat (390 px wide): 24 px text reads as at least 12 px. */
const PHONE_FONT = 24;

/**
 * Vega and Vega-Lite load with the first chart: ~15 MiB of heap (measured) that a process drawing
 * no chart, or not yet, need not hold.
 */
async function toPng(spec: vega.Spec): Promise<Buffer> {
  const { View, parse } = await import('vega');
  const view = new View(parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return new Resvg(svg, { background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}

/** Long factor names on two lines, so they fit beside the chart at a size readable on a phone. */
function wrapped(label: string, width = 11): string[] {
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The spider (radar) diagram BIP shows citizen and caseworker: the five
 * factors, the latest check-in against the previous one. Built in Vega
 * (Vega-Lite has no polar line mark); 0 in the centre, 100 at the rim.
 */
export function radarChart(latest: ScorePoint, previous: ScorePoint | undefined, labels: Record<Factor, string>, legend: { latest: string; previous: string }): Promise<Buffer> {
  // A skipped factor is a gap in the line, not a 0 (which would read as the worst score). The first
  // factor comes again at the end to close the ring; the fill is drawn only for a complete ring.
  const rows = (point: ScorePoint, series: string) =>
    [...FACTORS, FACTORS[0]].map((factor, index) => ({ key: labels[factor], value: point.scores[factor], series, index, complete: FACTORS.every((f) => point.scores[f] !== null) }));
  const values = [...rows(latest, legend.latest), ...(previous ? rows(previous, legend.previous) : [])];
  const radius = 150;
  const spec: vega.Spec = {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: 2 * radius,
    height: 2 * radius,
    padding: { left: 150, right: 150, top: 70, bottom: 110 },
    autosize: 'none',
    signals: [{ name: 'radius', value: radius }],
    data: [
      { name: 'table', values },
      { name: 'keys', values: FACTORS.map((factor) => ({ key: labels[factor], lines: wrapped(labels[factor]) })) },
      { name: 'rings', values: [25, 50, 75, 100].map((level) => ({ level })) },
      { name: 'legend', values: [legend.latest, ...(previous ? [legend.previous] : [])].map((series, i) => ({ series, i })) },
    ],
    scales: [
      { name: 'angular', type: 'point', range: { signal: '[-PI, PI]' }, padding: 0.5, domain: { data: 'keys', field: 'key' } },
      { name: 'radial', type: 'linear', range: { signal: '[0, radius]' }, zero: true, nice: false, domain: [0, 100] },
      { name: 'color', type: 'ordinal', domain: [legend.latest, legend.previous], range: [COLOURS.latest, COLOURS.previous] },
    ],
    encode: { enter: { x: { signal: 'radius' }, y: { signal: 'radius' } } },
    marks: [
      // The legend, placed by hand below the chart (Vega's own legend does not fit this polar layout).
      {
        type: 'symbol',
        from: { data: 'legend' },
        encode: {
          enter: {
            x: { signal: '-radius + datum.i * 170' },
            y: { signal: 'radius + 45' },
            shape: { value: 'stroke' },
            size: { value: 300 },
            strokeWidth: { value: 4 },
            stroke: { scale: 'color', field: 'series' },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'legend' },
        encode: {
          enter: {
            x: { signal: '-radius + datum.i * 170 + 22' },
            y: { signal: 'radius + 45' },
            text: { field: 'series' },
            baseline: { value: 'middle' },
            fontSize: { value: PHONE_FONT },
          },
        },
      },
      {
        type: 'group',
        name: 'ringGroup',
        from: { facet: { data: 'rings', name: 'ringFacet', groupby: 'level' } },
        marks: [
          {
            type: 'line',
            from: { data: 'keys' },
            encode: {
              enter: {
                interpolate: { value: 'linear-closed' },
                x: { signal: "scale('radial', parent.level) * cos(scale('angular', datum.key))" },
                y: { signal: "scale('radial', parent.level) * sin(scale('angular', datum.key))" },
                stroke: { value: '#e2e2e2' },
              },
            },
          },
        ],
      },
      {
        type: 'group',
        name: 'series',
        zindex: 1,
        from: { facet: { data: 'table', name: 'facet', groupby: ['series'] } },
        marks: [
          {
            type: 'line',
            from: { data: 'facet' },
            sort: { field: 'datum.index' },
            encode: {
              enter: {
                interpolate: { value: 'linear' },
                defined: { signal: 'datum.value !== null' },
                x: POINT.x,
                y: POINT.y,
                stroke: { scale: 'color', field: 'series' },
                strokeWidth: { value: 4 },
                fill: { scale: 'color', field: 'series' },
                fillOpacity: { signal: 'datum.complete ? 0.12 : 0' },
              },
            },
          },
          {
            type: 'symbol',
            from: { data: 'facet' },
            encode: {
              enter: {
                x: POINT.x,
                y: POINT.y,
                fill: { scale: 'color', field: 'series' },
                size: { signal: 'datum.value === null ? 0 : 90' },
              },
            },
          },
        ],
      },
      {
        type: 'rule',
        from: { data: 'keys' },
        encode: {
          enter: {
            x: { value: 0 },
            y: { value: 0 },
            x2: { signal: "radius * cos(scale('angular', datum.key))" },
            y2: { signal: "radius * sin(scale('angular', datum.key))" },
            stroke: { value: '#cccccc' },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'keys' },
        encode: {
          enter: {
            x: { signal: "(radius + 12) * cos(scale('angular', datum.key))" },
            y: { signal: "(radius + 12) * sin(scale('angular', datum.key))" },
            text: { field: 'lines' },
            align: { signal: "abs(cos(scale('angular', datum.key))) < 0.2 ? 'center' : cos(scale('angular', datum.key)) > 0 ? 'left' : 'right'" },
            baseline: { signal: "sin(scale('angular', datum.key)) > 0.2 ? 'top' : sin(scale('angular', datum.key)) < -0.2 ? 'bottom' : 'middle'" },
            fontSize: { value: PHONE_FONT },
            lineHeight: { value: 26 },
          },
        },
      },
    ],
  };
  return toPng(spec);
}

/** Each factor over time, one line per factor: the small steps made visible. */
export async function trendChart(history: ScorePoint[], labels: Record<Factor, string>, timeZone: string): Promise<Buffer> {
  const values = history.flatMap((point) =>
    FACTORS.filter((factor) => point.scores[factor] !== null).map((factor) => ({
      date: point.at.toLocaleDateString('sv-SE', { timeZone }),
      factor: labels[factor],
      score: point.scores[factor],
    })),
  );
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: 240,
    data: { values },
    mark: { type: 'line', point: true, strokeWidth: 3 },
    encoding: {
      x: { field: 'date', type: 'temporal', title: null, axis: { format: '%d.%m', labelFontSize: PHONE_FONT, tickCount: 4 } },
      y: { field: 'score', type: 'quantitative', scale: { domain: [0, 100] }, title: null, axis: { labelFontSize: PHONE_FONT, tickCount: 4 } },
      color: { field: 'factor', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 1, labelFontSize: PHONE_FONT, labelLimit: 400, symbolSize: 200 } },
    },
    config: { font: 'DejaVu Sans' },
  };
  return toPng((await import('vega-lite')).compile(spec).spec);
}

/** Weekly ordinary hours as bars, each week labelled in words ("uge 48"): a concrete sign of progress (seed 002). */
export async function hoursChart(weeks: Array<{ week: string; hours: number }>, title: string): Promise<Buffer> {
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: 180,
    title: { text: title, fontSize: PHONE_FONT },
    data: { values: weeks },
    mark: { type: 'bar', color: COLOURS.latest },
    encoding: {
      x: { field: 'week', type: 'ordinal', sort: null, title: null, axis: { labelAngle: 0, labelFontSize: PHONE_FONT } },
      y: { field: 'hours', type: 'quantitative', title: null, axis: { labelFontSize: PHONE_FONT, tickCount: 4 } },
    },
    config: { font: 'DejaVu Sans' },
  };
  return toPng((await import('vega-lite')).compile(spec).spec);
}
