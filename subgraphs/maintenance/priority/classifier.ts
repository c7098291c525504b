/**
 * Ticket priority from text, in two parts. CRITICAL means one of the dangers the contract
 * names (fire, smoke, gas, live wires, flooding, someone trapped, a building without power or
 * water, structural damage): the safety rules of safety.ts recognise those, and a text they
 * match is CRITICAL whatever else it says. Everything else is ranked LOW, MEDIUM or HIGH by
 * natural's naive Bayes classifier over stemmed words and campus concepts (features.ts),
 * trained on the training split of tickets.jsonl at start-up. When the classifier is sure of
 * danger that no rule names, the ticket is HIGH: urgent, but not an emergency on its word
 * alone. Deterministic: the same text always gets the same answer.
 */
import { BayesClassifier } from 'natural/lib/natural/classifiers';
import { PRIORITIES, type TicketPriority } from '../sla';
import { loadDataset, splitDataset, type Example } from './dataset';
import { ticketFeatures } from './features';
import { dangerSignals } from './safety';

export interface PriorityVerdict {
  priority: TicketPriority;
  /** Probability of the chosen priority, 0..1 (for a safety-rule decision, at least 0.9). */
  confidence: number;
  /** Danger rules that raised the classifier's answer, if any. */
  signals: string[];
  /** What decided it, in words a person understands. */
  reasons: string[];
}

/** The shape of natural's trained Bayes model (apparatus) that scoring reads. */
interface BayesModel {
  classFeatures: Record<string, Record<number, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
}

/** When the classifier has nothing to go on (no known word), a ticket is assumed MEDIUM. */
const FALLBACK: TicketPriority = 'MEDIUM';
const SAFETY_CONFIDENCE = 0.9;
/** P(CRITICAL) from which the classifier alone raises a ticket to HIGH (chosen by cross-validation). */
const SUSPECTED_DANGER = 0.8;
const NOT_CRITICAL: readonly TicketPriority[] = ['LOW', 'MEDIUM', 'HIGH'];

export class PriorityClassifier {
  private constructor(private readonly bayes: BayesClassifier) {}

  static train(examples: readonly Example[]): PriorityClassifier {
    const bayes = new BayesClassifier();
    for (const example of examples) bayes.addDocument(ticketFeatures(example.text), example.priority);
    bayes.train();
    return new PriorityClassifier(bayes);
  }

  /** Trained on the training split of the shipped data set (the held-out split is for eval). */
  static fromDataset(): PriorityClassifier {
    return PriorityClassifier.train(splitDataset(loadDataset()).train);
  }

  /**
   * Class probabilities from the model's counts, computed in log space: natural's own scores
   * multiply per-feature probabilities and underflow to 0 for long texts.
   */
  probabilities(text: string): Record<TicketPriority, number> | null {
    const model = (this.bayes as unknown as { classifier: BayesModel }).classifier;
    const vector = this.bayes.textToFeatures(ticketFeatures(text));
    const present = vector.flatMap((value, index) => (value ? [index] : []));
    if (present.length === 0) return null;
    const logScores = PRIORITIES.map((label) => {
      const total = model.classTotals[label];
      const counts = model.classFeatures[label] ?? {};
      let score = Math.log(total / model.totalExamples);
      for (const index of present) score += Math.log((counts[index] || model.smoothing) / total);
      return score;
    });
    const max = Math.max(...logScores);
    const weights = logScores.map((score) => Math.exp(score - max));
    const sum = weights.reduce((a, b) => a + b, 0);
    return Object.fromEntries(PRIORITIES.map((label, i) => [label, weights[i] / sum])) as Record<TicketPriority, number>;
  }

  assess(text: string): PriorityVerdict {
    const verdict = this.decide(text);
    const reasons =
      verdict.signals.length > 0
        ? verdict.signals.map((signal) => `Safety rule "${signal}": danger to people or the building now`)
        : [`Ranked ${verdict.priority} from its words (confidence ${verdict.confidence})`];
    return { ...verdict, reasons };
  }

  private decide(text: string): Omit<PriorityVerdict, 'reasons'> {
    const signals = dangerSignals(text);
    const probabilities = this.probabilities(text);
    if (signals.length > 0) {
      return { priority: 'CRITICAL', confidence: round(Math.max(SAFETY_CONFIDENCE, probabilities?.CRITICAL ?? 0)), signals };
    }
    if (!probabilities) return { priority: FALLBACK, confidence: round(1 / PRIORITIES.length), signals };
    if (probabilities.CRITICAL >= SUSPECTED_DANGER)
      return { priority: 'HIGH', confidence: round(probabilities.HIGH + probabilities.CRITICAL), signals };
    // Ties go to the more urgent priority (NOT_CRITICAL runs from LOW to HIGH).
    const priority = NOT_CRITICAL.reduce((best, label) => (probabilities[label] >= probabilities[best] ? label : best));
    const rest = 1 - probabilities.CRITICAL;
    return { priority, confidence: round(probabilities[priority] / rest), signals };
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;
