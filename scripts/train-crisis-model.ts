// npx tsx scripts/train-crisis-model.ts — trains the learned stage of the crisis detector from
// test/fixtures/crisis-corpus.json and writes domain/crisis/model.json. Deterministic: the same corpus
// gives the same file (a test checks the committed one). The development set is never used here,
// so the bench's figures on it stay honest.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledSet } from '../domain/crisis/corpus.js';
import { TRAINING, trainCrisisModel } from '../domain/crisis/training.js';

const root = join(import.meta.dirname, '..');
const corpus = JSON.parse(readFileSync(join(root, 'test/fixtures/crisis-corpus.json'), 'utf8')) as LabelledSet;
const report = trainCrisisModel(corpus);
writeFileSync(join(root, 'domain/crisis/model.json'), `${JSON.stringify(report.model)}\n`);
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
process.stdout.write(
  `trained on ${report.trained} sentences (${TRAINING.epochs} epochs, seed ${TRAINING.seed}); held out ${report.heldOut}: ` +
    `threshold ${report.model.threshold}, model alone recall ${percent(report.recall)}, false alarms ${percent(report.falseAlarms)}\n`,
);
