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

/** Where a reason comes from, best first: the order in which candidates are offered. */
export const WHY_CLASSES = ['keyword phrase', 'title phrase', 'title term', 'keyword term', 'abstract phrase'] as const;

/** One possible reason: a phrase of the source, as written there, and its processed terms. */
export interface WhyCandidate {
  /** As the source wrote it (`Mixture of Experts`, `LoRA`, `speculative decoding`). */
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

/** The processed terms of a text with their character spans (tokens `processTerm` drops are skipped). */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const term = processTerm(m[0]);
    if (term !== null) out.push({ term, start: m.index, end: m.index + m[0].length, raw: m[0] });
  }
  return out;
}

/** A single word as a label: kept as written when it has a capital after its first letter (`LLaMA`), else lowercase. */
function wordLabel(raw: string): string {
  return INNER_CAPITAL.test(raw) ? raw : raw.toLowerCase();
}

function spanLabel(text: string, from: Token, to: Token): string {
  return text.slice(from.start, to.end).replace(/\s+/g, ' ');
}

function contains(list: Int32Array, d: number): boolean {
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
function coOccurrence(index: RelatedIndex, terms: readonly string[]): number {
  const lists: Int32Array[] = [];
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

/**
 * The reasons a source can give, best first, from its texts (one for a paper or a page; several for the papers of a
 * listing, whose shared phrases then rank first within each class, then the longer phrase).
 */
export function whyCandidates(texts: readonly WhyText[]): WhyCandidate[] {
  const byKey = new Map<string, WhyCandidate>();
  const seenInText = new Set<string>();
  const offer = (label: string, terms: string[], rank: number) => {
    const key = terms.join(' ');
    const textKey = `${key}\u0000${rank}`;
    const known = byKey.get(key);
    if (known) {
      if (!seenInText.has(textKey)) known.support++;
      if (rank < known.rank) Object.assign(known, { rank, label });
    } else byKey.set(key, { label, terms, rank, support: 1 });
    seenInText.add(textKey);
  };
  const phrases = (text: string, rank: number, single?: number) => {
    const toks = tokens(text);
    for (let i = 0; i < toks.length; i++) {
      if (single !== undefined) offer(wordLabel(toks[i]!.raw), [toks[i]!.term], single);
      for (let n = 2; n <= MAX_PHRASE_TERMS && i + n <= toks.length; n++) {
        const span = toks.slice(i, i + n);
        offer(
          spanLabel(text, span[0]!, span[n - 1]!),
          span.map((t) => t.term),
          rank,
        );
      }
    }
  };
  for (const text of texts) {
    seenInText.clear();
    for (const k of text.keywords ?? []) {
      const toks = tokens(k);
      if (toks.length >= 2)
        offer(
          k.replace(/\s+/g, ' ').trim(),
          toks.map((t) => t.term),
          0,
        );
      for (const t of toks) offer(wordLabel(t.raw), [t.term], 3);
    }
    phrases(text.title, 1, 2);
    if (text.abstract) phrases(text.abstract, 4);
  }
  return [...byKey.values()].sort(
    (a, b) => a.rank - b.rank || b.support - a.support || b.terms.length - a.terms.length,
  );
}

/** Every run of 1 to `MAX_PHRASE_TERMS` consecutive processed terms of a text, joined by a space. */
function ngrams(text: string, into: Set<string>): void {
  const terms = tokens(text).map((t) => t.term);
  for (let i = 0; i < terms.length; i++) {
    for (let n = 1; n <= MAX_PHRASE_TERMS && i + n <= terms.length; n++) into.add(terms.slice(i, i + n).join(' '));
  }
}

/**
 * Explains related papers against one source: `explain(paper)` gives the reasons (labels) the paper shares with the
 * source — the first `MAX_WHY` candidates (`whyCandidates(texts)`) that occur as a consecutive phrase in the paper's
 * title, abstract or one of its keywords and that are distinctive (in at most `WHY_MAX_DOC_SHARE` of the indexed
 * papers, or `WHY_MIN_DOCS`), skipping a candidate whose terms an earlier reason already covers and repeated labels. Keyword phrases
 * longer than `MAX_PHRASE_TERMS` terms match when the paper has the same keyword. May be empty. Document frequencies
 * are computed only for candidates a paper matches, and remembered across the papers of one source.
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
      ok = minDf > 0 && (minDf <= limit || coOccurrence(index, c.terms) <= limit);
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
    grams.add(
      tokens(k)
        .map((t) => t.term)
        .join(' '),
    );
  }
  const why: string[] = [];
  const covered = new Set<string>();
  const labels = new Set<string>();
  for (const c of candidates) {
    if (why.length >= MAX_WHY) break;
    if (!grams.has(c.terms.join(' '))) continue;
    if (c.terms.every((t) => covered.has(t)) || labels.has(c.label.toLowerCase()) || !isDistinctive(c)) continue;
    c.terms.forEach((t) => covered.add(t));
    labels.add(c.label.toLowerCase());
    why.push(c.label);
  }
  return why;
}
