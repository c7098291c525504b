/**
 * Ticket priority from text, in two parts. CRITICAL means one of the dangers the contract
 * names (fire, smoke, gas, live wires, flooding, someone trapped, a building without power or
 * water, structural damage): the safety rules of safety.ts recognise those, and a text they
 * match is CRITICAL whatever else it says. Everything else is ranked by a logistic regression
 * (model.ts) over natural's stemmed words, word pairs and campus concepts (features.ts), trained
 * at start-up on the training split of tickets.jsonl and the studied fresh sets. When the model
 * is sure of danger that no rule names (someone wrote it in words nobody foresaw), the ticket is
 * CRITICAL too: an hour lost on a danger costs more than a quick look at a false alarm.
 * Deterministic: the same text always gets the same answer.
 */
import { PRIORITIES, type TicketPriority } from '../sla';
import { trainingExamples, type Example } from './dataset';
import { DANGER_TOKEN, ticketFeatureWords, ticketFeatures, words, type FeatureWords } from './features';
import { SoftmaxModel } from './model';
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
  /** Its tokens that the model knows, with the words behind them. */
  known: FeatureWords[];
  /** The danger rules it matches, with the matched words. */
  dangers: DangerMatch[];
  /** The reporter's own words that the fault is minor or the thing still works ("works fine", "just cosmetic"). */
  minor: FeatureWords[];
  /** Its words as features.ts reads them, space-separated and padded: quotes must be found in it. */
  wording: string;
}

/** When the classifier has nothing to go on (no known word), a ticket is assumed MEDIUM. */
const FALLBACK: TicketPriority = 'MEDIUM';
const SAFETY_CONFIDENCE = 0.9;
/**
 * P(CRITICAL) from which the model alone makes a ticket CRITICAL, for danger written in words no
 * safety rule knows: more likely than the other three together. With naive Bayes this was 0.98
 * and a word that bears danger had to be among the strongest, since naive Bayes was often all but
 * sure from where emergencies are reported ("corridor", "pitch black"); the regression is not,
 * and those guards, kept, cost 6 to 10 points of CRITICAL recall leaving one writer out (BENCHMARKS.md).
 */
const SURE_DANGER = 0.5;
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
/** Words that make a quoted pair of words say nothing more than its other word ("light in", "the far"). */
const PAIR_FILLERS = new Set(
  'a an the and or of in on at to is are was were it its for with my our this that there from by as be been i we you'.split(' '),
);
const isFillerPair = (words: string) => {
  const pair = words.split(' ');
  return pair.length === 2 && pair.some((word) => PAIR_FILLERS.has(word));
};
/** Below this share of the non-critical probability the runner-up is not worth naming. */
const CLOSE_CALL = 0.25;

export class PriorityClassifier {
  private constructor(private readonly model: SoftmaxModel<TicketPriority>) {}

  static train(examples: readonly Example[]): PriorityClassifier {
    const labelled = examples.map((example) => ({ features: ticketFeatures(example.text), label: example.priority }));
    return new PriorityClassifier(SoftmaxModel.train(PRIORITIES, labelled));
  }

  /** Trained on the training split of the shipped data set and the studied fresh sets (the held-out split is for eval). */
  static fromDataset(): PriorityClassifier {
    return PriorityClassifier.train(trainingExamples());
  }

  /** The text as the model reads it, once: the tokens it knows (with their words) and the danger rules that fired. */
  private read(text: string): Reading {
    const features = ticketFeatureWords(text);
    const known = features.filter((feature) => this.model.knows(feature.token));
    const dangers = features.flatMap(({ token, words }) =>
      token.startsWith(DANGER_TOKEN) ? [{ rule: token.slice(DANGER_TOKEN.length), words }] : [],
    );
    // A whole building without something is not minor because one other thing there works.
    const wide = features.some(({ token }) => token === '§building_wide');
    const minor = wide ? [] : features.filter(({ token }) => MINOR_CONCEPTS.has(token));
    return { known, dangers, minor, wording: ` ${words(text).join(' ')} ` };
  }

  /** The model's probability of each priority, or null when it knows no word of the text. */
  probabilities(text: string): Probabilities | null {
    return this.probabilitiesOf(this.read(text));
  }

  private probabilitiesOf({ known }: Reading): Probabilities | null {
    if (known.length === 0) return null;
    const shares = this.model.probabilities(known.map((feature) => feature.token));
    return Object.fromEntries(PRIORITIES.map((label, i) => [label, shares[i]])) as Probabilities;
  }

  /**
   * The words of the text that speak most for `label`: per feature, how much its weight raises
   * `label` against the other priorities; the strongest positive ones, each phrase once.
   */
  strongestWords(text: string, label: TicketPriority): string[] {
    return this.strongestWordsOf(this.read(text), label);
  }

  private strongestWordsOf({ known, wording }: Reading, label: TicketPriority): string[] {
    const ranked = known
      .map((feature) => ({ ...feature, ratio: this.model.contribution(feature.token, label) }))
      .filter((feature) => feature.ratio > 0)
      .sort((a, b) => b.ratio - a.ratio || (a.token < b.token ? -1 : 1));
    const quoted: string[] = [];
    for (const { words } of ranked) {
      if (quoted.length === REASON_WORDS) break;
      if (!words.includes(' ') && (words.length < 3 || UNINFORMATIVE.has(words))) continue;
      // A denial reaches over skipped words ("no heating in the whole" denies "whole"): quote only words as written.
      if (isFillerPair(words) || !wording.includes(` ${words} `)) continue;
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
    const verdict = decide(reading.dangers, reading.minor, probabilities);
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

/** The priority from the danger rules that fired, the reporter's "minor" words and the model's probabilities. */
function decide(
  dangers: readonly DangerMatch[],
  minor: readonly FeatureWords[],
  probabilities: Probabilities | null,
): Omit<PriorityVerdict, 'reasons'> {
  const signals = dangers.map((match) => match.rule);
  if (signals.length > 0) {
    return { priority: 'CRITICAL', confidence: round(Math.max(SAFETY_CONFIDENCE, probabilities?.CRITICAL ?? 0)), signals };
  }
  if (!probabilities) return { priority: FALLBACK, confidence: round(1 / PRIORITIES.length), signals };
  const candidates = minor.length > 0 ? MINOR : NOT_CRITICAL;
  if (minor.length === 0 && probabilities.CRITICAL >= SURE_DANGER)
    return { priority: 'CRITICAL', confidence: round(probabilities.CRITICAL), signals };
  // Ties go to the more urgent priority (candidates run from LOW upwards).
  const priority = candidates.reduce((best, label) => (probabilities[label] >= probabilities[best] ? label : best));
  const rest = candidates.reduce((sum, label) => sum + probabilities[label], 0);
  return { priority, confidence: round(probabilities[priority] / rest), signals };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
