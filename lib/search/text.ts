/**
 * Text analysis shared by indexing and querying: the term processor (stop words + Porter stemmer) over the words of
 * the one text normalizer (`lib/text/normalize.ts`: `rawWords` cuts, `normalizeWord` folds case, marks, apostrophes
 * and math notation). Indexing and every query path go through these same functions, so a word typed in the popup,
 * a title read from a page and an indexed abstract all meet as the same stems.
 */
import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import { normalizeWord, rawWords } from '../text/normalize';

/**
 * English stop words (the `stopword` package's `eng` list, 108 words), lowercase. Dropped at indexing and at query
 * time alike. Edge case: a surname that is also a stop word (`He`, `An`) is not searchable on its own.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(eng.map((w) => w.toLowerCase()));

const ASCII_LETTERS = /^[a-z]+$/;
const DIGITS = /^\p{N}+$/u;

/**
 * Turns one raw token into the term that is indexed and searched, or `null` to skip it.
 *
 * Normalizes it (`normalizeWord`: lower case, no diacritics, apostrophes or math marks), drops stop words and single letters (a single digit is kept), and stems
 * ASCII-letter words longer than two letters with the Porter stemmer (`models` → `model`, `diffusion` → `diffus`).
 * Tokens mixing digits or non-ASCII letters (`gpt4`, `3d`, `数据`) are kept unstemmed.
 */
export function processTerm(token: string): string | null {
  let term = termCache.get(token);
  if (term === undefined) {
    // The stemmer costs microseconds per call and a corpus repeats the same few ten thousand words: memoize.
    if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
    term = computeTerm(token);
    termCache.set(token, term);
  }
  return term;
}

/** Most raw tokens `processTerm` remembers; the cache is emptied when full (a corpus has fewer distinct words). */
export const TERM_CACHE_SIZE = 200_000;

const termCache = new Map<string, string | null>();

function computeTerm(token: string): string | null {
  const t = normalizeWord(token);
  if (t === '' || STOP_WORDS.has(t)) return null;
  if (t.length === 1 && !DIGITS.test(t)) return null;
  return t.length > 2 && ASCII_LETTERS.test(t) ? stemmer(t) : t;
}

/** `rawWords` then `processTerm`, skipped tokens removed; duplicates are kept, in order. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const token of rawWords(text)) {
    const term = processTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** Whether a term is only digits (`2024`, `3`): kept for typed search, useless as a topic signal. */
export function isNumericTerm(term: string): boolean {
  return DIGITS.test(term);
}
