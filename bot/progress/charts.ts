import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { FACTORS, type Factor } from '../../domain/questionBank/index.js';

export interface ScorePoint {
  /** When the check-in was completed. */
  at: Date;
  scores: Record<Factor, number | null>;
}

const COLOURS = { latest: '#1b6e3a', previous: '#8a8f98' };

async function toPng(spec: vega.Spec): Promise<Buffer> {
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return new Resvg(svg, { background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}

/**
 * The spider (radar) diagram BIP shows citizen and caseworker: the five
 * factors, the latest check-in against the previous one. Built in Vega
 * (Vega-Lite has no polar line mark); 0 in the centre, 100 at the rim.
 */
export function radarChart(latest: ScorePoint, previous: ScorePoint | undefined, labels: Record<Factor, string>, legend: { latest: string; previous: string }): Promise<Buffer> {
  const rows = (point: ScorePoint, series: string) =>
    FACTORS.map((factor, index) => ({ key: labels[factor], value: point.scores[factor] ?? 0, series, index }));
  const values = [...rows(latest, legend.latest), ...(previous ? rows(previous, legend.previous) : [])];
  const radius = 150;
  const spec: vega.Spec = {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: 2 * radius,
    height: 2 * radius,
    padding: { left: 200, right: 200, top: 40, bottom: 80 },
    autosize: 'none',
    signals: [{ name: 'radius', value: radius }],
    data: [
      { name: 'table', values },
      { name: 'keys', values: FACTORS.map((factor) => ({ key: labels[factor] })) },
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
            x: { signal: '-radius + datum.i * 170 + 18' },
            y: { signal: 'radius + 45' },
            text: { field: 'series' },
            baseline: { value: 'middle' },
            fontSize: { value: 14 },
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
                interpolate: { value: 'linear-closed' },
                x: { signal: "scale('radial', datum.value) * cos(scale('angular', datum.key))" },
                y: { signal: "scale('radial', datum.value) * sin(scale('angular', datum.key))" },
                stroke: { scale: 'color', field: 'series' },
                strokeWidth: { value: 3 },
                fill: { scale: 'color', field: 'series' },
                fillOpacity: { value: 0.12 },
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
            text: { field: 'key' },
            align: { signal: "abs(cos(scale('angular', datum.key))) < 0.2 ? 'center' : cos(scale('angular', datum.key)) > 0 ? 'left' : 'right'" },
            baseline: { signal: "sin(scale('angular', datum.key)) > 0.2 ? 'top' : sin(scale('angular', datum.key)) < -0.2 ? 'bottom' : 'middle'" },
            fontSize: { value: 14 },
            limit: { value: 220 },
          },
        },
      },
    ],
  };
  return toPng(spec);
}

/** Each factor over time, one line per factor: the small steps made visible. */
export function trendChart(history: ScorePoint[], labels: Record<Factor, string>, timeZone: string): Promise<Buffer> {
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
      x: { field: 'date', type: 'temporal', title: null, axis: { format: '%d.%m', labelFontSize: 13 } },
      y: { field: 'score', type: 'quantitative', scale: { domain: [0, 100] }, title: null, axis: { labelFontSize: 13, tickCount: 4 } },
      color: { field: 'factor', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 2, labelFontSize: 13, labelLimit: 260 } },
    },
    config: { font: 'DejaVu Sans' },
  };
  return toPng(compile(spec).spec);
}

/** Weekly ordinary hours as bars: a concrete sign of progress (seed 002). */
export function hoursChart(weeks: Array<{ isoWeek: string; hours: number }>, title: string): Promise<Buffer> {
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: 180,
    title,
    data: { values: weeks },
    mark: { type: 'bar', color: COLOURS.latest },
    encoding: {
      x: { field: 'isoWeek', type: 'ordinal', title: null, axis: { labelAngle: 0, labelFontSize: 12 } },
      y: { field: 'hours', type: 'quantitative', title: null, axis: { labelFontSize: 12 } },
    },
    config: { font: 'DejaVu Sans' },
  };
  return toPng(compile(spec).spec);
}
