import type { ChartSeries, DataDocumentView } from '../../domain/privacy/dataDocument.js';

const COLOURS = ['#1b6e3a', '#0059b3', '#a63d00', '#6b2c91', '#505a5f'];
const WIDTH = 560;
const HEIGHT = 240;
const PAD = { left: 40, right: 16, top: 16, bottom: 28 };

/** Each factor over the check-ins as lines; the same numbers are in the text above it, so the chart is an aid, not the record. */
function ProgressChart({ series, title }: { series: ChartSeries[]; title: string }): JSX.Element {
  const checkIns = Math.max(...series.map((line) => line.points.length), 1);
  const x = (index: number) => PAD.left + (checkIns === 1 ? 0 : (index * (WIDTH - PAD.left - PAD.right)) / (checkIns - 1));
  const y = (score: number) => PAD.top + ((100 - score) * (HEIGHT - PAD.top - PAD.bottom)) / 100;
  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby="chart-title">
        <title id="chart-title" safe>{title}</title>
        {[0, 25, 50, 75, 100].map((level) => (
          <>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(level)} y2={y(level)} stroke="#ccc" />
            <text x={PAD.left - 6} y={y(level) + 4} text-anchor="end" font-size="12">{String(level)}</text>
          </>
        ))}
        {series.map((line, index) => (
          <>
            <polyline fill="none" stroke-width="3" stroke={COLOURS[index % COLOURS.length]} points={line.points.map((point, i) => `${x(i)},${y(point.score)}`).join(' ')} />
            {line.points.map((point, i) => <circle cx={x(i)} cy={y(point.score)} r="4" fill={COLOURS[index % COLOURS.length]} />)}
          </>
        ))}
      </svg>
      <figcaption>
        <ul class="legend">
          {series.map((line, index) => (
            <li>
              <span class="swatch" style={`background:${COLOURS[index % COLOURS.length]}`} /> <span safe>{`${line.label}: ${line.points.map((point) => point.score).join(' → ')}`}</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

const STYLE = `
body{font-family:"IBM Plex Sans",Arial,sans-serif;line-height:1.5;max-width:44rem;margin:0 auto;padding:1rem;color:#1a1a1a}
h1{font-size:1.75rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
ul{padding-left:1.25rem}li{margin:.25rem 0}.sub{color:#333}
.legend{list-style:none;padding:0}.swatch{display:inline-block;width:1rem;height:.75rem;vertical-align:middle}
a{color:#0059b3}
@media print{a.download{display:none}body{max-width:none;font-size:11pt}h2{break-after:avoid}li{break-inside:avoid}}
`;

/** The citizen's data as a readable page (Danish or English), printable, with the JSON as a download on the same page. */
export function DataDocumentPage({ view, locale, json, jsonLabel, fileName }: { view: DataDocumentView; locale: string; json: string; jsonLabel: string; fileName: string }): JSX.Element {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title safe>{view.title}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <main>
          <h1 safe>{view.title}</h1>
          <p safe>{view.intro}</p>
          <p>
            <a class="download" download={fileName} href={`data:application/json;charset=utf-8,${encodeURIComponent(json)}`} safe>
              {jsonLabel}
            </a>
          </p>
          {view.sections.map((section) => (
            <section aria-labelledby={`h-${section.id}`}>
              <h2 id={`h-${section.id}`} safe>{section.heading}</h2>
              {section.id === 'checkIns' && view.chart.length > 0 ? <ProgressChart series={view.chart} title={section.heading} /> : ''}
              {section.lines.length === 0 ? (
                <p>–</p>
              ) : (
                <ul>
                  {section.lines.map((line) => (
                    <li>
                      <span safe>{line.text}</span>
                      {line.sub.length > 0 ? (
                        <ul class="sub">
                          {line.sub.map((sub) => <li safe>{sub}</li>)}
                        </ul>
                      ) : ''}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}

/** Renders the page to a string (kitajs returns a string or a promise of one). */
export async function renderDataDocument(props: Parameters<typeof DataDocumentPage>[0]): Promise<string> {
  return `<!doctype html>${await (<DataDocumentPage {...props} />)}`;
}
