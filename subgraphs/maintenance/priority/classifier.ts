/**
 * Ticket priority from text, in two parts. CRITICAL means one of the dangers the contract
 * names (fire, smoke, gas, live wires, flooding, someone trapped, a building without power or
 * water, structural damage): the safety rules of safety.ts recognise those, and a text they
 * match is CRITICAL whatever else it says. Everything else is ranked LOW, MEDIUM or HIGH by
 * natural's naive Bayes classifier over stemmed words and campus concepts (features.ts),
 * trained on the training split of tickets.jsonl at start-up. When the classifier is all but
 * sure of danger that no rule names (someone wrote it in words nobody foresaw), the ticket is
 * CRITICAL too: an hour lost on a danger costs more than a quick look at a false alarm.
 * Deterministic: the same text always gets the same answer.
 */
import { BayesClassifier } from 'natural/lib/natural/classifiers';
import { PRIORITIES, type TicketPriority } from '../sla';
import { trainingExamples, type Example } from './dataset';
import { DANGER_TOKEN, ticketFeatureWords, ticketFeatures, type FeatureWords } from './features';
import type { DangerMatch } from './safety';

export interface PriorityVerdict {
  priority: TicketPriority;
  /** Probability of the chosen priority, 0..1 (for a safety-rule decision, at least 0.9). */
  confidence: number;
  /** Danger rules that raised the classifier's answer, if any. */
  signals: string[];
  /** What decided it, in words a person understands. */
  reasons: string[];
}

type Probabilities = Record<TicketPriority, number>;

/** A text as the model reads it. */
interface Reading {
  /** Its tokens that the model knows, with their index in the model's counts and the words behind them. */
  known: (FeatureWords & { index: number })[];
  /** The danger rules it matches, with the matched words. */
  dangers: DangerMatch[];
  /** The reporter's own words that the fault is minor or the thing still works ("works fine", "just cosmetic"). */
  minor: FeatureWords[];
}

/** The shape of natural's trained Bayes model (apparatus) that scoring reads. */
interface BayesModel {
  classFeatures: Record<string, Record<number, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
}

/** Additive smoothing of feature shares, chosen by 5-fold cross-validation on the training split (BENCHMARKS.md). */
const SMOOTHING = 0.5;
/** When the classifier has nothing to go on (no known word), a ticket is assumed MEDIUM. */
const FALLBACK: TicketPriority = 'MEDIUM';
const SAFETY_CONFIDENCE = 0.9;
/**
 * P(CRITICAL) from which the classifier alone makes a ticket CRITICAL, for danger written in
 * words no safety rule knows. First chosen at 0.95 by 5-fold cross-validation on the training
 * split with the rules switched off (the words alone then catch 85% of dangers). Raised to 0.98
 * when the second fresh set showed long, wordy texts (an overflowing bin, a smartboard with a
 * "dead" corner) reaching 0.95: with the rules on, 0.98 loses no danger on any set and raises
 * cross-validated accuracy (BENCHMARKS.md).
 */
const SURE_DANGER = 0.98;
/**
 * Beginnings of words that bear one of the contract's dangers (fire, smoke, gas, electricity,
 * water, a structure failing, someone trapped). The classifier alone makes a ticket CRITICAL
 * only when one of the words that speak most for CRITICAL is one of these: a model that is 98%
 * sure from "reported", "corridor" and "light", or from "pitch black" and "car park", has learnt
 * where emergencies are reported, not that one is happening.
 */
const DANGER_BEARING =
  /^(?:fire|flam|burn|scorch|smok|haz[ey]|smell|stench|fume|gas|spark|shock|live|wire|wiring|cabl|plug|socket|power|electr|pop|bang|explo|water|flood|overflow|stream|pour|gush|deep|sewag|leak|concrete|brick|mason|chunk|collaps|split|shaft|trap)/;
const NOT_CRITICAL: readonly TicketPriority[] = ['LOW', 'MEDIUM', 'HIGH'];
/**
 * Concepts (concepts.ts) by which the reporter says the fault is minor, the thing still does
 * its job or only asks for a new battery. With no danger rule fired, such a ticket is LOW or
 * MEDIUM: "works fine" or "just cosmetic" outweighs whatever else the text says (a fire door that
 * "closes and latches properly" but squeaks). Of the 1,690 labelled tickets the phrases mark
 * 46: 33 LOW, 12 MEDIUM, one HIGH ("no hot water … cold works fine"), none CRITICAL. Since the studied fresh sets are trained on, the classifier also
 * weighs them as evidence between LOW and MEDIUM (leave-one-set-out 95.3% → 95.6%).
 */
const MINOR_CONCEPTS = new Set(['§still_works', '§minor', '§battery_low']);
const MINOR: readonly TicketPriority[] = ['LOW', 'MEDIUM'];

/** At most this many words are quoted as the classifier's reason. */
const REASON_WORDS = 3;
/** Words that may weigh in the model but explain nothing to a reader when quoted alone. */
const UNINFORMATIVE = new Set(
  (
    "a about again all also am an any as be been being but by can could did do does don't from get got had has have here " +
    "if it it's i'm just lot no not now one out really so some still there today up very was were what when will would yet"
  ).split(' '),
);
/** Below this share of the non-critical probability the runner-up is not worth naming. */
const CLOSE_CALL = 0.25;

export class PriorityClassifier {
  /** Feature token → its index in the model's counts (natural numbers its features in insertion order). */
  private readonly index: Map<string, number>;

  private constructor(private readonly bayes: BayesClassifier) {
    const features = (bayes as unknown as { features: Record<string, number> }).features;
    this.index = new Map(Object.keys(features).map((token, i) => [token, i]));
  }

  static train(examples: readonly Example[]): PriorityClassifier {
    const bayes = new BayesClassifier();
    for (const example of examples) bayes.addDocument(ticketFeatures(example.text), example.priority);
    bayes.train();
    return new PriorityClassifier(bayes);
  }

  /** Trained on the training split of the shipped data set and the studied fresh sets (the held-out split is for eval). */
  static fromDataset(): PriorityClassifier {
    return PriorityClassifier.train(trainingExamples());
  }

  private get model(): BayesModel {
    return (this.bayes as unknown as { classifier: BayesModel }).classifier;
  }

  /** The text as the model reads it, once: the tokens it knows (with their words) and the danger rules that fired. */
  private read(text: string): Reading {
    const features = ticketFeatureWords(text);
    const known = features.flatMap((feature) => {
      const index = this.index.get(feature.token);
      return index === undefined ? [] : [{ ...feature, index }];
    });
    const dangers = features.flatMap(({ token, words }) =>
      token.startsWith(DANGER_TOKEN) ? [{ rule: token.slice(DANGER_TOKEN.length), words }] : [],
    );
    // A whole building without something is not minor because one other thing there works.
    const wide = features.some(({ token }) => token === '§building_wide');
    const minor = wide ? [] : features.filter(({ token }) => MINOR_CONCEPTS.has(token));
    return { known, dangers, minor };
  }

  /**
   * log P(feature | labels): the share of those labels' examples that have the feature, with
   * additive smoothing (natural's own scoring gives a feature seen once the same weight as one
   * never seen).
   */
  private logLikelihood(index: number, labels: readonly TicketPriority[]): number {
    const model = this.model;
    const count = labels.reduce((sum, label) => sum + (model.classFeatures[label]?.[index] ?? 0), 0);
    const total = labels.reduce((sum, label) => sum + model.classTotals[label], 0);
    return Math.log((count + SMOOTHING) / (total + 2 * SMOOTHING));
  }

  /**
   * Class probabilities from the model's counts, computed in log space: natural's own scores
   * multiply per-feature probabilities and underflow to 0 for long texts.
   */
  probabilities(text: string): Probabilities | null {
    return this.probabilitiesOf(this.read(text));
  }

  private probabilitiesOf({ known }: Reading): Probabilities | null {
    if (known.length === 0) return null;
    const model = this.model;
    const logScores = PRIORITIES.map((label) => {
      let score = Math.log(model.classTotals[label] / model.totalExamples);
      for (const { index } of known) score += this.logLikelihood(index, [label]);
      return score;
    });
    const max = Math.max(...logScores);
    const weights = logScores.map((score) => Math.exp(score - max));
    const sum = weights.reduce((a, b) => a + b, 0);
    return Object.fromEntries(PRIORITIES.map((label, i) => [label, weights[i] / sum])) as Probabilities;
  }

  /**
   * The words of the text that speak most for `label`: per feature, the log-likelihood ratio of
   * `label` against the other priorities together; the strongest positive ones, each phrase once.
   */
  strongestWords(text: string, label: TicketPriority): string[] {
    return this.strongestWordsOf(this.read(text), label);
  }

  private strongestWordsOf({ known }: Reading, label: TicketPriority): string[] {
    const others = PRIORITIES.filter((p) => p !== label);
    const ranked = known
      .map((feature) => ({ ...feature, ratio: this.logLikelihood(feature.index, [label]) - this.logLikelihood(feature.index, others) }))
      .filter((feature) => feature.ratio > 0)
      .sort((a, b) => b.ratio - a.ratio || (a.token < b.token ? -1 : 1));
    const quoted: string[] = [];
    for (const { words } of ranked) {
      if (quoted.length === REASON_WORDS) break;
      if (!words.includes(' ') && (words.length < 3 || UNINFORMATIVE.has(words))) continue;
      // A word inside a phrase already quoted ("lift" in "lift is out of order") adds nothing;
      // a phrase around a word already quoted takes its place.
      if (quoted.some((q) => q.includes(words))) continue;
      const inside = quoted.findIndex((q) => words.includes(q));
      if (inside >= 0) quoted.splice(inside, 1, words);
      else quoted.push(words);
    }
    return [...new Set(quoted)];
  }

  assess(text: string): PriorityVerdict {
    const reading = this.read(text);
    const probabilities = this.probabilitiesOf(reading);
    const strongest = probabilities ? this.strongestWordsOf(reading, 'CRITICAL') : [];
    const verdict = decide(reading.dangers, reading.minor, probabilities, strongest);
    return { ...verdict, reasons: this.explain(reading, probabilities, verdict) };
  }

  /** What decided the verdict, for people: the safety rules that fired, or the words that weighed most. */
  private explain(reading: Reading, probabilities: Probabilities | null, verdict: Omit<PriorityVerdict, 'reasons'>): string[] {
    if (reading.dangers.length > 0) return reading.dangers.map((match) => `Safety rule "${match.rule}": "${match.words}"`);
    if (!probabilities) return [`No word it knows: ${verdict.priority} until someone reads it`];
    const quote = (words: string[]) => words.map((w) => `"${w}"`).join(', ');
    if (verdict.priority === 'CRITICAL') {
      const sure = `${Math.floor(probabilities.CRITICAL * 100)}%`;
      return [
        `Words that point to CRITICAL: ${quote(this.strongestWordsOf(reading, 'CRITICAL'))}`,
        `No safety rule names the danger, but the words are those of emergencies (${sure} sure)`,
      ];
    }
    const words = this.strongestWordsOf(reading, verdict.priority);
    const reasons = [words.length > 0 ? `Words that point to ${verdict.priority}: ${quote(words)}` : 'No word points clearly to a priority'];
    const candidates = reading.minor.length > 0 ? MINOR : NOT_CRITICAL;
    const rest = candidates.reduce((sum, label) => sum + probabilities[label], 0);
    const runnerUp = candidates.filter((p) => p !== verdict.priority).reduce((a, b) => (probabilities[b] > probabilities[a] ? b : a));
    if (probabilities[runnerUp] / rest >= CLOSE_CALL) {
      const share = (label: TicketPriority) => `${Math.round((probabilities[label] / rest) * 100)}%`;
      reasons.push(`A close call: ${verdict.priority} ${share(verdict.priority)}, ${runnerUp} ${share(runnerUp)}`);
    }
    // After the close call, so that the runner-up stays the second reason.
    if (reading.minor.length > 0)
      reasons.push(`The reporter says it is minor or still works (${quote(reading.minor.map((m) => m.words))}): LOW or MEDIUM`);
    return reasons;
  }
}

/**
 * The priority from the danger rules that fired, the model's probabilities and the words that
 * speak most for CRITICAL.
 */
function decide(
  dangers: readonly DangerMatch[],
  minor: readonly FeatureWords[],
  probabilities: Probabilities | null,
  strongest: readonly string[],
): Omit<PriorityVerdict, 'reasons'> {
  const signals = dangers.map((match) => match.rule);
  if (signals.length > 0) {
    return { priority: 'CRITICAL', confidence: round(Math.max(SAFETY_CONFIDENCE, probabilities?.CRITICAL ?? 0)), signals };
  }
  if (!probabilities) return { priority: FALLBACK, confidence: round(1 / PRIORITIES.length), signals };
  const candidates = minor.length > 0 ? MINOR : NOT_CRITICAL;
  if (minor.length === 0 && probabilities.CRITICAL >= SURE_DANGER && strongest.some((words) => words.split(' ').some((w) => DANGER_BEARING.test(w))))
    return { priority: 'CRITICAL', confidence: round(probabilities.CRITICAL), signals };
  // Ties go to the more urgent priority (candidates run from LOW upwards).
  const priority = candidates.reduce((best, label) => (probabilities[label] >= probabilities[best] ? label : best));
  const rest = candidates.reduce((sum, label) => sum + probabilities[label], 0);
  return { priority, confidence: round(probabilities[priority] / rest), signals };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
