/**
 * Titles of cached papers appearing as text on a page.
 *
 * Built once from the cached `{ id, title }` pairs: every title is normalized (`normalizeTitle`) and indexed by its
 * first four words, as numbers (each word that opens a title gets an id). Matching never loops over the titles: each
 * word of the page costs one map lookup (its id, usually none), and a position whose next four words all have ids
 * costs two more lookups; only the few titles sharing those four words are then compared word by word. Cost is
 * linear in the page's words whatever the number of titles, and no strings are built per position.
 */
import { commonAncestorElement, locate, scanDom, type TextRun } from './dom-scan';
import { isDelimiterGap, splitWords, titleWords, type WordList } from './normalize';

/** A cached paper as the matcher needs it. */
export interface TitleEntry {
  /** Returned as is in matches (Paper Radar passes canonical arXiv ids). */
  id: string;
  /** Raw title; normalized by the matcher (hard line breaks, case, punctuation and diacritics do not matter). */
  title: string;
}

/** Options of `createTitleMatcher`. */
export interface TitleMatcherOptions {
  /** Titles with fewer normalized words are not indexed, so generic short titles never match. Default 4. */
  minWords?: number;
  /** Titles whose normalized form (words joined by spaces) is shorter are not indexed. Default 25. */
  minChars?: number;
}

/** Default of `TitleMatcherOptions.minWords`. */
export const DEFAULT_MIN_WORDS = 4;
/** Default of `TitleMatcherOptions.minChars`. */
export const DEFAULT_MIN_CHARS = 25;
/** The index key is at most this many first words of a title. */
const KEY_WORDS = 4;

/** A span of a word sequence equal to an indexed title. */
export interface WordSpanMatch {
  /** Index of the first word. */
  start: number;
  /** Index just past the last word. */
  end: number;
  /** Ids of the papers with this normalized title (more than one only when cached papers share a title). */
  ids: readonly string[];
}

/** A cached title found in a string. */
export interface TitleTextMatch {
  ids: readonly string[];
  /** Offset of the first character of the title's first word in the text. */
  start: number;
  /** Offset just past its last word. */
  end: number;
  /** Whether the title is the whole text (ignoring punctuation), rather than delimited inside it. */
  whole: boolean;
}

/** A cached title found in a DOM subtree. */
export interface TitleElementMatch {
  ids: readonly string[];
  /** The smallest element holding the whole title (the link, heading, cell or `span` around it). */
  element: Element;
  /** Whether the title is all the text of its text nodes (a link or heading that is just the title). */
  whole: boolean;
  /** Number of normalized words of the title. */
  words: number;
  /** The title's text range, for a `Range`: from `startOffset` in `startNode` to `endOffset` in `endNode`. */
  range: { startNode: Text; startOffset: number; endNode: Text; endOffset: number };
}

/** Cached titles, indexed for lookup in page text. Build with `createTitleMatcher`. */
export interface TitleMatcher {
  /** Number of distinct normalized titles indexed (titles below the minimum length are left out). */
  readonly size: number;
  /** Ids whose title, normalized, equals `text` normalized; empty when none. */
  lookup(text: string): readonly string[];
  /**
   * Titles in a sequence of normalized words, leftmost first and, at one position, longest first; matches do not
   * overlap. `accept(start, end)` may veto a span (the DOM scan vetoes titles that run on into other words).
   */
  matchWords(words: readonly string[], accept?: (start: number, end: number) => boolean): WordSpanMatch[];
  /**
   * Titles in a string. A title is found when it is the whole text, or when it is delimited inside it: each side
   * is the start/end of the text or punctuation (`.`, `:`, `,`, quotes, brackets, dashes), not merely a space or a
   * hyphen — so `Attention Is All You Need for Vision` does not contain the title `Attention Is All You Need`.
   */
  findInText(text: string): TitleTextMatch[];
}

interface Candidate {
  words: readonly string[];
  ids: string[];
}

class IndexedTitles implements TitleMatcher {
  readonly size: number;
  private readonly keyWords: number;
  private readonly byTitle = new Map<string, Candidate>();
  /** 1-based ids of the words that occur among the first `keyWords` words of some title. */
  private readonly vocab = new Map<string, number>();
  /** `vocab.size + 1`: the base that packs two word ids into one number without collisions. */
  private readonly base: number;
  /** (ids of words 0, 1) → (ids of words 2, 3) → titles with those first words, longest first; absent words are 0. */
  private readonly byPrefix = new Map<number, Map<number, Candidate[]>>();

  constructor(entries: Iterable<TitleEntry>, minWords: number, minChars: number) {
    const k = Math.max(1, Math.min(KEY_WORDS, minWords));
    this.keyWords = k;
    for (const { id, title } of entries) {
      const words = titleWords(title);
      if (words.length < minWords) continue;
      const key = words.join(' ');
      if (key.length < minChars) continue;
      const known = this.byTitle.get(key);
      if (known) {
        if (!known.ids.includes(id)) known.ids.push(id);
        continue;
      }
      this.byTitle.set(key, { words, ids: [id] });
      for (let j = 0; j < k; j++) {
        const w = words[j] as string;
        if (!this.vocab.has(w)) this.vocab.set(w, this.vocab.size + 1);
      }
    }
    this.base = this.vocab.size + 1;
    for (const c of this.byTitle.values()) {
      const ids = c.words.slice(0, k).map((w) => this.vocab.get(w) ?? 0);
      const [outer, inner] = this.keysOf(ids[0] ?? 0, ids[1] ?? 0, ids[2] ?? 0, ids[3] ?? 0);
      let level = this.byPrefix.get(outer);
      if (!level) this.byPrefix.set(outer, (level = new Map()));
      const list = level.get(inner);
      if (list) list.push(c);
      else level.set(inner, [c]);
    }
    // Longest first, so the longest title at a position wins over a title that is its prefix.
    for (const level of this.byPrefix.values()) {
      for (const list of level.values()) list.sort((a, b) => b.words.length - a.words.length);
    }
    this.size = this.byTitle.size;
  }

  private keysOf(a: number, b: number, c: number, d: number): [number, number] {
    return [a * this.base + b, c * this.base + d];
  }

  lookup(text: string): readonly string[] {
    return this.byTitle.get(titleWords(text).join(' '))?.ids ?? [];
  }

  matchWords(words: readonly string[], accept?: (start: number, end: number) => boolean): WordSpanMatch[] {
    const out: WordSpanMatch[] = [];
    const k = this.keyWords;
    const n = words.length;
    if (n < k || this.size === 0) return out;
    // Word ids once per word (0 = opens no title), so positions are tried without building strings.
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) ids[i] = this.vocab.get(words[i] as string) ?? 0;
    const base = this.base;
    for (let i = 0; i <= n - k; i++) {
      const a = ids[i] as number;
      if (a === 0) continue;
      const b = k > 1 ? (ids[i + 1] as number) : 0;
      const c = k > 2 ? (ids[i + 2] as number) : 0;
      const d = k > 3 ? (ids[i + 3] as number) : 0;
      if ((k > 1 && b === 0) || (k > 2 && c === 0) || (k > 3 && d === 0)) continue;
      const candidates = this.byPrefix.get(a * base + b)?.get(c * base + d);
      if (!candidates) continue;
      for (const cand of candidates) {
        const end = i + cand.words.length;
        if (end > n) continue;
        let same = true;
        for (let j = k; j < cand.words.length; j++) {
          if (words[i + j] !== cand.words[j]) {
            same = false;
            break;
          }
        }
        if (!same || (accept && !accept(i, end))) continue;
        out.push({ start: i, end, ids: cand.ids });
        i = end - 1;
        break;
      }
    }
    return out;
  }

  findInText(text: string): TitleTextMatch[] {
    const list = splitWords(text);
    const accept = (start: number, end: number): boolean =>
      isDelimitedBefore(text, list, start) && isDelimitedAfter(text, list, end);
    return this.matchWords(list.words, accept).map((m) => ({
      ids: m.ids,
      start: list.starts[m.start] as number,
      end: list.ends[m.end - 1] as number,
      whole: m.start === 0 && m.end === list.words.length,
    }));
  }
}

/** Whether word `start` begins a phrase: it is the first word, or punctuation stands between it and the word before. */
function isDelimitedBefore(text: string, list: WordList, start: number): boolean {
  return start === 0 || isDelimiterGap(text.slice(list.ends[start - 1], list.starts[start]));
}

/** Whether the word before `end` ends a phrase: it is the last word, or punctuation follows it. */
function isDelimitedAfter(text: string, list: WordList, end: number): boolean {
  return end === list.words.length || isDelimiterGap(text.slice(list.ends[end - 1], list.starts[end]));
}

/**
 * Indexes cached titles for `lookup`, `findInText` and `findTitleElements`.
 *
 * Titles shorter than `minWords` words or `minChars` characters (normalized) are skipped. Several ids with the same
 * normalized title share one entry. Linear in the total title length: 50,000 titles take well under a second.
 */
export function createTitleMatcher(entries: Iterable<TitleEntry>, options: TitleMatcherOptions = {}): TitleMatcher {
  return new IndexedTitles(entries, options.minWords ?? DEFAULT_MIN_WORDS, options.minChars ?? DEFAULT_MIN_CHARS);
}

/**
 * Finds cached titles in one run of page text (see `scanDom`). A side of a match is delimited by punctuation as in
 * `findInText`, or by a text-node boundary (`<a>Title</a> by …`, `<span>Title:</span> …`), since an element
 * boundary separates phrases on the page.
 */
export function matchTitlesInRun(matcher: TitleMatcher, run: TextRun): TitleElementMatch[] {
  const list = splitWords(run.text);
  const n = list.words.length;
  if (n === 0) return [];
  // Which text node a word starts in, looked up only for words at the edge of a candidate match.
  const nodeOf = (i: number): number => locate(run, list.starts[i] as number).index;
  const boundaryBefore = (i: number): boolean =>
    i === 0 || nodeOf(i - 1) !== nodeOf(i) || isDelimitedBefore(run.text, list, i);
  const boundaryAfter = (end: number): boolean =>
    end === n || nodeOf(end) !== nodeOf(end - 1) || isDelimitedAfter(run.text, list, end);
  const out: TitleElementMatch[] = [];
  for (const m of matcher.matchWords(list.words, (s, e) => boundaryBefore(s) && boundaryAfter(e))) {
    const first = locate(run, list.starts[m.start] as number);
    const last = locate(run, (list.ends[m.end - 1] as number) - 1);
    const element = commonAncestorElement(first.node, last.node);
    if (!element) continue;
    const whole =
      (m.start === 0 || nodeOf(m.start - 1) !== first.index) && (m.end === n || nodeOf(m.end) !== last.index);
    out.push({
      ids: m.ids,
      element,
      whole,
      words: m.end - m.start,
      range: { startNode: first.node, startOffset: first.offset, endNode: last.node, endOffset: last.offset + 1 },
    });
  }
  return out;
}

/**
 * Finds the elements of `root` whose text is, or contains as a delimited phrase, a cached title: links, headings,
 * list items, table cells, `<dd>`, arXiv's `.list-title` blocks — any element, since matching works on the text
 * between block boundaries and reports the smallest element holding the title. Titles never match across block
 * boundaries. Script, style and Paper Radar's own elements are ignored.
 */
export function findTitleElements(root: Document | Element, matcher: TitleMatcher): TitleElementMatch[] {
  const out: TitleElementMatch[] = [];
  if (matcher.size === 0) return out;
  scanDom(root, { run: (run) => out.push(...matchTitlesInRun(matcher, run)) });
  return out;
}
