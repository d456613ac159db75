/**
 * Title normalization shared by the cached titles and the page text they are compared with: case-folded, diacritics
 * and punctuation dropped, whitespace (including the feed's hard line breaks) collapsed.
 */

/** Letters, digits, combining marks, and the invisible characters that may sit inside a word. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}\u00ad\u200b-\u200d\u2060]/u;
const NON_ASCII = /[\u0080-\uffff]/;
/** Combining marks left by NFKD, and the invisible characters above. */
const MARKS = /[\p{M}\u00ad\u200b-\u200d\u2060]/gu;
const APOSTROPHES = /['’ʼ]/g;

/** Per BMP code unit: 0 not yet classified, 1 word character, 2 not. ASCII is classified up front. */
const CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  CLASS[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;
}

function isWordCode(text: string, i: number, c: number): boolean {
  let k = CLASS[c];
  if (k === 0 || k === undefined) {
    // Surrogates are classified by their whole code point, and not cached.
    if (c >= 0xd800 && c <= 0xdfff) {
      const cp = text.codePointAt(i > 0 && c >= 0xdc00 ? i - 1 : i) ?? c;
      return WORD_CHAR.test(String.fromCodePoint(cp));
    }
    k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    CLASS[c] = k;
  }
  return k === 1;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2bc;
}

/** One word of a text, normalized, with where its raw form sits in the text. */
export interface Token {
  /** The normalized word (see `normalizeWord`). */
  word: string;
  /** Offset of the raw word's first character. */
  start: number;
  /** Offset just past the raw word. */
  end: number;
}

/** The words of a text as parallel arrays (cheaper than one object per word on long pages). */
export interface WordList {
  /** Normalized words. */
  words: string[];
  /** `starts[i]`: offset of word `i`'s first raw character. */
  starts: number[];
  /** `ends[i]`: offset just past word `i`'s last raw character. */
  ends: number[];
}

/**
 * Normalizes one raw word: compatibility-decomposed (NFKD, so `ﬁ` → `fi`), diacritics removed (`é` → `e`),
 * apostrophes, soft hyphens and zero-width characters removed (`Claude’s` → `claudes`), lower-cased. ASCII words
 * skip the Unicode work.
 */
export function normalizeWord(raw: string): string {
  const w = NON_ASCII.test(raw) ? raw.normalize('NFKD').replace(MARKS, '') : raw;
  return w.replace(APOSTROPHES, '').toLowerCase();
}

/**
 * Splits `text` into normalized words with their offsets. A word is a run of letters, digits and combining marks
 * (apostrophes between two of them stay inside: `Claude’s`); every other character separates words, so
 * `Graph-based` gives `graph`, `based` and `Qwen2.5-Omni` gives `qwen2`, `5`, `omni`.
 *
 * One pass over the characters; only words holding non-ASCII characters go through `normalizeWord`.
 */
export function splitWords(text: string): WordList {
  const list: WordList = { words: [], starts: [], ends: [] };
  collectWords(text, list.words, list.starts, list.ends);
  return list;
}

/** The loop behind `splitWords` and `titleWords`; offsets are collected only when their arrays are given. */
function collectWords(text: string, words: string[], starts?: number[], ends?: number[]): void {
  const lower = text.toLowerCase();
  // Lower-casing can change the length (`İ` → `i̇`); then each word is lower-cased on its own.
  const sameLength = lower.length === text.length;
  const n = text.length;
  let start = -1;
  let special = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c >= 0 && isWordCode(text, i, c)) {
      if (start < 0) start = i;
      if (c >= 128) special = true;
      continue;
    }
    if (start < 0) continue;
    if (c >= 0 && isApostrophe(c) && i + 1 < n && isWordCode(text, i + 1, text.charCodeAt(i + 1))) {
      special = true;
      continue;
    }
    const word = special || !sameLength ? normalizeWord(text.slice(start, i)) : lower.slice(start, i);
    if (word !== '') {
      words.push(word);
      starts?.push(start);
      ends?.push(i);
    }
    start = -1;
    special = false;
  }
}

/** `splitWords` as one object per word. */
export function tokenize(text: string): Token[] {
  const { words, starts, ends } = splitWords(text);
  return words.map((word, i) => ({ word, start: starts[i] as number, end: ends[i] as number }));
}

/** The normalized words of `text` (see `splitWords`), without offsets. */
export function titleWords(text: string): string[] {
  const words: string[] = [];
  collectWords(text, words);
  return words;
}

/**
 * The comparison form of a title: its normalized words joined by single spaces.
 *
 * @example normalizeTitle('Café:  Über\n  Graph-based “Models”') // 'cafe uber graph based models'
 */
export function normalizeTitle(text: string): string {
  return titleWords(text).join(' ');
}

/**
 * Characters that join words rather than separate phrases: a title followed by one of these (`Title-based`,
 * `Title/…`) runs on, so it is not a delimited mention. Whitespace is handled by the caller.
 */
const JOINERS = new Set(['-', '\u2010', '\u2011', "'", '’', '/', '_', '&', '+', '@']);

/**
 * Whether the raw text between two words (`gap`) separates phrases: it holds a character other than whitespace
 * and the joiners above (`.`, `:`, `,`, `“`, `(`, `–`, …). Pure whitespace does not.
 */
export function isDelimiterGap(gap: string): boolean {
  for (const ch of gap) {
    if (ch.trim() === '') continue;
    if (!JOINERS.has(ch)) return true;
  }
  return false;
}
