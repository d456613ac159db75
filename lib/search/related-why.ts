/**
 * Why a paper is related: the phrases it shares with the source, in the source's own words — multi-word keyword
 * phrases first, then title phrases and distinctive title terms — never a term found in more than a few percent of
 * the papers (`open`, `data`, `analysis` say nothing about a topic).
 */
import type { RelatedIndex } from './related-index';
import { processTerm } from './text';

/** Most phrases shown per related paper. */
export const MAX_WHY = 3;

/**
 * Share of the indexed papers above which a term or phrase is never shown as a reason. A phrase's share is that of
 * the papers containing all of its terms (an upper bound on the phrase's own).
 */
export const WHY_MAX_DOC_SHARE = 0.03;

/**
 * However small the index, a reason may be in this many papers (the source, the result and one more): in a
 * 100-paper index 3 % would be fewer than the two papers that share it.
 */
export const WHY_MIN_DOCS = 3;

/** Longest title or abstract phrase (in terms) offered as a reason. */
export const MAX_PHRASE_TERMS = 3;

/**
 * Where a reason comes from, best first: the order in which candidates are offered. An abstract phrase must also hold
 * a distinctive word of its own (abstracts are full of rare but empty combinations: "recent years").
 */
export const WHY_CLASSES = ['keyword phrase', 'title phrase', 'title term', 'abstract phrase', 'keyword term'] as const;

const KEYWORD_PHRASE = 0;
const TITLE_PHRASE = 1;
const TITLE_TERM = 2;
const ABSTRACT_PHRASE = 3;
const KEYWORD_TERM = 4;

/** One possible reason: a phrase of the source, as written there, and its processed terms. */
export interface WhyCandidate {
  /** As the source wrote it (`Mixture of Experts`, `LoRA`, `virtual try-on`). */
  label: string;
  /** Its processed terms, in order. */
  terms: string[];
  /** Index into `WHY_CLASSES`. */
  rank: number;
  /** How many of the source's texts hold it (more for content shared by several papers of a page). */
  support: number;
}

/** The text of one source or result, by field. */
export interface WhyText {
  title: string;
  abstract?: string;
  keywords?: readonly string[];
}

interface Token {
  term: string;
  start: number;
  end: number;
  raw: string;
}

const WORD = /[\p{L}\p{N}]+/gu;
const INNER_CAPITAL = /^.+\p{Lu}/u;
/** What may separate the words of a phrase: spaces and hyphens (and stop words, checked apart). */
const JOINER = /^[\s\-‐–]*$/u;
/** A hyphenated continuation at a label's end (`try` → `try-on`) or start (`step` → `one-step`). */
const HYPHEN_AFTER = /^-[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/u;
const HYPHEN_BEFORE = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*-$/u;

/**
 * The processed terms of a text with their character spans, split into runs that may form phrases: a run breaks
 * wherever words are separated by anything but spaces, hyphens and stop words (a comma, a parenthesis, a period).
 */
function runs(text: string): Token[][] {
  const out: Token[][] = [];
  let run: Token[] = [];
  let gapStart = 0;
  let gapOk = true;
  for (const m of text.matchAll(WORD)) {
    const term = processTerm(m[0]);
    const between = text.slice(gapStart, m.index);
    if (!JOINER.test(between)) gapOk = false;
    gapStart = m.index + m[0].length;
    if (term === null) continue;
    if (!gapOk && run.length > 0) {
      out.push(run);
      run = [];
    }
    run.push({ term, start: m.index, end: m.index + m[0].length, raw: m[0] });
    gapOk = true;
  }
  if (run.length > 0) out.push(run);
  return out;
}

/** A single word as a label: kept as written when it has a capital after its first letter (`LLaMA`), else lowercase. */
function wordLabel(raw: string): string {
  return INNER_CAPITAL.test(raw) ? raw : raw.toLowerCase();
}

/** The text from `from` to `to`, widened to whole hyphenated words (`virtual try` → `virtual try-on`). */
function spanLabel(text: string, from: Token, to: Token): string {
  const before = HYPHEN_BEFORE.exec(text.slice(Math.max(0, from.start - 40), from.start))?.[0] ?? '';
  const after = HYPHEN_AFTER.exec(text.slice(to.end, to.end + 40))?.[0] ?? '';
  return (before + text.slice(from.start, to.end) + after).replace(/\s+/g, ' ');
}

function contains(list: Int32Array | Uint16Array, d: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === d) return true;
    if (v < d) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Papers containing every one of `terms` (postings intersection; 0 when a term is not indexed). */
export function coOccurrence(index: RelatedIndex, terms: readonly string[]): number {
  const lists: (Int32Array | Uint16Array)[] = [];
  for (const term of new Set(terms)) {
    const t = index.termOf.get(term);
    if (t === undefined) return 0;
    lists.push(index.postDocs.subarray(index.postStart[t]!, index.postStart[t + 1]!));
  }
  lists.sort((a, b) => a.length - b.length);
  if (lists.length === 1) return lists[0]!.length;
  // Postings are in ascending document order: look each document of the shortest list up in the others.
  let count = 0;
  for (const d of lists[0]!) if (lists.every((list) => contains(list, d))) count++;
  return count;
}

/** The processed terms of a keyword or phrase joined by a space: the key `WhyCandidate.terms` gives (`join(' ')`). */
export function phraseKey(text: string): string {
  return runs(text)
    .flat()
    .map((t) => t.term)
    .join(' ');
}

/**
 * The reasons a source can give, best first, from its texts (one for a paper or a page; several for the papers of a
 * listing, whose shared phrases then rank first within each class, then the longer phrase).
 */
export function whyCandidates(texts: readonly WhyText[]): WhyCandidate[] {
  const byKey = new Map<string, WhyCandidate>();
  const seenInText = new Set<string>();
  const offer = (label: string, terms: string[], rank: number) => {
    const key = terms.join(' ');
    const known = byKey.get(key);
    if (known) {
      if (!seenInText.has(key)) known.support++;
      if (rank < known.rank) Object.assign(known, { rank, label });
    } else byKey.set(key, { label, terms, rank, support: 1 });
    seenInText.add(key);
  };
  const phrases = (text: string, rank: number, single?: number) => {
    for (const run of runs(text)) {
      for (let i = 0; i < run.length; i++) {
        if (single !== undefined) offer(wordLabel(run[i]!.raw), [run[i]!.term], single);
        for (let n = 2; n <= MAX_PHRASE_TERMS && i + n <= run.length; n++) {
          const span = run.slice(i, i + n);
          offer(
            spanLabel(text, span[0]!, span[n - 1]!),
            span.map((t) => t.term),
            rank,
          );
        }
      }
    }
  };
  for (const text of texts) {
    seenInText.clear();
    for (const k of text.keywords ?? []) {
      const terms = runs(k).flat();
      if (terms.length >= 2) {
        offer(
          k.replace(/\s+/g, ' ').trim(),
          terms.map((t) => t.term),
          KEYWORD_PHRASE,
        );
      }
      for (const t of terms) offer(wordLabel(t.raw), [t.term], KEYWORD_TERM);
    }
    phrases(text.title, TITLE_PHRASE, TITLE_TERM);
    if (text.abstract) phrases(text.abstract, ABSTRACT_PHRASE);
  }
  return [...byKey.values()].sort(
    (a, b) => a.rank - b.rank || b.support - a.support || b.terms.length - a.terms.length,
  );
}

/** Adds to `into` every run of 1 to `MAX_PHRASE_TERMS` consecutive processed terms of a text, joined by a space. */
export function ngrams(text: string, into: Set<string>): void {
  for (const run of runs(text)) {
    const terms = run.map((t) => t.term);
    for (let i = 0; i < terms.length; i++) {
      for (let n = 1; n <= MAX_PHRASE_TERMS && i + n <= terms.length; n++) into.add(terms.slice(i, i + n).join(' '));
    }
  }
}

/**
 * Explains related papers against one source: `explain(paper)` gives the reasons (labels) the paper shares with the
 * source — the first `MAX_WHY` candidates (`whyCandidates(texts)`) that occur as a consecutive phrase in the paper's
 * title, abstract or one of its keywords and that are distinctive (in at most `WHY_MAX_DOC_SHARE` of the indexed
 * papers, or `WHY_MIN_DOCS`; an abstract phrase must moreover hold a word that distinctive). Reasons do not overlap:
 * a candidate sharing a word with an earlier reason is skipped, except that a phrase containing an earlier single
 * word takes its place (`virtual` → `virtual try-on`). Keyword phrases longer than `MAX_PHRASE_TERMS` terms match
 * when the paper has the same keyword. May be empty. Document frequencies are computed only for candidates a paper
 * matches, and remembered across the papers of one source.
 */
export function relatedReasons(index: RelatedIndex, texts: readonly WhyText[]): (paper: WhyText) => string[] {
  const candidates = whyCandidates(texts);
  const limit = Math.max(WHY_MIN_DOCS, WHY_MAX_DOC_SHARE * index.ids.length);
  const distinctive = new Map<string, boolean>();
  const isDistinctive = (c: WhyCandidate) => {
    const key = c.terms.join(' ');
    let ok = distinctive.get(key);
    if (ok === undefined) {
      // The rarest term bounds the phrase's document frequency; only when it does not suffice are postings joined.
      const minDf = Math.min(...c.terms.map((t) => dfOf(index, t)));
      const strict = c.rank === ABSTRACT_PHRASE;
      ok = minDf > 0 && (minDf <= limit || (!strict && coOccurrence(index, c.terms) <= limit));
      distinctive.set(key, ok);
    }
    return ok;
  };
  return (paper) => explainWith(candidates, paper, isDistinctive);
}

function dfOf(index: RelatedIndex, term: string): number {
  const t = index.termOf.get(term);
  return t === undefined ? 0 : index.df[t]!;
}

function explainWith(
  candidates: readonly WhyCandidate[],
  paper: WhyText,
  isDistinctive: (c: WhyCandidate) => boolean,
): string[] {
  const grams = new Set<string>();
  ngrams(paper.title, grams);
  ngrams(paper.abstract ?? '', grams);
  for (const k of paper.keywords ?? []) {
    ngrams(k, grams);
    grams.add(phraseKey(k));
  }
  const chosen: WhyCandidate[] = [];
  for (const c of candidates) {
    if (!grams.has(c.terms.join(' ')) || !isDistinctive(c)) continue;
    const overlapping = chosen.filter((x) => x.terms.some((t) => c.terms.includes(t)));
    const label = c.label.toLowerCase();
    if (chosen.some((x) => x.label.toLowerCase() === label)) continue;
    if (overlapping.length === 0) {
      if (chosen.length < MAX_WHY) chosen.push(c);
    } else if (
      overlapping.length === 1 &&
      overlapping[0]!.terms.length === 1 &&
      c.terms.length > 1 &&
      c.rank !== KEYWORD_TERM
    ) {
      chosen[chosen.indexOf(overlapping[0]!)] = c;
    }
  }
  return chosen.map((c) => c.label);
}
