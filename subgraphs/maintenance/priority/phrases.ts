/**
 * Readable word lists compiled to regular expressions at load time. The safety rules
 * (safety.ts) and the campus concepts (concepts.ts) are written as lists of phrases in this
 * small notation, so that a reviewer reads words, not a 1,000-character pattern:
 *
 *   smell* of gas        words in this order; `word*` is any word that starts so ("smells")
 *   pipe is? leaking     `word?` may be missing ("pipe leaking", "pipe is leaking")
 *   {gas} ... {leaking}  `{name}` is any phrase of the word list `name`; `...` skips up to 40
 *                        characters within one clause (no . , ; : ! ? between)
 *   {gas} ~ {hissing}    `~` skips up to 80 characters within one sentence (no . ! ?)
 *   under #cm of water   `#` at the start of a word is a number ("under 5cm of water")
 *   in the _? lift       `_` is any one word ("in the goods lift")
 *
 * Texts are matched after `normalizeForRules` (lower case, one space between words, curly
 * quotes straightened), so phrases are written in lower case with single spaces.
 */

export type WordLists = Readonly<Record<string, readonly string[]>>;

const CLAUSE_GAP = '\\b[^.,;:!?]{0,40}\\b';
const SENTENCE_GAP = '\\b[^.!?]{0,80}\\b';

/** Lower case, one space between words, apostrophes straightened or restored ("cant"); punctuation kept for clauses. */
export function normalizeForRules(text: string): string {
  const plain = text.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
  return plain.replace(/\b(can|won|don|doesn|isn|didn|couldn|wouldn|aren|wasn)t\b/g, "$1't").replace(/\btheres\b/g, "there's");
}

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function compileWord(token: string, lists: WordLists): string {
  const list = /^\{(\w+)\}$/.exec(token);
  if (list) {
    const phrases = lists[list[1]];
    if (!phrases) throw new Error(`unknown word list {${list[1]}}`);
    return anyOf(phrases, lists);
  }
  if (token === '_') return "[\\w'-]+";
  const word = escapeRegExp(token.endsWith('*') ? token.slice(0, -1) : token).replace(/^#/, '\\d+');
  return token.endsWith('*') ? `${word}\\w*` : word;
}

/** One phrase of the notation above as a regular expression source (no outer word boundaries). */
export function compilePhrase(phrase: string, lists: WordLists): string {
  const tokens = phrase.trim().split(/\s+/);
  let source = '';
  /** What joins the next word to the text so far: a space, a gap, or nothing after an optional word that follows a gap. */
  let joint: string | null = null;
  for (const token of tokens) {
    if (token === '...' || token === '~') {
      if (source === '') throw new Error(`phrase "${phrase}" must start with a word`);
      joint = token === '...' ? CLAUSE_GAP : SENTENCE_GAP;
      continue;
    }
    const optional = token.length > 1 && token.endsWith('?');
    const word = compileWord(optional ? token.slice(0, -1) : token, lists);
    if (source === '') {
      if (optional) throw new Error(`phrase "${phrase}" must start with a word`);
      source = word;
    } else if (joint === '') {
      source += optional ? `(?:${word} )?` : word;
      joint = optional ? '' : ' ';
      continue;
    } else if (joint !== null && joint !== ' ') {
      // After a gap the optional word carries its own space: "... has? no" is "…(has )?no".
      source += optional ? `${joint}(?:${word} )?` : `${joint}${word}`;
      joint = optional ? '' : ' ';
      continue;
    } else {
      source += optional ? `(?:${joint ?? ' '}${word})?` : `${joint ?? ' '}${word}`;
    }
    joint = ' ';
  }
  if (joint !== ' ') throw new Error(`phrase "${phrase}" must end with a word`);
  return source;
}

/** Any of the phrases, as one non-capturing group. */
export function anyOf(phrases: readonly string[], lists: WordLists): string {
  // Longest first, so that a match quotes "water pouring through", not just "water pouring".
  const longestFirst = [...phrases].sort((a, b) => b.length - a.length);
  return `(?:${longestFirst.map((phrase) => compilePhrase(phrase, lists)).join('|')})`;
}

export interface PhraseSet {
  /** Any of these phrases, as whole words. */
  phrases: readonly string[];
  /** Not when one of these phrases comes just before (within the clause, 20 characters). */
  unlessBefore?: readonly string[];
  /** Not when one of these words comes right after ("smoke detector"). */
  unlessAfter?: readonly string[];
}

/** A phrase set as one regular expression (global, so every occurrence can be examined). */
export function compilePhraseSet(set: PhraseSet, lists: WordLists): RegExp {
  const before = set.unlessBefore ? `(?<!\\b${anyOf(set.unlessBefore, lists)}\\b[^.,;:!?]{0,20})` : '';
  const after = set.unlessAfter ? `(?![\\s-]${anyOf(set.unlessAfter, lists)}\\b)` : '';
  return new RegExp(`${before}\\b${anyOf(set.phrases, lists)}\\b${after}`, 'g');
}
