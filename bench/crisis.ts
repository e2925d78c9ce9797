// The crisis detector's figures: recall and false alarms per category on the development set,
// on the repository's corpus (and its held-out fifth, which the model never trained on) and on
// the unseen probes, and the time per message. Not a test: it prints figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { projectRoot } from '../bot/app.js';
import { type Example, holdOut, type LabelledSet, labelled } from '../domain/crisis/corpus.js';
import { detectCrisis } from '../domain/crisis/detector.js';

function readSet(name: string): Example[] {
  return labelled(JSON.parse(readFileSync(join(projectRoot(), 'test', 'fixtures', name), 'utf8')) as LabelledSet);
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`);

/** Recall per crisis category, false alarms per ordinary category, and the totals. */
function printSet(title: string, examples: readonly Example[]): void {
  const flagged = (example: Example) => detectCrisis(example.text).tier !== 'none';
  const crisis = examples.filter((example) => example.crisis);
  const benign = examples.filter((example) => !example.crisis);
  const found = crisis.filter(flagged).length;
  const alarms = benign.filter(flagged).length;
  console.log(`crisis detector, ${title}: recall ${found}/${crisis.length} (${percent(found, crisis.length)}), false alarms ${alarms}/${benign.length} (${percent(alarms, benign.length)})`);
  const categories = [...new Set(examples.map((example) => `${example.crisis ? 'crisis' : 'benign'}/${example.category}`))];
  for (const key of categories) {
    const inCategory = examples.filter((example) => `${example.crisis ? 'crisis' : 'benign'}/${example.category}` === key);
    const hits = inCategory.filter(flagged).length;
    const label = key.startsWith('crisis/') ? 'recall' : 'false alarms';
    console.log(`  ${key.padEnd(34)} ${label} ${hits}/${inCategory.length} (${percent(hits, inCategory.length)})`);
  }
}

/**
 * Time per message over every sentence, after a warm-up: CPU time (what the detector costs, whatever
 * else the machine is doing) and wall-clock median, 99th percentile and worst, with the load average.
 */
function printTiming(texts: readonly string[]): void {
  for (const text of texts) detectCrisis(text);
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let round = 0; round < 5; round += 1) {
    for (const text of texts) {
      const start = process.hrtime.bigint();
      detectCrisis(text);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  times.sort((a, b) => a - b);
  const at = (share: number) => (times[Math.min(times.length - 1, Math.floor(times.length * share))] ?? 0).toFixed(3);
  const cpuPerMessage = (cpu.user + cpu.system) / 1000 / times.length;
  console.log(
    `crisis detector time per message (${times.length} runs): CPU ${cpuPerMessage.toFixed(3)} ms; wall median ${at(0.5)} ms, p99 ${at(0.99)} ms, worst ${at(1)} ms ` +
      `(load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)`,
  );
}

export function printCrisisFigures(): void {
  const dev = readSet('crisis-dev-set.json');
  const corpus = readSet('crisis-corpus.json');
  printSet('development set', dev);
  printSet('corpus', corpus);
  printSet('corpus, held-out fifth (never trained on)', holdOut(corpus, 5).held);
  printSet('unseen probes', readSet('crisis-probes.json'));
  printTiming([...dev, ...corpus].map((example) => example.text));
}
