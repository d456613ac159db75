/**
 * "More like this": the papers of a `RelatedIndex` most similar to a source — an indexed paper, the text of a page,
 * or the papers found on a page — by cosine similarity with pseudo-relevance feedback, trending only breaking
 * near-ties.
 */
import {
  pseudoFrequencies,
  smoothIdf,
  SUBLINEAR_OF_HALVES,
  sublinearAt,
  sublinearTf,
  titleKeyOf,
  type FieldText,
  type RelatedIndex,
} from './related-index';

/** A unit-length sparse vector over an index's term numbers, in ascending term order. */
export interface QueryVector {
  terms: Int32Array;
  weights: Float32Array;
  /**
   * For a text: the share (by Euclidean norm) of its weight on terms the index holds, in [0, 1]. Terms no paper
   * contains cannot match and are left out of `terms`, but a text mostly made of them (a cooking blog) is not close
   * to anything: similarities are multiplied by this. 1 when absent.
   */
  coverage?: number;
}

/** What to find related papers for. Give `id`, text, `papers`, or several of them (see `relatedQuery`). */
export interface RelatedSource {
  /** The page's own paper (canonical arXiv id): when indexed, its indexed text is the query. Never returned. */
  id?: string;
  /** Title of the source (a paper's, or a page's without the site name). */
  title?: string;
  /** The abstract, or any descriptive text (a page's description and headings). */
  abstract?: string;
  /** Topic phrases (`ai_keywords`, a page's meta keywords). */
  keywords?: readonly string[];
  /** Other papers found on the page (arXiv ids): their shared content forms or joins the query. Never returned. */
  papers?: readonly string[];
  /**
   * Papers never returned that take no part in the query (arXiv ids): the page's own paper when relating to the
   * papers it cites. Their titles are excluded too (the same paper under another id).
   */
  exclude?: readonly string[];
}

/** What a source's query is made of, for labels ("Related to the 12 papers on this page"). */
export type QueryBasis = 'paper' | 'text' | 'papers' | 'papers+text';

/** A query ready for `rankRelated`. */
export interface RelatedQuery {
  vector: QueryVector;
  basis: QueryBasis;
  /** Documents never returned (the source paper, the page's papers). */
  exclude: ReadonlySet<number>;
  /** Normalized-title keys never returned (the source's own title: the same paper under another id). */
  excludeTitles: ReadonlySet<number>;
  /** The indexed papers the query was made from (the own paper, or the page's papers). */
  fromPapers: readonly string[];
}

/**
 * From this many indexed papers on a page (a listing, a reference list), the page's own words are left out of the
 * query: the papers say what the page is about better than its heading does.
 */
export const LISTING_MIN_PAPERS = 5;

/** Weight of a page's text next to the shared content of fewer than `LISTING_MIN_PAPERS` papers found on it. */
export const PAGE_TEXT_WEIGHT = 0.5;

/**
 * Rocchio pseudo-relevance feedback (Rocchio 1971; Manning, Raghavan & Schütze 2008, §9.1): `q' = q + β · c / ‖c‖`
 * where `c` is the centroid of the `docs` best first-pass results, cut to its `terms` heaviest terms. Chosen on the
 * tuning half of the judgments (see BENCHMARKS.md).
 */
export const FEEDBACK = Object.freeze({ docs: 10, terms: 50, beta: 0.6, minRatio: 0.5 });

/** Options of the feedback step; `false` turns it off. */
export interface FeedbackOptions {
  /** Most feedback documents (the best first-pass results). */
  docs: number;
  /** Terms of their centroid kept. */
  terms: number;
  /** Weight of the centroid against the query (both unit length). */
  beta: number;
  /**
   * Only first-pass results scoring at least this share of the best one feed back: in a small or off-topic corpus
   * the tenth result can be far from the first, and would drag the query away from its topic.
   */
  minRatio: number;
}

/**
 * The trending tie-breaker: the final score is `similarity' × (1 + TRENDING_WEIGHT × popularity)` (popularity in
 * [0, 1], see `popularityOf`), at most +3 %. Its cost in precision@10 is measured and reported in BENCHMARKS.md;
 * rows show their trending facts instead of being reordered by them.
 */
export const TRENDING_WEIGHT = 0.03;

/**
 * A result whose first-pass cosine with a paper source is at least this is the same work (another version, a
 * re-submission), not a related one, and so is a result this close to a better-ranked result: only the first is
 * kept.
 */
export const NEAR_DUPLICATE_COSINE = 0.9;

function unit(map: Map<number, number>): QueryVector {
  const terms = Int32Array.from([...map.keys()].sort((a, b) => a - b));
  const weights = new Float32Array(terms.length);
  let norm = 0;
  for (const w of map.values()) norm += w * w;
  norm = Math.sqrt(norm);
  terms.forEach((t, i) => (weights[i] = norm > 0 ? map.get(t)! / norm : 0));
  return { terms, weights };
}

/** Document `d`'s unit-length weight vector. */
export function paperVector(index: RelatedIndex, d: number): QueryVector {
  const from = index.docStart[d]!;
  const to = index.docStart[d + 1]!;
  const terms = new Int32Array(to - from);
  terms.set(index.docTerms.subarray(from, to));
  const weights = new Float32Array(to - from);
  const norm = index.docNorm[d]! || 1;
  for (let i = from; i < to; i++) {
    weights[i - from] = (sublinearAt(index.docTf, i) * index.sqrtIdf[index.docTerms[i]!]!) / norm;
  }
  return { terms, weights };
}

/**
 * The unit vector of a text, weighted exactly as indexed papers are (`pseudoFrequencies`, `1 + ln tf~`, `√idf`).
 * Terms no indexed paper contains are dropped (they cannot match); a text without known terms gives an empty vector.
 */
export function textVector(index: RelatedIndex, text: FieldText): QueryVector {
  const map = new Map<number, number>();
  // An unknown term has df 0: the highest idf.
  const unknownSqrtIdf = Math.sqrt(smoothIdf(0, index.ids.length));
  let known = 0;
  let all = 0;
  for (const [term, tf] of pseudoFrequencies(text)) {
    const t = index.termOf.get(term);
    const w = sublinearTf(tf) * (t === undefined ? unknownSqrtIdf : index.sqrtIdf[t]!);
    all += w * w;
    if (t === undefined) continue;
    map.set(t, w);
    known += w * w;
  }
  return { ...unit(map), coverage: all > 0 ? Math.sqrt(known / all) : 0 };
}

/** `Σ weight_i · v_i`, normalized to unit length (empty parts and zero weights are skipped). */
export function combineVectors(parts: readonly { vector: QueryVector; weight: number }[]): QueryVector {
  const map = new Map<number, number>();
  for (const { vector, weight } of parts) {
    if (weight === 0) continue;
    vector.terms.forEach((t, i) => map.set(t, (map.get(t) ?? 0) + weight * vector.weights[i]!));
  }
  return unit(map);
}

/**
 * The query of a source:
 * - with an indexed `id`: that paper's vector (its indexed title, abstract and keywords);
 * - with an `id` not indexed: the source's text (the page's meta tags describe that paper);
 * - otherwise the centroid of the indexed `papers` (their shared content weighs most), joined by the text at
 *   `PAGE_TEXT_WEIGHT` when fewer than `LISTING_MIN_PAPERS` papers are indexed, or the text alone when none is.
 * The own paper, the page's papers, the `exclude` papers and any paper under the source's title (or an excluded
 * paper's) are excluded from the results. The vector
 * is empty when nothing usable remains (then `rankRelated` answers `[]`).
 */
export function relatedQuery(index: RelatedIndex, source: RelatedSource): RelatedQuery {
  const exclude = new Set<number>();
  const excludeTitles = new Set<number>();
  const pageDocs: number[] = [];
  for (const id of source.papers ?? []) {
    const d = index.docOf.get(id);
    if (d !== undefined && !exclude.has(d)) {
      exclude.add(d);
      pageDocs.push(d);
    }
  }
  for (const id of source.exclude ?? []) {
    const d = index.docOf.get(id);
    if (d === undefined) continue;
    exclude.add(d);
    excludeTitles.add(index.titleKey[d]!);
  }
  const own = source.id === undefined ? undefined : index.docOf.get(source.id);
  const text: FieldText = {
    title: source.title ?? '',
    abstract: source.abstract ?? '',
    keywords: source.keywords ?? [],
  };
  if (own !== undefined) {
    exclude.add(own);
    excludeTitles.add(index.titleKey[own]!);
    return { vector: paperVector(index, own), basis: 'paper', exclude, excludeTitles, fromPapers: [source.id!] };
  }
  if (source.id !== undefined || pageDocs.length === 0) {
    if (text.title!.trim() !== '') excludeTitles.add(titleKeyOf(text.title!));
    return { vector: textVector(index, text), basis: 'text', exclude, excludeTitles, fromPapers: [] };
  }
  const centroid = combineVectors(pageDocs.map((d) => ({ vector: paperVector(index, d), weight: 1 })));
  const withText = pageDocs.length < LISTING_MIN_PAPERS;
  const textPart = withText ? textVector(index, text) : undefined;
  const vector =
    textPart && textPart.terms.length > 0
      ? combineVectors([
          { vector: centroid, weight: 1 },
          { vector: textPart, weight: PAGE_TEXT_WEIGHT },
        ])
      : centroid;
  return {
    vector,
    basis: textPart && textPart.terms.length > 0 ? 'papers+text' : 'papers',
    exclude,
    excludeTitles,
    fromPapers: pageDocs.map((d) => index.ids[d]!),
  };
}

/**
 * Adds `q · w(·, d)` to `scores[d]` for every document sharing a term with `q` (term-at-a-time over postings). Each
 * posting's weight is computed here from its `tf~` (the 32-bit float `postingWeight` gives, with the same
 * operations), in a loop specialized to the index's form of `tf~`.
 */
export function accumulate(index: RelatedIndex, q: QueryVector, scores: Float32Array): void {
  const { postStart, postDocs, postTf, sqrtIdf, docNorm } = index;
  const halves = postTf instanceof Uint8Array ? postTf : undefined;
  for (let i = 0; i < q.terms.length; i++) {
    const t = q.terms[i]!;
    const w = q.weights[i]!;
    const idf = sqrtIdf[t]!;
    const end = postStart[t + 1]!;
    if (halves) {
      for (let p = postStart[t]!; p < end; p++) {
        const d = postDocs[p]!;
        scores[d]! += w * Math.fround((SUBLINEAR_OF_HALVES[halves[p]!]! * idf) / (docNorm[d]! || 1));
      }
    } else {
      for (let p = postStart[t]!; p < end; p++) {
        const d = postDocs[p]!;
        scores[d]! += w * Math.fround((sublinearTf(postTf[p]!) * idf) / (docNorm[d]! || 1));
      }
    }
  }
}

/**
 * The `k` documents with the highest positive score for which `keep(d)` holds, best first; ties go to the lower
 * document number, so a ranking is deterministic.
 */
export function topDocuments(scores: Float32Array, k: number, keep: (d: number) => boolean): number[] {
  const top: number[] = [];
  if (k <= 0) return top;
  for (let d = 0; d < scores.length; d++) {
    const s = scores[d]!;
    if (!(s > 0) || (top.length === k && s <= scores[top[k - 1]!]!) || !keep(d)) continue;
    let i = top.length === k ? k - 1 : top.length;
    while (i > 0 && scores[top[i - 1]!]! < s) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = d;
  }
  return top;
}

/** Cosine of two documents (their unit vectors' dot product), by merging their ascending term lists. */
export function documentCosine(index: RelatedIndex, a: number, b: number): number {
  const { docStart, docTerms, docTf, sqrtIdf, docNorm } = index;
  let i = docStart[a]!;
  let j = docStart[b]!;
  const ie = docStart[a + 1]!;
  const je = docStart[b + 1]!;
  let dot = 0;
  while (i < ie && j < je) {
    const ta = docTerms[i]!;
    const tb = docTerms[j]!;
    if (ta === tb) {
      dot += sublinearAt(docTf, i) * sublinearAt(docTf, j) * sqrtIdf[ta]! ** 2;
      i++;
      j++;
    } else if (ta < tb) i++;
    else j++;
  }
  const norm = docNorm[a]! * docNorm[b]!;
  return norm > 0 ? dot / norm : 0;
}

/** The Rocchio-expanded query (see `FEEDBACK`) from the feedback documents `docs`. */
export function expandQuery(
  index: RelatedIndex,
  q: QueryVector,
  docs: readonly number[],
  options: FeedbackOptions,
): QueryVector {
  if (docs.length === 0 || options.beta === 0) return q;
  const centroid = new Map<number, number>();
  for (const d of docs) {
    const v = paperVector(index, d);
    v.terms.forEach((t, i) => centroid.set(t, (centroid.get(t) ?? 0) + v.weights[i]! / docs.length));
  }
  const kept = [...centroid].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, options.terms);
  const expansion = unit(new Map(kept));
  return combineVectors([
    { vector: q, weight: 1 },
    { vector: expansion, weight: options.beta },
  ]);
}

/** Options of `rankRelated`. */
export interface RankOptions {
  /** Most results. Default 10. */
  limit?: number;
  /** Pseudo-relevance feedback; default `FEEDBACK`, `false` for none. */
  feedback?: FeedbackOptions | false;
  /** Weight of popularity in the final score (see `TRENDING_WEIGHT`, the default); 0 ranks by similarity alone. */
  trendingWeight?: number;
}

/** A related paper as ranked. */
export interface RankedPaper {
  id: string;
  /** Document number in the index. */
  doc: number;
  /** The final score (expanded-query similarity × the trending tie-breaker); comparable within one call only. */
  score: number;
  /**
   * Cosine similarity with the source before feedback, in [0, 1]: how close the paper is to the source itself (for a
   * text, counting the words no paper contains: see `QueryVector.coverage`).
   */
  similarity: number;
}

const scratch = new WeakMap<RelatedIndex, [Float32Array, Float32Array]>();

function buffers(index: RelatedIndex): [Float32Array, Float32Array] {
  let b = scratch.get(index);
  if (!b) scratch.set(index, (b = [new Float32Array(index.ids.length), new Float32Array(index.ids.length)]));
  b[0].fill(0);
  b[1].fill(0);
  return b;
}

/**
 * The papers most related to `query`, best first.
 *
 * 1. First pass: cosine of the query with every paper (`accumulate` over the postings of its terms).
 * 2. Feedback: the query is expanded with the centroid of the best `feedback.docs` first-pass papers (Rocchio) and
 *    scored again.
 * 3. The expanded-query score is multiplied by `1 + trendingWeight × popularity`.
 *
 * Excluded documents and titles (`relatedQuery`) never appear, nor does a near-duplicate of the source (first-pass
 * cosine ≥ `NEAR_DUPLICATE_COSINE` with a paper source); of results that are near-duplicates of each other (same
 * normalized title, or cosine ≥ `NEAR_DUPLICATE_COSINE`) only the best ranked is kept. Deterministic. Empty for an
 * empty query or when nothing shares a term with it.
 */
export function rankRelated(index: RelatedIndex, query: RelatedQuery, options: RankOptions = {}): RankedPaper[] {
  const { limit = 10, feedback = FEEDBACK, trendingWeight = TRENDING_WEIGHT } = options;
  if (limit <= 0 || query.vector.terms.length === 0) return [];
  const [first, second] = buffers(index);
  accumulate(index, query.vector, first);
  const paperSource = query.basis === 'paper';
  const eligible = (d: number) =>
    !query.exclude.has(d) &&
    !query.excludeTitles.has(index.titleKey[d]!) &&
    !(paperSource && first[d]! >= NEAR_DUPLICATE_COSINE);
  const scores = second;
  if (feedback) {
    const top = topDocuments(first, feedback.docs, eligible);
    const floor = (first[top[0]!] ?? 0) * feedback.minRatio;
    const expanded = expandQuery(
      index,
      query.vector,
      top.filter((d) => first[d]! >= floor),
      feedback,
    );
    accumulate(index, expanded, scores);
  } else scores.set(first);
  if (trendingWeight !== 0) {
    for (let d = 0; d < scores.length; d++) scores[d]! *= 1 + trendingWeight * index.popularity[d]!;
  }
  // Room for the near-duplicates dropped below.
  const candidates = topDocuments(scores, limit * 2 + 5, eligible);
  const kept: number[] = [];
  for (const d of candidates) {
    if (kept.length >= limit) break;
    const dup = kept.some(
      (k) => index.titleKey[k] === index.titleKey[d] || documentCosine(index, k, d) >= NEAR_DUPLICATE_COSINE,
    );
    if (!dup) kept.push(d);
  }
  const coverage = query.vector.coverage ?? 1;
  return kept.map((d) => ({ id: index.ids[d]!, doc: d, score: scores[d]!, similarity: first[d]! * coverage }));
}

/** `rankRelated(index, relatedQuery(index, source), options)`. */
export function relatedPapers(index: RelatedIndex, source: RelatedSource, options: RankOptions = {}): RankedPaper[] {
  return rankRelated(index, relatedQuery(index, source), options);
}
