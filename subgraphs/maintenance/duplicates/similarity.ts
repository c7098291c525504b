/**
 * How alike two ticket texts are, 0..1: the Dice coefficient of their sets of Porter-stemmed
 * words (stop words aside), so word order and inflection do not matter. A pair at or above
 * DUPLICATE_THRESHOLD is taken for the same fault.
 */
import { PorterStemmer } from 'natural/lib/natural/stemmers';

const WORD = /[\p{L}\p{N}]+/gu;
const STOP_WORDS = new Set([
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
  'my',
  'our',
  'please',
]);

export const DUPLICATE_THRESHOLD = 0.6;

export function stemSet(text: string): Set<string> {
  const words = text.toLowerCase().match(WORD) ?? [];
  return new Set(words.filter((word) => !STOP_WORDS.has(word)).map((word) => PorterStemmer.stem(word)));
}

export function textSimilarity(a: string, b: string): number {
  const left = stemSet(a);
  const right = stemSet(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const stem of left) if (right.has(stem)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}
