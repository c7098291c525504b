/**
 * `npm run eval:priority`: trains on the training split, then measures on the held-out split
 * that training never saw and on every fresh test set present (tickets.fresh*.jsonl): accuracy,
 * recall per priority, the confusion matrix and the dangers ranked below HIGH.
 */
import path from 'node:path';
import { PRIORITIES, type TicketPriority } from '../sla';
import { PriorityClassifier } from './classifier';
import { DATASET_FILE, freshFiles, loadDataset, splitDataset, STUDIED_FRESH, type Example } from './dataset';

export interface Evaluation {
  trainSize: number;
  heldOutSize: number;
  accuracy: number;
  /** confusion[actual][predicted] */
  confusion: Record<TicketPriority, Record<TicketPriority, number>>;
  /** Per actual priority, the share ranked exactly so. */
  recall: Record<TicketPriority, number>;
  criticalRecall: number;
  /** Held-out CRITICAL examples ranked below HIGH: danger the system would under-rank. */
  criticalRankedLow: Example[];
  /** Held-out examples ranked wrongly, with what they got. */
  misses: (Example & { predicted: TicketPriority })[];
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
  const misses: Evaluation['misses'] = [];
  for (const example of heldOut) {
    const { priority } = classifier.assess(example.text);
    confusion[example.priority][priority]++;
    if (priority !== example.priority) misses.push({ ...example, predicted: priority });
  }
  const recall = Object.fromEntries(
    PRIORITIES.map((actual) => {
      const total = PRIORITIES.reduce((sum, p) => sum + confusion[actual][p], 0);
      return [actual, total === 0 ? 1 : confusion[actual][actual] / total];
    }),
  ) as Evaluation['recall'];
  return {
    trainSize: train.length,
    heldOutSize: heldOut.length,
    accuracy: (heldOut.length - misses.length) / heldOut.length,
    confusion,
    recall,
    criticalRecall: recall.CRITICAL,
    criticalRankedLow: misses.filter((m) => m.priority === 'CRITICAL' && (m.predicted === 'LOW' || m.predicted === 'MEDIUM')),
    misses,
    trainingMs,
  };
}

function report(title: string, result: Evaluation): void {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  console.log(`\n== ${title}: ${result.heldOutSize} tickets (trained on ${result.trainSize} in ${result.trainingMs.toFixed(0)} ms)`);
  console.log(`accuracy: ${pct(result.accuracy)}`);
  console.log(`recall: ${PRIORITIES.map((p) => `${p} ${pct(result.recall[p])}`).join(', ')}`);
  console.log(`CRITICAL ranked LOW or MEDIUM: ${result.criticalRankedLow.length}`);
  console.log('confusion matrix (rows: actual, columns: predicted)');
  console.log(['', ...PRIORITIES].map((h) => h.padStart(9)).join(''));
  for (const actual of PRIORITIES) {
    console.log([actual, ...PRIORITIES.map((p) => String(result.confusion[actual][p]))].map((c) => c.padStart(9)).join(''));
  }
  for (const miss of result.misses) console.log(`  ${miss.priority} ranked ${miss.predicted}: ${miss.text}`);
}

if (require.main === module) {
  const examples = loadDataset();
  console.log(`data set: ${examples.length} tickets (${DATASET_FILE})`);
  report('held-out 20% of the data set', evaluate(examples));
  for (const file of freshFiles()) {
    const studied = STUDIED_FRESH.includes(file) ? 'studied' : 'never studied';
    report(`fresh test set ${path.basename(file)} (${studied})`, evaluate(examples, loadDataset(file)));
  }
}
