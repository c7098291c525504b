/**
 * `npx tsx subgraphs/maintenance/duplicates/evaluate.ts`: measures the duplicate detector on the
 * labelled pairs (pairs.jsonl) at its threshold, and prints a sweep of thresholds to choose from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DUPLICATE_THRESHOLD, textSimilarity } from './similarity';

export const PAIRS_FILE = path.join(__dirname, 'pairs.jsonl');
/** 40 more pairs written after the similarity was tuned, never tuned on. */
export const HELD_OUT_PAIRS_FILE = path.join(__dirname, 'pairs.heldout.jsonl');

/** Two ticket texts ("title. description") at the same place, and whether they report one fault. */
export interface LabelledPair {
  a: string;
  b: string;
  duplicate: boolean;
}

export interface DetectorScore {
  threshold: number;
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export function loadPairs(file = PAIRS_FILE): LabelledPair[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledPair);
}

export function scoreAt(pairs: LabelledPair[], threshold = DUPLICATE_THRESHOLD, similarity = textSimilarity): DetectorScore {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const pair of pairs) {
    const linked = similarity(pair.a, pair.b) >= threshold;
    if (linked && pair.duplicate) truePositives += 1;
    else if (linked) falsePositives += 1;
    else if (pair.duplicate) falseNegatives += 1;
  }
  return {
    threshold,
    precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
    recall: truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives),
    truePositives,
    falsePositives,
    falseNegatives,
  };
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

function main(): void {
  const pairs = loadPairs();
  console.log(`${pairs.length} pairs, ${pairs.filter((p) => p.duplicate).length} duplicates`);
  for (let threshold = 0.2; threshold <= 0.801; threshold += 0.025) {
    const s = scoreAt(pairs, threshold);
    console.log(
      `threshold ${threshold.toFixed(3)}  precision ${percent(s.precision)}  recall ${percent(s.recall)}  (FP ${s.falsePositives}, FN ${s.falseNegatives})`,
    );
  }
  const chosen = scoreAt(pairs);
  console.log(`chosen ${DUPLICATE_THRESHOLD}: precision ${percent(chosen.precision)}, recall ${percent(chosen.recall)}`);
  const heldOut = scoreAt(loadPairs(HELD_OUT_PAIRS_FILE));
  console.log(`held-out pairs at ${DUPLICATE_THRESHOLD}: precision ${percent(heldOut.precision)}, recall ${percent(heldOut.recall)}`);
  if (process.argv.includes('--errors')) {
    for (const pair of pairs) {
      const similarity = textSimilarity(pair.a, pair.b);
      if (similarity >= DUPLICATE_THRESHOLD !== pair.duplicate)
        console.log(`${pair.duplicate ? 'FN' : 'FP'} ${similarity.toFixed(2)}  ${pair.a}  |  ${pair.b}`);
    }
  }
}

if (require.main === module) main();
