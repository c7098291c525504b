/**
 * Text → the tokens the classifier sees: lower-cased words of any script, Porter-stemmed, the
 * two words after a denial in the same clause marked as denied ("not leaking" is `not_leak`),
 * plus campus-maintenance concepts (concepts.ts) and the danger signals of the safety rules
 * (safety.ts), and pairs of neighbouring words ("no_power", "slow_drain"). Pairs lowered naive
 * Bayes's accuracy (it counts them as more independent evidence) and raised the regression's
 * (model.ts) leave-one-writer-out accuracy from 93.3% to 94.4% (BENCHMARKS.md).
 */
import { PorterStemmer } from 'natural/lib/natural/stemmers';
import { conceptMatches } from './concepts';
import { dangerMatches } from './safety';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
/** Words that only shout or greet: neither a token nor part of a pair. */
const SHOUTING = new Set(['urgent', 'urgently', 'asap', 'please', 'pls', 'hi', 'hello', 'thanks', 'thank']);

/** Words too common to tell priorities apart; negations are deliberately not among them. */
const STOP_WORDS = new Set([
  ...SHOUTING,
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'in',
  'on',
  'at',
  'to',
  'is',
  'are',
  'was',
  'it',
  'its',
  'this',
  'that',
  'there',
  'for',
  'with',
  'be',
  'been',
  'i',
  'we',
  'our',
  'my',
  'me',
  'you',
  'room',
  'floor',
  'building',
]);
const NEGATIONS = new Map([
  ["don't", 'not'],
  ["doesn't", 'not'],
  ["won't", 'not'],
  ["can't", 'not'],
  ["isn't", 'not'],
  ["wasn't", 'not'],
  ['cannot', 'not'],
  ['nothing', 'no'],
]);

export function words(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().replace(/’/g, "'").match(WORD) ?? []).map((w) => NEGATIONS.get(w) ?? w);
}

/** Words that deny what follows them in the clause ("not leaking", "no smoke or sparks"). */
const DENIALS = new Set(['no', 'not', 'never', 'without', 'nobody', 'none', 'neither', 'nor']);
/** How many words after a denial it still covers. */
const DENIAL_REACH = 2;

/** The text cut into clauses: a denial reaches no further than the clause it is in. */
function clauses(text: string): string[][] {
  return text
    .split(/[.,;:!?()\n]+|\s+-\s+|\bbut\b/i)
    .map((clause) => words(clause))
    .filter((clause) => clause.length > 0);
}

/**
 * A clause's word tokens, the words a denial covers marked as denied: "not leaking" is
 * `not_leak`, not evidence of a leak, and "no smoke" does not speak of smoke.
 */
function negationScoped(clause: string[]): FeatureWords[] {
  const tokens: FeatureWords[] = [];
  let denial: string | null = null;
  let reach = 0;
  for (const word of clause) {
    if (DENIALS.has(word)) {
      denial = word;
      reach = DENIAL_REACH;
      tokens.push({ token: word, words: word });
      continue;
    }
    if (STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    const stem = PorterStemmer.stem(word);
    if (denial !== null && reach > 0) {
      reach--;
      tokens.push({ token: `not_${stem}`, words: `${denial} ${word}` });
    } else tokens.push({ token: stem, words: word });
  }
  return tokens;
}

/** The prefix of the tokens that say a safety rule fired (`§danger_gas`). */
export const DANGER_TOKEN = '§danger_';

/** A token the classifier sees and the words of the text behind it ("heat" ← "heating"). */
export interface FeatureWords {
  token: string;
  words: string;
}

/** Neighbouring words, stemmed, function words kept ("out of", "no power"): `out_of`, `no_power`. */
function wordPairs(all: string[]): FeatureWords[] {
  const kept = all.filter((word) => !SHOUTING.has(word));
  const stems = kept.map((word) => PorterStemmer.stem(word));
  return stems.slice(1).map((stem, i) => ({ token: `${stems[i]}_${stem}`, words: `${kept[i]} ${kept[i + 1]}` }));
}

/** Every token of the text once, with the first words that gave it: what reasons quote. */
export function ticketFeatureWords(text: string): FeatureWords[] {
  const all = words(text);
  const stems = clauses(text).flatMap(negationScoped);
  const concepts = conceptMatches(all.join(' '));
  const dangers = dangerMatches(text).map((match) => ({ token: `${DANGER_TOKEN}${match.rule}`, words: match.words }));
  const seen = new Set<string>();
  return [...stems, ...concepts, ...dangers, ...wordPairs(all)].filter(({ token }) => !seen.has(token) && seen.add(token));
}

export function ticketFeatures(text: string): string[] {
  return ticketFeatureWords(text).map((feature) => feature.token);
}
