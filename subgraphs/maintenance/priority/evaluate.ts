/**
 * `npm run eval:priority`: measures the classifier on text its model never saw: the held-out
 * split of tickets.jsonl (model trained on the training split and every studied fresh set),
 * each studied fresh set left out in turn (model trained on the training split and the other
 * studied sets: the estimate of how the next writer's text will fare) and every fresh set not
 * yet studied. Accuracy, recall per priority, the confusion matrix and the dangers ranked below HIGH.
 */
import path from 'node:path';
import { PRIORITIES, type TicketPriority } from '../sla';
import { PriorityClassifier } from './classifier';
import { DATASET_FILE, freshFiles, loadDataset, splitDataset, STUDIED_FRESH, TRAINED_FRESH, trainingExamples, type Example } from './dataset';

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

/** The shipped model's training (tickets.jsonl's training split and the studied fresh sets) measured on the held-out split. */
export function evaluateHeldOut(): Evaluation {
  return evaluate(trainingExamples(), splitDataset(loadDataset()).heldOut);
}

/**
 * A fresh set scored by a model that never saw it: a studied set is left out of training (the
 * others stay in), an unstudied one never was in.
 */
export function evaluateFresh(file: string): Evaluation {
  return evaluate(trainingExamples(file), loadDataset(file));
}

/** Trains on `train` and measures on `heldOut`, which must share no text with it. */
export function evaluate(train: Example[], heldOut: Example[]): Evaluation {
  const trained = new Set(train.map((e) => e.text));
  if (heldOut.some((e) => trained.has(e.text))) throw new Error('the test set shares a ticket with the training set');
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
  report('held-out 20% of the data set', evaluateHeldOut());
  for (const file of freshFiles()) {
    const how = TRAINED_FRESH.includes(file)
      ? 'studied; left out of training'
      : STUDIED_FRESH.includes(file)
        ? 'studied for the rules, never trained on'
        : 'never studied nor trained on';
    report(`fresh test set ${path.basename(file)} (${how})`, evaluateFresh(file));
  }
}
