/**
 * The one text normalizer of Paper Radar: how a title, a page's text and a search query are cut into words and how
 * each word is reduced for comparison. Detection (cached titles against page text) and search (MiniSearch's
 * tokenizer, exact-title checks) both use it, so a title meets its own mention on a page — or in a query — as the
 * same words whatever the typography:
 *
 * - case and diacritics: `Über` = `uber`; compatibility forms (NFKD): ligatures `ﬁ` = `fi`, full-width letters,
 *   superscript and subscript digits and letters `²` = `2`, `₂` = `2`, math alphanumerics `𝑥` = `x`;
 * - math notation written as markup, Unicode or TeX: `Transformer^2`, `Transformer^{2}`, `Transformer²` and
 *   `Transformer<sup>2</sup>` (whose DOM text is `Transformer2`) are all the word `transformer2`; `x_t` = `xt`;
 * - LaTeX left in feed titles: `$\pi^3$` = `π³` = `π3`, Greek macros become their letters, accent macros
 *   (`\"o`, `\'{e}`) their base letters, other macros (`\textbf`, `\mathcal`) and braces disappear;
 * - apostrophes of every kind inside a word vanish (`Don't` = `Don’t` = `dont`); every other character — spaces,
 *   quotes, dashes of every kind, brackets, punctuation — separates words (`Self-Evolving` = `self evolving`);
 * - soft hyphens and zero-width characters vanish; a hyphen at the end of a line (`Effi-⏎ciently`) is reported in
 *   `WordList.hyphenBreaks` so a matcher can join the halves when it knows the whole word;
 * - a change between Chinese/Japanese script and any other inside an unspaced run separates words
 *   (`读了Attention` = `读了 attention`).
 */

/** Per BMP code unit: 0 not classified yet, 1 word character, 2 separator, 3 word character of a CJK script. */
const CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  CLASS[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;
}
/** Letters, digits, combining marks, and the invisible characters that may sit inside a word. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}\u00ad\u200b-\u200d\u2060]/u;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const WORD = 1;
const CJK = 3;

function classify(ch: string): number {
  if (!WORD_CHAR.test(ch)) return 2;
  return CJK_CHAR.test(ch) ? CJK : WORD;
}

/** The class of the code unit at `i` (surrogates by their whole code point, not cached). */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (Number.isNaN(c)) return 2;
  let k = CLASS[c] as number;
  if (k !== 0) return k;
  if (c >= 0xd800 && c <= 0xdfff) {
    const cp = text.codePointAt(c >= 0xdc00 && i > 0 ? i - 1 : i) ?? c;
    return classify(String.fromCodePoint(cp));
  }
  k = classify(String.fromCharCode(c));
  CLASS[c] = k;
  return k;
}

function isWordAt(text: string, i: number): boolean {
  return i < text.length && classAt(text, i) !== 2;
}

const BACKSLASH = 92;
const CARET = 94;
const UNDERSCORE = 95;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** Apostrophes that join the letters around them: ' ’ ʼ ‘ ` ´ ′. */
function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2bc || c === 0x2018 || c === 96 || c === 0xb4 || c === 0x2032;
}

/** Hyphens that may end a line in hyphenated text: - ‐ ‑ and the soft hyphen's visible cousins. */
function isHyphen(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}

/** TeX names of Greek letters (upper and lower case give the same word), and `\ell`. */
// prettier-ignore
const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'θ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', varpi: 'π', rho: 'ρ',
  varrho: 'ρ', sigma: 'σ', varsigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ',
  omega: 'ω', Gamma: 'γ', Delta: 'δ', Theta: 'θ', Lambda: 'λ', Xi: 'ξ', Pi: 'π', Sigma: 'σ', Upsilon: 'υ',
  Phi: 'φ', Psi: 'ψ', Omega: 'ω', ell: 'l',
};
/** TeX accent macros written with a symbol (`\"o`, `\'e`, `` \`a ``, `\^o`, `\~n`, `\=a`, `\.z`). */
const ACCENT_SYMBOLS = new Set(['"', "'", '`', '^', '~', '=', '.']);
/** TeX accent macros written with a letter, taking a braced letter (`\v{s}`, `\c{c}`, `\H{o}`). */
const ACCENT_LETTERS = new Set(['b', 'c', 'd', 'H', 'k', 'r', 'u', 'v']);

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The letters of a TeX control word starting at `i` (just after the backslash). */
function macroName(text: string, i: number): string {
  let j = i;
  while (j < text.length && isAsciiLetter(text.charCodeAt(j))) j++;
  return text.slice(i, j);
}

/**
 * What a backslash at `i` is: a Greek-letter macro (a word character), an accent macro (joins the letters around
 * it), or anything else (`\textbf`, `\&`: not part of a word). Returns the length of the macro for the first two.
 */
function macroAt(text: string, i: number): { kind: 'letter' | 'accent' | 'other'; length: number } {
  const name = macroName(text, i + 1);
  if (ACCENT_LETTERS.has(name) && text.charCodeAt(i + 1 + name.length) === OPEN_BRACE) {
    return { kind: 'accent', length: 1 + name.length };
  }
  if (name !== '') return { kind: GREEK[name] === undefined ? 'other' : 'letter', length: 1 + name.length };
  const next = text.charAt(i + 1);
  return ACCENT_SYMBOLS.has(next) ? { kind: 'accent', length: 2 } : { kind: 'other', length: 1 };
}

/** Whether a word can start or go on at `i`: a word character, a Greek-letter macro, or an accent on a letter. */
function wordStartsAt(text: string, i: number): boolean {
  if (isWordAt(text, i)) return true;
  if (text.charCodeAt(i) !== BACKSLASH) return false;
  const m = macroAt(text, i);
  if (m.kind === 'letter') return true;
  if (m.kind !== 'accent') return false;
  const j = i + m.length;
  return isWordAt(text, j) || (text.charCodeAt(j) === OPEN_BRACE && isWordAt(text, j + 1));
}

const NOT_ALNUM = /[^\p{L}\p{N}]+/gu;
const TEX_MACRO = /\\([A-Za-z]+|.)/g;

/**
 * Normalizes one raw word as the splitter cut it: TeX macros resolved (`\pi` → `π`, accent macros and others
 * dropped), lower-cased, compatibility-decomposed (NFKD), and everything that is not a letter or digit removed
 * (combining marks, apostrophes, `^`, `_`, braces, soft hyphens). `normalizeWord('UniF^{2}ace')` is `unif2ace`,
 * `normalizeWord('Don’t')` is `dont`, `normalizeWord('ﬁne')` is `fine`.
 */
export function normalizeWord(raw: string): string {
  const s = raw.includes('\\') ? raw.replace(TEX_MACRO, (_m, name: string) => GREEK[name] ?? '') : raw;
  return s.normalize('NFKD').toLowerCase().replace(NOT_ALNUM, '');
}

/** The words of a text as parallel arrays (cheaper than one object per word on long pages). */
export interface WordList {
  /** Normalized words (see `normalizeWord`). */
  words: string[];
  /** `starts[i]`: offset of word `i`'s first raw character. */
  starts: number[];
  /** `ends[i]`: offset just past word `i`'s last raw character. */
  ends: number[];
  /**
   * Indexes `i` where word `i` ends in a hyphen followed by a line break before word `i + 1` (`Effi-⏎ciently`):
   * the two may be halves of one hyphenated word. In increasing order; usually empty.
   */
  hyphenBreaks: number[];
}

/**
 * Cuts `text` into words with their offsets (see the module comment for what joins and what separates). One pass
 * over the characters; words of plain ASCII letters and digits are only lower-cased, others go through
 * `normalizeWord`. A word that normalizes to nothing (a lone combining mark) is dropped.
 *
 * @example splitWords('MiniMax-M1: “Wait”').words // ['minimax', 'm1', 'wait']
 */
export function splitWords(text: string): WordList {
  const list: WordList = { words: [], starts: [], ends: [], hyphenBreaks: [] };
  eachWord(text, (start, end, simple) => {
    const raw = text.slice(start, end);
    const word = simple ? raw.toLowerCase() : normalizeWord(raw);
    if (word === '') return;
    if (isHyphenBreak(text, end)) list.hyphenBreaks.push(list.words.length);
    list.words.push(word);
    list.starts.push(start);
    list.ends.push(end);
  });
  return list;
}

/**
 * The splitter: calls `emit(start, end, simple)` for each word of `text` in order, `simple` when the word is plain
 * ASCII letters and digits (its normalized form is its lower case).
 */
function eachWord(text: string, emit: (start: number, end: number, simple: boolean) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const first = text.charCodeAt(i);
    // Fast path for the common separators (ASCII space and punctuation): no function call per character.
    if (first < 128 && CLASS[first] === 2 && first !== BACKSLASH) {
      i++;
      continue;
    }
    if (!wordStartsAt(text, i)) {
      // A macro that is not a letter (`\textbf`) is skipped whole, so its name never becomes a word.
      i += text.charCodeAt(i) === BACKSLASH ? macroAt(text, i).length : 1;
      continue;
    }
    const start = i;
    const script = classAt(text, i) === CJK ? CJK : WORD;
    let simple = true;
    let braces = 0;
    let end = i;
    for (;;) {
      if (i >= n) break;
      const c = text.charCodeAt(i);
      // ASCII letters and digits without a call; everything else through `classAt`.
      const k = c < 128 ? (CLASS[c] as number) : classAt(text, i);
      if (k !== 2) {
        if ((k === CJK) !== (script === CJK)) break;
        if (c >= 128) simple = false;
        i++;
        end = i;
        continue;
      }
      if (c === BACKSLASH) {
        const m = macroAt(text, i);
        if (m.kind === 'other') break;
        i += m.length;
        simple = false;
        if (m.kind === 'accent' && text.charCodeAt(i) === OPEN_BRACE && isWordAt(text, i + 1)) {
          i++;
          braces++;
        }
        end = i;
        continue;
      }
      if (isApostrophe(c) && wordStartsAt(text, i + 1)) {
        i++;
        simple = false;
        continue;
      }
      if (c === CARET || c === UNDERSCORE) {
        // `x^2`, `x^{2}`, `x_t`: a superscript or subscript goes on the word.
        const brace = text.charCodeAt(i + 1) === OPEN_BRACE ? 1 : 0;
        if (!wordStartsAt(text, i + 1 + brace)) break;
        i += 1 + brace;
        braces += brace;
        simple = false;
        continue;
      }
      if ((c === OPEN_BRACE || c === CLOSE_BRACE) && braces === 0 && wordStartsAt(text, i + 1)) {
        // BibTeX case protection inside a word: `{S}equence`, `Uni{F}ace`.
        i++;
        simple = false;
        continue;
      }
      if (c === CLOSE_BRACE && braces > 0) {
        braces--;
        simple = false;
        i++;
        if (!wordStartsAt(text, i)) break;
        continue;
      }
      break;
    }
    if (end > start) emit(start, end, simple);
    if (i === start) i++;
  }
}

/** Whether a hyphen at `at`, then spaces, then a line break (then spaces and a word) follow a word. */
function isHyphenBreak(text: string, at: number): boolean {
  if (!isHyphen(text.charCodeAt(at))) return false;
  let j = at + 1;
  while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
  const c = text.charCodeAt(j);
  return c === 10 || c === 13;
}

/** The normalized words of `text` (see `splitWords`), without offsets. */
export function titleWords(text: string): string[] {
  return splitWords(text).words;
}

/**
 * The words of `text` as written (case and marks kept), cut as `splitWords` cuts them: the tokenizer of the search
 * index, whose term processor then normalizes each with `normalizeWord`.
 *
 * @example rawWords('MH-MoE: Don’t') // ['MH', 'MoE', 'Don’t']
 */
export function rawWords(text: string): string[] {
  const out: string[] = [];
  // A raw word may normalize to nothing (a lone combining mark): term processing drops it.
  eachWord(text, (start, end) => out.push(text.slice(start, end)));
  return out;
}

/**
 * The comparison form of a title: its normalized words joined by single spaces. Two titles are "the same title"
 * for Paper Radar when their comparison forms are equal.
 *
 * @example normalizeTitle('Café:  Über\n  Graph-based “Models”') // 'cafe uber graph based models'
 * @example normalizeTitle('$\\pi^3$: Scalable') === normalizeTitle('π³: Scalable') // true
 */
export function normalizeTitle(text: string): string {
  return titleWords(text).join(' ');
}
