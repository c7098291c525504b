/**
 * `npm run eval:priority`: trains on the training split, then measures on the held-out split
 * that training never saw: accuracy, the confusion matrix and CRITICAL recall.
 */
import { PRIORITIES, type TicketPriority } from '../sla';
import { PriorityClassifier } from './classifier';
import fs from 'node:fs';
import { DATASET_FILE, FRESH_FILE, loadDataset, splitDataset, type Example } from './dataset';

export interface Evaluation {
  trainSize: number;
  heldOutSize: number;
  accuracy: number;
  /** confusion[actual][predicted] */
  confusion: Record<TicketPriority, Record<TicketPriority, number>>;
  criticalRecall: number;
  /** Held-out CRITICAL examples ranked below HIGH: danger the system would under-rank. */
  criticalRankedLow: Example[];
  trainingMs: number;
}

/**
 * Trains on the training split of `examples` and measures on its held-out split, or on `testSet`
 * when given (a set written separately, after the model was built).
 */
export function evaluate(examples: Example[] = loadDataset(), testSet?: Example[]): Evaluation {
  const split = splitDataset(examples);
  const { train } = split;
  const heldOut = testSet ?? split.heldOut;
  const started = performance.now();
  const classifier = PriorityClassifier.train(train);
  const trainingMs = performance.now() - started;
  const confusion = Object.fromEntries(
    PRIORITIES.map((actual) => [actual, Object.fromEntries(PRIORITIES.map((p) => [p, 0]))]),
  ) as Evaluation['confusion'];
  const criticalRankedLow: Example[] = [];
  let correct = 0;
  for (const example of heldOut) {
    const { priority } = classifier.assess(example.text);
    confusion[example.priority][priority]++;
    if (priority === example.priority) correct++;
    if (example.priority === 'CRITICAL' && (priority === 'LOW' || priority === 'MEDIUM')) criticalRankedLow.push(example);
  }
  const critical = heldOut.filter((e) => e.priority === 'CRITICAL').length;
  return {
    trainSize: train.length,
    heldOutSize: heldOut.length,
    accuracy: correct / heldOut.length,
    confusion,
    criticalRecall: confusion.CRITICAL.CRITICAL / critical,
    criticalRankedLow,
    trainingMs,
  };
}

function report(title: string, result: Evaluation): void {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  console.log(`\n== ${title}: ${result.heldOutSize} tickets (trained on ${result.trainSize} in ${result.trainingMs.toFixed(0)} ms)`);
  console.log(`accuracy: ${pct(result.accuracy)}`);
  console.log(`CRITICAL recall: ${pct(result.criticalRecall)} (ranked LOW or MEDIUM: ${result.criticalRankedLow.length})`);
  console.log('confusion matrix (rows: actual, columns: predicted)');
  console.log(['', ...PRIORITIES].map((h) => h.padStart(9)).join(''));
  for (const actual of PRIORITIES) {
    console.log([actual, ...PRIORITIES.map((p) => String(result.confusion[actual][p]))].map((c) => c.padStart(9)).join(''));
  }
  for (const example of result.criticalRankedLow) console.log(`under-ranked CRITICAL: ${example.text}`);
}

if (require.main === module) {
  const examples = loadDataset();
  console.log(`data set: ${examples.length} tickets (${DATASET_FILE})`);
  report('held-out 20% of the data set', evaluate(examples));
  if (fs.existsSync(FRESH_FILE)) report('fresh test set, written after the model and rules', evaluate(examples, loadDataset(FRESH_FILE)));
}
