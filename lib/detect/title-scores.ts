/**
 * How sure a cached title found in text is a citation of that paper: the title's length and wording, and the cues
 * around it (see `TITLE_SCORES`). Used by `TitleIndex.match` on each title the automaton finds.
 */
import type { WordList } from '../text/normalize';
import { findArxivIdsInText } from './ids-in-text';
import { MarkKind, RunKind, type PageText } from './page-text';

/** Why a title found in text is taken for a citation. */
export type TitleCue = 'link' | 'heading' | 'quotes' | 'label' | 'authors' | 'id' | 'emphasis';

/**
 * How a title match's confidence is made, in 0..1: a base by the title's length in words, plus `distinctive` when
 * it holds a coined word, less `runsOn` when a long title runs into the words around it without punctuation (only
 * titles of at least `LONG_TITLE_WORDS` words may), plus each cue present; capped at `MAX_CONFIDENCE`, then
 * divided by the number of cached papers sharing the title. `CONFIDENT` (`mention.ts`) is the bar for showing it.
 * The numbers were set on the detection cases in `../shared/data/cases/detect/` and the no-citation pages in the
 * tests, so that a title of 8+ words counts anywhere, one of 6–7 words when delimited, and shorter ones only with
 * a cue.
 */
export const TITLE_SCORES = {
  /** Base for titles of at least `LONG_TITLE_WORDS` words. */
  long: 0.75,
  /** Base for 6–7 words. */
  medium: 0.6,
  /** Base for 4–5 words. */
  short: 0.35,
  /** Base for 3 words. */
  tiny: 0.2,
  distinctive: 0.1,
  runsOn: 0.1,
  cue: {
    /** The whole text of a link (a link whose text holds more is `partialLink`). */
    link: 0.4,
    partialLink: 0.1,
    /** The whole text of a heading, after an optional label (`Title: …`). */
    heading: 0.4,
    /** Inside quotes of any language (`"…"`, `“…”`, `„…“`, `«…»`, `「…」`) or a `<q>`/`<cite>` element. */
    quotes: 0.35,
    /** After a label: one to four words and a colon opening the sentence (`Original title:`, `Paper:`). */
    label: 0.3,
    /** A family name of one of the paper's authors in the same block or the ones beside it. */
    authors: 0.35,
    /** An arXiv id in the same block (a reference list entry). */
    id: 0.2,
    /** The whole text of an `<em>`/`<i>` (cited titles are set in italics). */
    emphasis: 0.15,
  },
} as const;
/** Titles of at least this many words count anywhere. */
export const LONG_TITLE_WORDS = 8;
/** The most a title match can be (a title is never as sure as an id). */
export const MAX_CONFIDENCE = 0.99;
/** A cached title found in a page's text. Offsets are into `PageText.runs[run]`. */
export interface TitleMatch {
  /** Index of the run in `PageText.runs`. */
  run: number;
  /** Offset of the title's first raw character. */
  start: number;
  /** Offset just past its last raw character. */
  end: number;
  /** Ids of the cached papers with this title (more than one only when cached papers share a title). */
  ids: readonly string[];
  /** 0..1, see `TITLE_SCORES`. */
  confidence: number;
  /** The cues found, strongest first. */
  cues: TitleCue[];
  /** Number of normalized words of the title. */
  words: number;
}

/** What scoring needs to know of an indexed title. */
export interface IndexedTitle {
  ids: string[];
  words: number;
  distinctive: boolean;
  /** Family names of the first authors, normalized; absent when the entry gave none. */
  surnames?: Set<string>;
}

/** A page run cut into words, with the automaton's word numbers (0: no title holds the word). */
export interface RunWords {
  list: WordList;
  codes: Int32Array;
}

/** Characters that join words rather than separate phrases (`Title-based` runs on; `Title:` does not). */
const JOINERS = new Set(['-', '\u2010', '\u2011', "'", '’', '/', '_', '&', '+', '@', '^']);
const QUOTES = new Set([...'"\'“”„‟«»‹›「」『』‘’‚‛〝〞＂']);
const SENTENCE_END = /[.!?;。！？；\n]/;
/** Punctuation that may stand between a title and its closing quote (`"Title,"`). */
const TRAILING = new Set([...'.,;:!?…']);
const MAX_LABEL_WORDS = 4;

/** The text around one run, for scoring matches in it. */
export class RunContext {
  private ids: boolean | undefined;
  private nearby: Set<string> | undefined;

  constructor(
    private readonly page: PageText,
    private readonly r: number,
    private readonly run: RunWords,
    /** Flat triples `[start, end, kind]`. */
    private readonly marks: readonly number[],
    private readonly wordsOf: (run: number) => RunWords,
  ) {}

  private get text(): string {
    return this.page.runs[this.r] ?? '';
  }

  /** The raw text between word `i - 1` and word `i` (from the run's start for `i = 0`, to its end past the last). */
  private gap(i: number): string {
    const { starts, ends } = this.run.list;
    const from = i === 0 ? 0 : (ends[i - 1] as number);
    const to = i >= starts.length ? this.text.length : (starts[i] as number);
    return this.text.slice(from, to);
  }

  /** Whether an element edge (a link, quotation, emphasis, or a `Cut`) lies between offsets `from` and `to`. */
  private hasEdgeBetween(from: number, to: number): boolean {
    for (let k = 0; k < this.marks.length; k += 3) {
      const start = this.marks[k] as number;
      const end = this.marks[k + 1] as number;
      if ((start >= from && start <= to) || (end >= from && end <= to)) return true;
    }
    return false;
  }

  /**
   * Whether a phrase boundary separates word `i - 1` and word `i`: the run's edge, punctuation other than joiners,
   * or the edge of an element around one of them (a link, a quotation, emphasis, a flush `<span>`).
   */
  private delimited(i: number): boolean {
    const n = this.run.list.words.length;
    if (i === 0 || i >= n) return true;
    for (const ch of this.gap(i)) if (ch.trim() !== '' && !JOINERS.has(ch)) return true;
    return this.hasEdgeBetween(this.run.list.ends[i - 1] as number, this.run.list.starts[i] as number);
  }

  /**
   * Whether the sentence ends with the span (past word `last`): the run ends, or the next mark is a full stop,
   * semicolon, question or exclamation mark, bracket or line break — not a comma going on to more items.
   */
  private endsSentence(last: number): boolean {
    const gap = this.gap(last + 1);
    if (last + 1 >= this.run.list.words.length) return true;
    return /^[\s"'“”„«»‹›」』]*[.;!?()[\]\n。；！？]/.test(gap);
  }

  /** The smallest mark of `kind` holding the span, and whether the span is all of its words. */
  private markAround(kind: MarkKind, start: number, end: number, first: number, last: number): 'whole' | 'part' | '' {
    let best: 'whole' | 'part' | '' = '';
    const { starts, ends } = this.run.list;
    for (let k = 0; k < this.marks.length; k += 3) {
      if (this.marks[k + 2] !== kind) continue;
      const ms = this.marks[k] as number;
      const me = this.marks[k + 1] as number;
      if (ms > start || me < end) continue;
      const before = first > 0 && (ends[first - 1] as number) > ms;
      const after = last + 1 < starts.length && (starts[last + 1] as number) < me;
      if (!before && !after) return 'whole';
      best = 'part';
    }
    return best;
  }

  /** Whether the span sits inside quotes: a quote character just before and just after (or a trailing `,`/`.`). */
  private quoted(start: number, end: number): boolean {
    const text = this.text;
    let a = start - 1;
    while (a >= 0 && text.charAt(a).trim() === '') a--;
    let b = end;
    while (b < text.length && text.charAt(b).trim() === '') b++;
    if (TRAILING.has(text.charAt(b)) && QUOTES.has(text.charAt(b + 1))) b++;
    return a >= 0 && QUOTES.has(text.charAt(a)) && QUOTES.has(text.charAt(b));
  }

  /**
   * Whether a label (one to four words and a colon, opening the sentence) stands just before word `first`, and the
   * span ends the sentence (`Topics include: A, B and C` is a list, not a labelled title).
   */
  private labelled(first: number, last: number): boolean {
    if (first === 0 || !/[:：]/.test(this.gap(first)) || !this.endsSentence(last)) return false;
    for (let k = first - 1, count = 1; k >= 0 && count <= MAX_LABEL_WORDS; k--, count++) {
      if (k === 0 || SENTENCE_END.test(this.gap(k))) return true;
    }
    return false;
  }

  private hasId(): boolean {
    this.ids ??= findArxivIdsInText(this.text).length > 0;
    return this.ids;
  }

  /** The words of this run and the runs beside it. */
  private nearbyWords(): Set<string> {
    if (!this.nearby) {
      this.nearby = new Set(this.run.list.words);
      for (const r of [this.r - 1, this.r + 1]) {
        if (r >= 0 && r < this.page.runs.length) for (const w of this.wordsOf(r).list.words) this.nearby.add(w);
      }
    }
    return this.nearby;
  }

  /** Scores the title spanning words `first..last`, or `undefined` when it runs on into other words. */
  score(title: IndexedTitle, first: number, last: number): TitleMatch | undefined {
    const { starts, ends } = this.run.list;
    const start = starts[first] as number;
    const end = ends[last] as number;
    const n = title.words;
    const s = TITLE_SCORES;
    let confidence = n >= LONG_TITLE_WORDS ? s.long : n >= 6 ? s.medium : n >= 4 ? s.short : s.tiny;
    if (title.distinctive) confidence += s.distinctive;
    const runsOn = (this.delimited(first) ? 0 : 1) + (this.delimited(last + 1) ? 0 : 1);
    if (runsOn > 0) {
      if (n < LONG_TITLE_WORDS) return undefined;
      confidence -= s.runsOn;
    }
    const cues: [TitleCue, number][] = [];
    const link = this.markAround(MarkKind.Link, start, end, first, last);
    if (link !== '') cues.push(['link', link === 'whole' ? s.cue.link : s.cue.partialLink]);
    const label = this.labelled(first, last);
    const kind = this.page.kinds[this.r] ?? RunKind.Other;
    if (kind === RunKind.Heading && last === starts.length - 1 && (first === 0 || label)) {
      cues.push(['heading', s.cue.heading]);
    }
    if (this.quoted(start, end) || this.markAround(MarkKind.Quote, start, end, first, last) === 'whole') {
      cues.push(['quotes', s.cue.quotes]);
    }
    if (label) cues.push(['label', s.cue.label]);
    if (title.surnames) {
      const words = this.nearbyWords();
      for (const name of title.surnames) {
        if (words.has(name)) {
          cues.push(['authors', s.cue.authors]);
          break;
        }
      }
    }
    if (this.hasId()) cues.push(['id', s.cue.id]);
    if (this.markAround(MarkKind.Emphasis, start, end, first, last) === 'whole') {
      cues.push(['emphasis', s.cue.emphasis]);
    }
    cues.sort((a, b) => b[1] - a[1]);
    for (const [, value] of cues) confidence += value;
    confidence = Math.min(MAX_CONFIDENCE, confidence) / title.ids.length;
    return { run: this.r, start, end, ids: title.ids, confidence, cues: cues.map(([c]) => c), words: n };
  }
}

/** The most confident (then longest) matches that do not overlap, in text order. */
export function pickNonOverlapping(matches: TitleMatch[]): TitleMatch[] {
  if (matches.length < 2) return matches;
  const ranked = [...matches].sort((a, b) => b.confidence - a.confidence || b.words - a.words || a.start - b.start);
  const kept: TitleMatch[] = [];
  for (const m of ranked) {
    if (kept.every((k) => m.end <= k.start || m.start >= k.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}
