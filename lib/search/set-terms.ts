/**
 * What a set of papers shares as a whole (a page's papers, the papers a page cites, the saved papers): the terms and
 * phrases of their titles and AI keywords that the most members hold, weighted by how rare they are in the cached
 * feed, so that "diffusion" or "video generation" is named rather than "model" or "data". Shown as one line above a
 * set's related list ("These papers share: …"); the per-row reasons are `relatedReasons` (related-why.ts).
 *
 * Score of a candidate phrase `c` (a keyword phrase, a title phrase of 2 to `MAX_PHRASE_TERMS` terms, or a single
 * term, as `whyCandidates` offers them): `support(c) · idf(c)` — the number of members whose title or keywords hold
 * it, times the smooth inverse document frequency `ln((1 + N) / (1 + df)) + 1` (`smoothIdf`) of the papers holding
 * all its terms in the related index (the tf-idf of the set taken as one document, with binary term frequency per
 * member; Salton & Buckley 1988; Manning, Raghavan & Schütze 2008, §6.2). Only a keyword of some member, or a
 * part of one (`identity` of `identity-preserving generation`), is named — the feed's AI keywords are the standard
 * names of topics — wherever the other members hold it: a word the titles alone share ("powered", "pairs", "via")
 * says how titles are phrased, not what the set is about.
 */
import { smoothIdf, type RelatedIndex } from './related-index';
import { coOccurrence, ngrams, phraseKey, whyCandidates, type WhyText } from './related-why';

/** Most terms named. */
export const MAX_SHARED_TERMS = 5;

/**
 * A term is named only when at least this share of the set's members hold it (and at least 2 of them): with 40 cited
 * papers, a phrase two of them share says nothing about the set as a whole.
 */
export const SHARED_MIN_SHARE = 0.2;

/**
 * A term in more than this share of the indexed papers is never named (`model`, `language`, `learning`): its idf is
 * low but a large set holds it in many members, and support alone would then put it first.
 */
export const SHARED_MAX_DOC_SHARE = 0.1;

/** Options of `sharedTerms`. */
export interface SharedTermsOptions {
  /** Most terms; default `MAX_SHARED_TERMS`. */
  max?: number;
  /** Least share of members holding a term; default `SHARED_MIN_SHARE` (never fewer than 2 members). */
  minShare?: number;
}

const INNER_CAPITAL = /^.+\p{Lu}/u;

/** A label in its standard form: each word lowercase unless written with an inner capital (`LoRA`, `LLMs`, `3D`). */
export function termLabel(label: string): string {
  return label
    .split(/(\s+|-)/)
    .map((w) => (INNER_CAPITAL.test(w) ? w : w.toLowerCase()))
    .join('')
    .trim();
}

/**
 * The terms a set of papers shares as a whole, best first (see the module comment): at most `max` labels, none
 * sharing a processed term with a better one (`video generation` keeps `video` from being named again); a shared
 * phrase holding named single words is named in their place (`simulation` → `social simulation`). `texts` are
 * the members' titles and keywords (abstracts are ignored: their words say how a paper is written, not what it is
 * about). Empty for fewer than 2 members, or when no distinctive term is held by enough of them. Labels are plain
 * text from the papers' own titles and keywords: render them as text.
 */
export function sharedTerms(
  index: RelatedIndex,
  texts: readonly WhyText[],
  options: SharedTermsOptions = {},
): string[] {
  const { max = MAX_SHARED_TERMS, minShare = SHARED_MIN_SHARE } = options;
  if (texts.length < 2 || max <= 0) return [];
  const n = index.ids.length;
  const minSupport = Math.max(2, Math.ceil(minShare * texts.length));
  const maxDf = Math.max(minSupport, SHARED_MAX_DOC_SHARE * n);
  const keywords = new Set<string>();
  for (const k of texts.flatMap((t) => t.keywords ?? [])) {
    keywords.add(phraseKey(k));
    ngrams(k, keywords);
  }
  const scored = whyCandidates(texts.map((t) => ({ title: t.title, keywords: t.keywords ?? [] })))
    .filter((c) => c.support >= minSupport && keywords.has(c.terms.join(' ')))
    .map((c) => {
      const df = Math.max(c.support, coOccurrence(index, c.terms));
      return { c, df, score: c.support * smoothIdf(df, n) };
    })
    .filter((x) => x.df <= maxDf)
    .sort((a, b) => b.score - a.score || a.c.rank - b.c.rank || a.c.label.localeCompare(b.c.label));
  const chosen: { terms: string[]; label: string }[] = [];
  for (const { c } of scored) {
    if (chosen.length >= max) break;
    const label = termLabel(c.label);
    if (chosen.some((x) => x.label === label)) continue;
    const overlapping = chosen.filter((x) => x.terms.some((t) => c.terms.includes(t)));
    if (overlapping.length > 0 && c.terms.length > 1 && overlapping.every((x) => x.terms.length === 1)) {
      // A phrase takes the place of the earlier single words it holds (`simulation` → `social simulation`; `zero`,
      // `shot` → `zero-shot`).
      chosen.splice(chosen.indexOf(overlapping[0]!), 1, { terms: c.terms, label });
      for (const x of overlapping.slice(1)) chosen.splice(chosen.indexOf(x), 1);
      continue;
    }
    if (overlapping.length > 0) continue;
    chosen.push({ terms: c.terms, label });
  }
  return chosen.map((x) => x.label);
}
