/**
 * Cached titles found in a page's text — the one title matcher of Paper Radar. It runs where the titles are (the
 * background); the page sends its visible text (`PageText`, built by `readPageText`) and gets back where each
 * title stands, with a confidence and the cues behind it. Nothing leaves the browser.
 *
 * Algorithm: the titles are cut into normalized words (`lib/text/normalize`), each word numbered, and the word
 * sequences put in an Aho–Corasick automaton over word numbers (Aho & Corasick, "Efficient string matching",
 * CACM 18(6), 1975). The page's text is cut into words once and each word makes one transition: the cost is linear
 * in the page's words (plus the matches reported), whatever the number of titles, and no title is ever compared
 * with the page on its own. Words that open no title send the automaton back to its root at the cost of one map
 * lookup.
 *
 * Confidence: a title that is long, or holds a coined word rare among the cached titles (`MiniMax`, `R1`, `π³`),
 * counts anywhere in the text; a short or common-worded one (`Self-Evolving Coding Agents`) only with a cue that
 * it is cited — the whole text of a link or heading, quotes of any language, a label (`Title:`), an arXiv id or
 * one of the paper's authors nearby. See `TITLE_SCORES`.
 */
import { PaperRadarError } from '../errors';
import { splitWords, titleWords, type WordList } from '../text/normalize';
import { MarkKind, RunKind, type PageText } from './page-text';
import { pickNonOverlapping, RunContext, type IndexedTitle, type RunWords, type TitleMatch } from './title-scores';

/** A cached paper as the index needs it. */
export interface TitleEntry {
  /** Returned as is in matches (Paper Radar passes canonical arXiv ids). */
  id: string;
  /** Raw title as the feed has it (line breaks, LaTeX and all); normalized by the index. */
  title: string;
  /** Author names in the feed's order (`First Last`); their family names are a citation cue. */
  authors?: readonly string[];
}

/** Options of `createTitleIndex`. */
export interface TitleIndexOptions {
  /** Titles with fewer normalized words are not indexed. Default `DEFAULT_MIN_WORDS` (3). */
  minWords?: number;
  /** Titles whose normalized form (words joined by spaces) is shorter are not indexed. Default 12. */
  minChars?: number;
}

/** The `format` of a `TitleIndexSnapshot`. */
export const SNAPSHOT_FORMAT = 'paper-radar-title-index';
/** The snapshot layout's version; a snapshot of any other is refused (the index is built again). */
export const SNAPSHOT_VERSION = 1;

/**
 * A `TitleIndex` as strings and typed arrays (`TitleIndex.snapshot`): `vocab` — the words, one per line, word code
 * i + 1 on line i; `keys` — the normalized titles, one per line, title i on line i; `ids` — JSON, each title's paper
 * ids; `surnames` — JSON, each title's family names or 0; `words`, `distinctive` — per title; the trie by node
 * (`oneToken`, `oneChild`, `depth`, `output`, `fail`, `dictionary`); `many` — for each node with several children,
 * `[node, -1, count]` then `count` triples `[node, code, child]`.
 */
export interface TitleIndexSnapshot {
  [name: string]: string | number | Int32Array | Uint8Array;
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  vocab: string;
  keys: string;
  ids: string;
  surnames: string;
  words: Int32Array;
  distinctive: Uint8Array;
  oneToken: Int32Array;
  oneChild: Int32Array;
  depth: Int32Array;
  output: Int32Array;
  fail: Int32Array;
  dictionary: Int32Array;
  many: Int32Array;
}

/** A title index snapshot that cannot be loaded: why, after the prefix `paper-radar: title index: `. */
export class TitleIndexError extends PaperRadarError {
  override name = 'TitleIndexError';

  constructor(detail: string) {
    super(`title index: ${detail}`);
  }
}

const TRIE_ARRAYS = ['oneToken', 'oneChild', 'depth', 'output', 'fail', 'dictionary'] as const;

/** `value` as a snapshot of this version with every field of its type and the trie's arrays of one length. */
function checkedSnapshot(value: Readonly<Record<string, unknown>>): TitleIndexSnapshot {
  if (value.format !== SNAPSHOT_FORMAT || value.version !== SNAPSHOT_VERSION) {
    throw new TitleIndexError('not a title index of this version');
  }
  for (const name of ['vocab', 'keys', 'ids', 'surnames']) {
    if (typeof value[name] !== 'string') throw new TitleIndexError(`no ${name}`);
  }
  for (const name of [...TRIE_ARRAYS, 'words', 'many']) {
    if (!(value[name] instanceof Int32Array)) throw new TitleIndexError(`no ${name}`);
  }
  if (!(value.distinctive instanceof Uint8Array)) throw new TitleIndexError('no distinctive');
  const n = (value.depth as Int32Array).length;
  if (n < 1 || TRIE_ARRAYS.some((name) => (value[name] as Int32Array).length !== n)) {
    throw new TitleIndexError('trie arrays of different lengths');
  }
  return value as TitleIndexSnapshot;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new TitleIndexError('titles are not JSON');
  }
}

/** Default of `TitleIndexOptions.minWords`: two-word titles (`Differential Mamba`) are names more than titles. */
export const DEFAULT_MIN_WORDS = 3;
/** Default of `TitleIndexOptions.minChars`. */
export const DEFAULT_MIN_CHARS = 12;

/** Family names shorter than this are not a cue (`Li`, `Ng` stand in too many texts). */
const MIN_SURNAME_CHARS = 3;
/** Only the first authors of a paper are cues (a 300-author paper would make any name a cue). */
export const MAX_CUE_AUTHORS = 12;

/**
 * The family name of author `name` (`First Last`) as a citation cue: its last normalized word, when it has at least
 * `MIN_SURNAME_CHARS` characters; else undefined. Idempotent (the cue of a cue is itself), so a family name stored
 * alone stands for the whole name.
 */
export function cueSurname(name: string): string | undefined {
  const surname = titleWords(name).at(-1);
  return surname !== undefined && surname.length >= MIN_SURNAME_CHARS ? surname : undefined;
}

/**
 * Counts the matcher's elementary operations: `steps` are automaton transitions and failure links followed (at most
 * two per word of the page, by Aho–Corasick's argument: each failure link followed shortens the current match by at
 * least a word, and each word lengthens it by at most one); `outputs` are titles seen ending at a word (each then
 * scored once).
 */
export interface MatchCounter {
  steps: number;
  outputs: number;
}

const ROOT = 0;
const NONE = -1;
/** `oneToken` of a node with more than one child. */
const MANY = -2;

/** Cached titles, indexed for finding them in page text. Build with `createTitleIndex`. */
export class TitleIndex {
  private readonly vocab = new Map<string, number>();
  private readonly titles: IndexedTitle[] = [];
  private readonly byTitle = new Map<string, number>();
  // The trie, in typed arrays by node number (the root is 0): a node with one child keeps its word code and child in
  // `oneToken`/`oneChild`; a node with more has `oneToken = MANY` and its children in `manyChildren`.
  private oneToken: Int32Array = new Int32Array(1).fill(NONE);
  private oneChild: Int32Array = new Int32Array(1);
  private readonly manyChildren = new Map<number, Map<number, number>>();
  private depth: Int32Array = new Int32Array(1);
  /** Title ending at each node, or `NONE`. */
  private output: Int32Array = new Int32Array(1).fill(NONE);
  private fail: Int32Array = new Int32Array(1);
  /** Nearest node on the failure chain (excluding the node) where a title ends, or `NONE`. */
  private dictionary: Int32Array = new Int32Array(1).fill(NONE);

  constructor(entries: Iterable<TitleEntry>, options: TitleIndexOptions = {}) {
    const minWords = options.minWords ?? DEFAULT_MIN_WORDS;
    const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
    /** Per new title: its word codes, the codes of its coined-looking words, and its authors. */
    const pending: { codes: Int32Array; coined: number[]; authors: readonly string[] | undefined }[] = [];
    // Per word code: in how many titles it stands, and the last title it was counted for (a word twice counts once).
    const documentFrequency: number[] = [0];
    const countedFor: number[] = [-1];
    for (const { id, title, authors } of entries) {
      const list = splitWords(title);
      const words = list.words;
      if (words.length < minWords) continue;
      const key = words.join(' ');
      if (key.length < minChars) continue;
      const known = this.byTitle.get(key);
      if (known !== undefined) {
        const t = this.titles[known] as IndexedTitle;
        if (!t.ids.includes(id)) t.ids.push(id);
        continue;
      }
      const n = this.titles.length;
      this.byTitle.set(key, n);
      this.titles.push({ ids: [id], words: words.length, distinctive: false });
      const codes = new Int32Array(words.length);
      const coined: number[] = [];
      for (let i = 0; i < words.length; i++) {
        const w = words[i] as string;
        let code = this.vocab.get(w);
        if (code === undefined) {
          this.vocab.set(w, (code = this.vocab.size + 1));
          documentFrequency.push(0);
          countedFor.push(-1);
        }
        codes[i] = code;
        if (countedFor[code] !== n) {
          countedFor[code] = n;
          documentFrequency[code] = (documentFrequency[code] as number) + 1;
        }
        if (looksCoined(title, list.starts[i] as number, list.ends[i] as number, w)) coined.push(code);
      }
      pending.push({ codes, coined, authors });
    }
    const rare = Math.max(5, Math.ceil(this.titles.length * 0.001));
    let words = 1;
    for (const p of pending) words += p.codes.length;
    // At most one node per word of the titles; trimmed to the nodes made once all are in.
    this.oneToken = new Int32Array(words).fill(NONE);
    this.oneChild = new Int32Array(words);
    this.depth = new Int32Array(words);
    this.output = new Int32Array(words).fill(NONE);
    this.oneToken[ROOT] = MANY;
    this.manyChildren.set(ROOT, new Map());
    let nodes = 1;
    pending.forEach((p, i) => {
      const t = this.titles[i] as IndexedTitle;
      t.distinctive = p.coined.some((code) => (documentFrequency[code] as number) <= rare);
      for (const name of (p.authors ?? []).slice(0, MAX_CUE_AUTHORS)) {
        const surname = cueSurname(name);
        if (surname !== undefined) (t.surnames ??= new Set()).add(surname);
      }
      nodes = this.insert(p.codes, i, nodes);
    });
    this.oneToken = this.oneToken.slice(0, nodes);
    this.oneChild = this.oneChild.slice(0, nodes);
    this.depth = this.depth.slice(0, nodes);
    this.output = this.output.slice(0, nodes);
    this.link();
  }

  /** Number of distinct normalized titles indexed. */
  get size(): number {
    return this.titles.length;
  }

  /**
   * The index as strings and typed arrays (`TitleIndexSnapshot`), for persisting (`index-file.ts`): a woken worker
   * loads it (`TitleIndex.fromSnapshot`) instead of building the automaton again. The arrays are the index's own.
   */
  snapshot(): TitleIndexSnapshot {
    const many: number[] = [];
    this.manyChildren.forEach((children, node) => {
      many.push(node, NONE, children.size);
      children.forEach((child, code) => many.push(node, code, child));
    });
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      // Maps iterate in insertion order: word codes are 1, 2, … and title numbers 0, 1, … in that order.
      vocab: [...this.vocab.keys()].join('\n'),
      keys: [...this.byTitle.keys()].join('\n'),
      ids: JSON.stringify(this.titles.map((t) => t.ids)),
      surnames: JSON.stringify(this.titles.map((t) => (t.surnames ? [...t.surnames] : 0))),
      words: Int32Array.from(this.titles, (t) => t.words),
      distinctive: Uint8Array.from(this.titles, (t) => (t.distinctive ? 1 : 0)),
      oneToken: this.oneToken,
      oneChild: this.oneChild,
      depth: this.depth,
      output: this.output,
      fail: this.fail,
      dictionary: this.dictionary,
      many: Int32Array.from(many),
    };
  }

  /**
   * The index a `snapshot` gave, checked whole before it is used: every array's length, every node, word and title
   * number in range, each child one word deeper than its parent, and each failure and dictionary link to a
   * shallower node (so matching always ends, whatever the file held). Throws a `TitleIndexError` on anything else.
   */
  static fromSnapshot(value: Readonly<Record<string, unknown>>): TitleIndex {
    const index = new TitleIndex([]);
    index.restore(checkedSnapshot(value));
    return index;
  }

  private restore(s: TitleIndexSnapshot): void {
    const words = s.vocab === '' ? [] : s.vocab.split('\n');
    words.forEach((w, i) => this.vocab.set(w, i + 1));
    const keys = s.keys === '' ? [] : s.keys.split('\n');
    const ids = parseJson(s.ids) as unknown[];
    const surnames = parseJson(s.surnames) as unknown[];
    const t = keys.length;
    if (this.vocab.size !== words.length || !Array.isArray(ids) || !Array.isArray(surnames)) {
      throw new TitleIndexError('words or titles malformed');
    }
    if (ids.length !== t || surnames.length !== t || s.words.length !== t || s.distinctive.length !== t) {
      throw new TitleIndexError('titles of different counts');
    }
    keys.forEach((key, i) => {
      const own = ids[i];
      const names = surnames[i];
      if (!Array.isArray(own) || own.length === 0 || !own.every((x) => typeof x === 'string')) {
        throw new TitleIndexError('a title without ids');
      }
      if (names !== 0 && !(Array.isArray(names) && names.every((x) => typeof x === 'string'))) {
        throw new TitleIndexError('a title with malformed family names');
      }
      this.byTitle.set(key, i);
      const title: IndexedTitle = { ids: own as string[], words: s.words[i]!, distinctive: s.distinctive[i] === 1 };
      if (names !== 0) title.surnames = new Set(names as string[]);
      this.titles.push(title);
    });
    if (this.byTitle.size !== t) throw new TitleIndexError('a title twice');
    const n = s.depth.length;
    this.oneToken = s.oneToken;
    this.oneChild = s.oneChild;
    this.depth = s.depth;
    this.output = s.output;
    this.fail = s.fail;
    this.dictionary = s.dictionary;
    this.manyChildren.clear();
    const m = s.many;
    for (let k = 0; k < m.length;) {
      const node = m[k]!;
      const count = m[k + 2]!;
      if (m[k + 1] !== NONE || node < 0 || node >= n || s.oneToken[node] !== MANY || this.manyChildren.has(node)) {
        throw new TitleIndexError('a node’s children malformed');
      }
      if (count < 0 || k + 3 + 3 * count > m.length) throw new TitleIndexError('a node’s children cut short');
      const children = new Map<number, number>();
      for (let j = 0; j < count; j++) {
        const at = k + 3 + 3 * j;
        const code = m[at + 1]!;
        const child = m[at + 2]!;
        if (m[at] !== node || code < 1 || code > words.length || !this.isChildOf(child, node, n)) {
          throw new TitleIndexError('a child out of range');
        }
        children.set(code, child);
      }
      this.manyChildren.set(node, children);
      k += 3 + 3 * count;
    }
    for (let v = 0; v < n; v++) this.checkNode(v, n, words.length, t);
  }

  private isChildOf(child: number, parent: number, n: number): boolean {
    return child > 0 && child < n && this.depth[child] === (this.depth[parent] as number) + 1;
  }

  private checkNode(v: number, n: number, vocabSize: number, titles: number): void {
    const depth = this.depth[v] as number;
    const token = this.oneToken[v] as number;
    const output = this.output[v] as number;
    const dictionary = this.dictionary[v] as number;
    const ok =
      (v === ROOT ? depth === 0 && token === MANY : depth > 0) &&
      (token === NONE ||
        (token === MANY
          ? this.manyChildren.has(v)
          : token >= 1 && token <= vocabSize && this.isChildOf(this.oneChild[v] as number, v, n))) &&
      (output === NONE || (output >= 0 && output < titles)) &&
      (v === ROOT ||
        ((this.fail[v] as number) >= 0 &&
          (this.fail[v] as number) < n &&
          (this.depth[this.fail[v] as number] as number) < depth)) &&
      (dictionary === NONE ||
        (dictionary >= 0 &&
          dictionary < n &&
          (this.depth[dictionary] as number) < depth &&
          this.output[dictionary] !== NONE));
    if (!ok) throw new TitleIndexError(`node ${v} malformed`);
  }

  /** Ids of the cached papers whose title, normalized, equals `text` normalized; empty when none. */
  lookup(text: string): readonly string[] {
    const i = this.byTitle.get(titleWords(text).join(' '));
    return i === undefined ? [] : (this.titles[i] as IndexedTitle).ids;
  }

  /**
   * Every cached title in `text`'s runs that reaches `minConfidence` (default 0: all that pass the delimiting
   * rules; pass `CONFIDENT` for what people see), at most one per place: where matches overlap, the most confident (then the longest) wins. In run order,
   * then text order. Never throws for any input shape the protocol admits.
   */
  match(text: PageText, options: { minConfidence?: number; counter?: MatchCounter } = {}): TitleMatch[] {
    const out: TitleMatch[] = [];
    if (this.size === 0) return out;
    const marksByRun = groupMarks(text);
    const cache = new Map<number, RunWords>();
    const wordsOf = (r: number): RunWords => {
      let w = cache.get(r);
      if (!w) {
        w = this.cut(text.runs[r] ?? '', marksByRun.get(r));
        cache.set(r, w);
      }
      return w;
    };
    for (let r = 0; r < text.runs.length; r++) {
      const run = wordsOf(r);
      const found = this.scan(run.codes, options.counter);
      if (found.length === 0) continue;
      const context = new RunContext(text, r, run, marksByRun.get(r) ?? [], wordsOf);
      const scored: TitleMatch[] = [];
      for (const [title, first, last] of found) {
        const m = context.score(this.titles[title] as IndexedTitle, first, last);
        if (m && m.confidence >= (options.minConfidence ?? 0)) scored.push(m);
      }
      out.push(...pickNonOverlapping(scored));
    }
    return out;
  }

  /** `match` on one string, as one run of text with no marks (a title typed or pasted somewhere). */
  matchString(text: string, options: { minConfidence?: number } = {}): TitleMatch[] {
    return this.match({ runs: [text], kinds: [RunKind.Other], marks: [] }, options);
  }

  /** Adds a title's word codes to the trie; `nodes` is the number of nodes so far. Returns the new number. */
  private insert(codes: Int32Array, title: number, nodes: number): number {
    const { oneToken, oneChild, depth } = this;
    let node = ROOT;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] as number;
      let next = this.child(node, code);
      if (next === NONE) {
        next = nodes++;
        depth[next] = (depth[node] as number) + 1;
        const only = oneToken[node] as number;
        if (only === NONE) {
          oneToken[node] = code;
          oneChild[node] = next;
        } else if (only === MANY) (this.manyChildren.get(node) as Map<number, number>).set(code, next);
        else {
          this.manyChildren.set(
            node,
            new Map([
              [only, oneChild[node] as number],
              [code, next],
            ]),
          );
          oneToken[node] = MANY;
        }
      }
      node = next;
    }
    this.output[node] = title;
    return nodes;
  }

  private child(node: number, code: number): number {
    const only = this.oneToken[node] as number;
    if (only === code) return this.oneChild[node] as number;
    return only === MANY ? ((this.manyChildren.get(node) as Map<number, number>).get(code) ?? NONE) : NONE;
  }

  /** Calls `visit(code, child)` for each child of `node`. */
  private forEachChild(node: number, visit: (code: number, child: number) => void): void {
    const only = this.oneToken[node] as number;
    if (only === MANY)
      (this.manyChildren.get(node) as Map<number, number>).forEach((child, code) => visit(code, child));
    else if (only !== NONE) visit(only, this.oneChild[node] as number);
  }

  /** Failure and dictionary links, breadth first (Aho & Corasick's construction). */
  private link(): void {
    const n = this.depth.length;
    const fail = (this.fail = new Int32Array(n));
    const dictionary = (this.dictionary = new Int32Array(n).fill(NONE));
    const queue = new Int32Array(n);
    let tail = 0;
    this.forEachChild(ROOT, (_code, child) => (queue[tail++] = child));
    for (let head = 0; head < tail; head++) {
      const node = queue[head] as number;
      this.forEachChild(node, (code, child) => {
        let f = fail[node] as number;
        while (f !== ROOT && this.child(f, code) === NONE) f = fail[f] as number;
        const g = this.child(f, code);
        const target = g !== NONE && g !== child ? g : ROOT;
        fail[child] = target;
        dictionary[child] = this.output[target] !== NONE ? target : (dictionary[target] as number);
        queue[tail++] = child;
      });
    }
  }

  /** The automaton over one run's word numbers: every title ending at each word, as `[title, first, last]`. */
  private scan(codes: Int32Array, counter: MatchCounter | undefined): [number, number, number][] {
    const found: [number, number, number][] = [];
    let node = ROOT;
    let steps = 0;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] as number;
      steps++;
      if (code === 0) {
        node = ROOT;
        continue;
      }
      let next = this.child(node, code);
      while (next === NONE && node !== ROOT) {
        node = this.fail[node] as number;
        steps++;
        next = this.child(node, code);
      }
      node = next === NONE ? ROOT : next;
      for (let s = this.output[node] !== NONE ? node : (this.dictionary[node] as number); s !== NONE;) {
        found.push([this.output[s] as number, i - (this.depth[s] as number) + 1, i]);
        s = this.dictionary[s] as number;
      }
    }
    if (counter) {
      counter.steps += steps;
      counter.outputs += found.length;
    }
    return found;
  }

  /**
   * A run's words, cut at link boundaries and at `Cut` marks too (a link's or a `<span>`'s text is its own phrase
   * even when the page sets it flush against the next word), with a hyphen at a line end joined when the joined
   * word is a word of some title.
   */
  private cut(text: string, marks: readonly number[] | undefined): RunWords {
    const cuts = new Set<number>();
    for (let k = 0; marks && k < marks.length; k += 3) {
      if (marks[k + 2] !== MarkKind.Link && marks[k + 2] !== MarkKind.Cut) continue;
      cuts.add(marks[k] as number);
      cuts.add(marks[k + 1] as number);
    }
    const list = cuts.size === 0 ? splitWords(text) : splitAt(text, cuts);
    if (list.hyphenBreaks.length > 0) this.joinHyphenated(list);
    const codes = new Int32Array(list.words.length);
    for (let i = 0; i < codes.length; i++) codes[i] = this.vocab.get(list.words[i] as string) ?? 0;
    return { list, codes };
  }

  private joinHyphenated(list: WordList): void {
    // From the last break backwards, so indexes before it stay valid.
    for (let k = list.hyphenBreaks.length - 1; k >= 0; k--) {
      const i = list.hyphenBreaks[k] as number;
      const joined = `${list.words[i]}${list.words[i + 1] ?? ''}`;
      if (i + 1 >= list.words.length || !this.vocab.has(joined)) continue;
      list.words.splice(i, 2, joined);
      list.starts.splice(i + 1, 1);
      list.ends.splice(i, 1);
    }
    list.hyphenBreaks = [];
  }
}

/** Builds the index (see `TitleIndex`). Linear in the total length of the titles. */
export function createTitleIndex(entries: Iterable<TitleEntry>, options: TitleIndexOptions = {}): TitleIndex {
  return new TitleIndex(entries, options);
}

/**
 * Whether the raw word `title[start..end)` (normalized: `word`) is coined: letters and digits mixed (`M1`, `Qwen2`,
 * `π^3`), a capital inside it after a small letter (`MiniMax`, `DeepResearch`, `UniF²ace`), or all capitals, three
 * or more (`VGR`). A title holding a coined word that is rare among the cached titles is distinctive.
 */
function looksCoined(title: string, start: number, end: number, word: string): boolean {
  let digits = false;
  let letters = false;
  let upper = 0;
  let innerCapital = false;
  let ascii = true;
  for (let i = start; i < end; i++) {
    const c = title.charCodeAt(i);
    if (c >= 48 && c <= 57) digits = true;
    else if (c >= 65 && c <= 90) {
      letters = true;
      upper++;
      const before = title.charCodeAt(i - 1);
      if (i > start && before >= 97 && before <= 122) innerCapital = true;
    } else if (c >= 97 && c <= 122) letters = true;
    else if (c >= 128) ascii = false;
  }
  if (!ascii) {
    const raw = title.slice(start, end);
    return (/\d/.test(word) && /\D/.test(word)) || /\p{Ll}\p{Lu}/u.test(raw) || /^\p{Lu}{3,}$/u.test(raw);
  }
  return (digits && letters) || innerCapital || (upper >= 3 && upper === end - start);
}

/** `splitWords` of `text` cut also at the offsets in `cuts`. */
function splitAt(text: string, cuts: ReadonlySet<number>): WordList {
  const points = [...cuts].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b);
  const out: WordList = { words: [], starts: [], ends: [], hyphenBreaks: [] };
  let from = 0;
  for (const to of [...points, text.length]) {
    const part = splitWords(text.slice(from, to));
    for (const b of part.hyphenBreaks) out.hyphenBreaks.push(out.words.length + b);
    out.words.push(...part.words);
    part.starts.forEach((s, i) => {
      out.starts.push(from + s);
      out.ends.push(from + (part.ends[i] as number));
    });
    from = to;
  }
  return out;
}

/** `PageText.marks` by run: flat triples `[start, end, kind]`. */
function groupMarks(text: PageText): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const m = text.marks;
  for (let k = 0; k + 4 <= m.length; k += 4) {
    const run = m[k] as number;
    let list = out.get(run);
    if (!list) out.set(run, (list = []));
    list.push(m[k + 1] as number, m[k + 2] as number, m[k + 3] as number);
  }
  return out;
}
