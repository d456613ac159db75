/**
 * The vector-space index behind related papers: every paper as a sparse, unit-length term vector over its title,
 * abstract and keywords, with an inverted index to score a query against all papers at once. Compact typed arrays,
 * built in the background after a sync (reusing the analysis of papers whose text did not change), persisted as
 * structured-cloneable arrays and loaded without re-analysis by a restarted worker.
 *
 * Term weights (measured on the relatedness judgments, see `bench/eval.ts` and BENCHMARKS.md):
 *
 * - pseudo term frequency, BM25F-style (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and
 *   Beyond", 2009, §3.3): `tf~(t, d) = Σ_f w_f · tf_f(t, d)` over the fields title, abstract and keywords with the
 *   weights `RELATED_FIELD_WEIGHTS`;
 * - sublinear saturation `1 + ln tf~` (Salton & Buckley 1988; Manning, Raghavan & Schütze, "Introduction to
 *   Information Retrieval", 2008, §6.4.1) — measured better here than BM25's `k1` saturation;
 * - the smooth inverse document frequency `idf(t) = ln((1 + N) / (1 + df(t))) + 1` (as scikit-learn's
 *   `TfidfVectorizer`), split evenly between the two sides: each vector carries `√idf`, so the dot product of two
 *   vectors weighs a shared term by `idf` once rather than by `idf²` as the classic tf-idf cosine does;
 * - cosine normalization: `w(t, d) = (1 + ln tf~) · √idf(t) / ‖·‖₂`.
 */
import type { Paper } from '../feed/paper';
import { normalizeTitle } from '../text/normalize';
import { analyze } from './text';
import { popularityOf } from './trending';

/** Field weights of the pseudo term frequency: a title word counts twice an abstract word, a keyword half. */
export const RELATED_FIELD_WEIGHTS = Object.freeze({ title: 2, abstract: 1, keywords: 0.5 });

/**
 * Version of the stored form; `loadRelatedIndex` rejects any other (the caller then rebuilds). 2: both indexes in
 * 16-bit numbers and byte `tf~` where exact, no posting weights (version 1: 32-bit numbers and float weights, ~2.6×
 * the bytes).
 */
export const RELATED_INDEX_VERSION = 2;

const FORMAT = 'paper-radar/related-index';

/**
 * A built or loaded related-papers index. Documents are numbered `0 … ids.length − 1`; terms `0 … terms.length − 1`.
 * Treat as immutable: a new sync builds a new one (`buildRelatedIndex(papers, previous)`).
 */
export interface RelatedIndex {
  /** Document number → canonical arXiv id. */
  readonly ids: readonly string[];
  /** arXiv id → document number. */
  readonly docOf: ReadonlyMap<string, number>;
  /** Term number → processed term (as `analyze` returns). */
  readonly terms: readonly string[];
  /** Processed term → term number. */
  readonly termOf: ReadonlyMap<string, number>;
  /** Term number → number of papers containing it (title, abstract or keywords). */
  readonly df: Int32Array;
  /** Term number → `√idf(t)` (see the module comment). */
  readonly sqrtIdf: Float32Array;
  /** Forward index, CSR: the terms of document d are `docTerms[docStart[d] … docStart[d+1])`, ascending. */
  readonly docStart: Int32Array;
  /** Term numbers: 16-bit when there are at most 65,536 terms (`compactNumbers`). */
  readonly docTerms: Int32Array | Uint16Array;
  /** The pseudo term frequency `tf~` of each forward entry (read through `tfAt` / `sublinearAt`). */
  readonly docTf: TermFrequencies;
  /** Document → Euclidean norm of its unnormalized weight vector (`(1 + ln tf~) · √idf`). */
  readonly docNorm: Float32Array;
  /** Inverted index, CSR: the documents containing term t are `postDocs[postStart[t] … postStart[t+1])`. */
  readonly postStart: Int32Array;
  /** Document numbers, ascending within a term: 16-bit when there are at most 65,536 papers. */
  readonly postDocs: Int32Array | Uint16Array;
  /**
   * The `tf~` of each posting. A posting's normalized weight `w(t, d)` is computed from it where it is used
   * (`postingWeight`, and `accumulate` in `related.ts`), so that no array of weights has to be made when a stored
   * index is loaded.
   */
  readonly postTf: TermFrequencies;
  /** Document → 32-bit hash of its title, abstract and keywords (FNV-1a), to reuse its analysis when unchanged. */
  readonly signature: Uint32Array;
  /** Document → 32-bit hash of its normalized title (`normalizeTitle`), to spot the same paper listed twice. */
  readonly titleKey: Uint32Array;
  /** Document → popularity in [0, 1] (`popularityOf` its upvotes). */
  readonly popularity: Float32Array;
}

/**
 * What `serializeRelatedIndex` gives: a plain object of strings and typed arrays, storable in IndexedDB or an index
 * file as is. Both the forward and the inverted index are stored, each entry in its smallest exact form — a term or
 * document number in 16 bits when they all fit, `tf~ × 2` in a byte — and no posting weights: they are computed where
 * a query uses them (`postingWeight`, `accumulate`). At 50,000 papers ~35 MB where version 1 stored ~90 MB of 32-bit
 * numbers and floats (BENCHMARKS.md, "A smaller related index file").
 */
export interface StoredRelatedIndex {
  format: typeof FORMAT;
  version: number;
  /** Ids joined by `\n`. */
  ids: string;
  /** Terms joined by `\n` (a processed term never contains one). */
  terms: string;
  /** Term → number of papers containing it; also the length of each term's postings (`postStart` is its prefix sum). */
  df: Int32Array;
  docStart: Int32Array;
  /** The forward entries' term numbers: 16-bit when there are at most 65,536 terms, else 32-bit. */
  docTerms: Uint16Array | Int32Array;
  /**
   * The forward entries' `tf~`: a `Uint8Array` of `tf~ × 2` when every one is a multiple of ½ up to 127.5 (the field
   * weights `RELATED_FIELD_WEIGHTS` are multiples of ½, so in practice always), else a `Float32Array` of `tf~`.
   */
  docTf: TermFrequencies;
  docNorm: Float32Array;
  /** The postings' document numbers, term by term: 16-bit when there are at most 65,536 papers, else 32-bit. */
  postDocs: Uint16Array | Int32Array;
  /** The postings' `tf~`, in the form `docTf` has. */
  postTf: TermFrequencies;
  signature: Uint32Array;
  titleKey: Uint32Array;
  popularity: Float32Array;
}

/**
 * Pseudo term frequencies `tf~`, one per index entry: `Float32Array` of `tf~`, or — the form a built index takes
 * whenever it is exact — `Uint8Array` of `tf~ × 2` (every `tf~` a multiple of ½ up to 127.5, as the field weights
 * `RELATED_FIELD_WEIGHTS` make them). Read through `tfAt` and `sublinearAt`.
 */
export type TermFrequencies = Float32Array | Uint8Array;

/** The largest `tf~ × 2` a byte holds. */
const MAX_TF_HALVES = 255;

/** `sublinearTf(h / 2)` for `h` = 0 … `MAX_TF_HALVES`: the weights of byte-held `tf~`s without a logarithm each. */
export const SUBLINEAR_OF_HALVES = Float64Array.from({ length: MAX_TF_HALVES + 1 }, (_v, h) => sublinearTf(h / 2));

/** Entry `i`'s `tf~`. */
export function tfAt(tf: TermFrequencies, i: number): number {
  return tf instanceof Uint8Array ? tf[i]! / 2 : tf[i]!;
}

/** Entry `i`'s `1 + ln tf~` (`sublinearTf`), the same number whichever form `tf` has. */
export function sublinearAt(tf: TermFrequencies, i: number): number {
  return tf instanceof Uint8Array ? SUBLINEAR_OF_HALVES[tf[i]!]! : sublinearTf(tf[i]!);
}

/** Posting `p`'s (of term `t`) normalized weight `w(t, d) = (1 + ln tf~) · √idf(t) / ‖d‖`, as a 32-bit float. */
export function postingWeight(index: RelatedIndex, t: number, p: number): number {
  return Math.fround((sublinearAt(index.postTf, p) * index.sqrtIdf[t]!) / (index.docNorm[index.postDocs[p]!]! || 1));
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units (Fowler, Noll & Vo). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The signature of a paper's indexed text: changes whenever its title, abstract or keywords do. */
export function textSignature(p: Pick<Paper, 'title' | 'abstract' | 'keywords'>): number {
  return fnv1a(`${p.title}\u0000${p.abstract}\u0000${p.keywords.join('\u0001')}`);
}

/** The hash `titleKey` holds for a title. */
export function titleKeyOf(title: string): number {
  return fnv1a(normalizeTitle(title));
}

/** The text of a related-papers source or an indexed paper, by field. */
export interface FieldText {
  title: string;
  abstract?: string;
  keywords?: readonly string[];
}

/**
 * The pseudo term frequencies `tf~` of a text (see the module comment): processed term → `Σ_f w_f · tf_f`. Each
 * keyword is analyzed on its own, so no phrase runs into the next.
 */
export function pseudoFrequencies(text: FieldText): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (terms: readonly string[], w: number) => {
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + w);
  };
  add(analyze(text.title), RELATED_FIELD_WEIGHTS.title);
  add(analyze(text.abstract ?? ''), RELATED_FIELD_WEIGHTS.abstract);
  for (const k of text.keywords ?? []) add(analyze(k), RELATED_FIELD_WEIGHTS.keywords);
  return tf;
}

/** `ln((1 + n) / (1 + df)) + 1`, the smooth idf, for `n` documents. */
export function smoothIdf(df: number, n: number): number {
  return Math.log((1 + n) / (1 + df)) + 1;
}

/** `1 + ln tf` for `tf > 0`, else 0: the sublinear term frequency. */
export function sublinearTf(tf: number): number {
  return tf > 0 ? 1 + Math.log(tf) : 0;
}

/**
 * Builds the index of `papers` (an id listed twice keeps its last occurrence). With `previous`, papers whose text
 * signature is unchanged reuse their analysis from it — only new and edited papers are tokenized and stemmed — and
 * every weight is recomputed (document frequencies change with each sync; that pass is linear and cheap). Gives the
 * same index as a build from scratch.
 */
export function buildRelatedIndex(papers: Iterable<Paper>, previous?: RelatedIndex): RelatedIndex {
  const byId = new Map<string, Paper>();
  for (const p of papers) {
    byId.delete(p.id);
    byId.set(p.id, p);
  }
  const list = [...byId.values()];
  const n = list.length;
  const termOf = new Map<string, number>();
  const terms: string[] = [];
  const termId = (term: string) => {
    let t = termOf.get(term);
    if (t === undefined) {
      t = terms.length;
      terms.push(term);
      termOf.set(term, t);
    }
    return t;
  };
  // Previous term number → new term number, filled as reused rows meet them (-1: not met yet).
  const remap = previous ? new Int32Array(previous.terms.length).fill(-1) : undefined;
  const rows: { ids: number[]; tf: number[] }[] = [];
  const signature = new Uint32Array(n);
  let nnz = 0;
  list.forEach((p, d) => {
    const sig = textSignature(p);
    signature[d] = sig;
    const old = previous?.docOf.get(p.id);
    const ids: number[] = [];
    const tf: number[] = [];
    if (previous && remap && old !== undefined && previous.signature[old] === sig) {
      for (let i = previous.docStart[old]!; i < previous.docStart[old + 1]!; i++) {
        const prev = previous.docTerms[i]!;
        if (remap[prev] === -1) remap[prev] = termId(previous.terms[prev]!);
        ids.push(remap[prev]!);
        tf.push(tfAt(previous.docTf, i));
      }
    } else {
      for (const [term, f] of pseudoFrequencies(p)) {
        ids.push(termId(term));
        tf.push(f);
      }
    }
    rows.push({ ids, tf });
    nnz += ids.length;
  });

  const docStart = new Int32Array(n + 1);
  const docTerms = new Int32Array(nnz);
  const docTf = new Float32Array(nnz);
  const df = new Int32Array(terms.length);
  let at = 0;
  rows.forEach((row, d) => {
    docStart[d] = at;
    const order = row.ids.map((_, i) => i).sort((a, b) => row.ids[a]! - row.ids[b]!);
    for (const i of order) {
      docTerms[at] = row.ids[i]!;
      docTf[at] = row.tf[i]!;
      df[row.ids[i]!]!++;
      at++;
    }
  });
  docStart[n] = at;

  const titleKey = new Uint32Array(n);
  const popularity = new Float32Array(n);
  list.forEach((p, d) => {
    titleKey[d] = titleKeyOf(p.title);
    popularity[d] = popularityOf(p.upvotes);
  });
  const sqrtIdf = sqrtIdfOf(df, n);
  const docNorm = new Float32Array(n);
  for (let d = 0; d < n; d++) {
    let s = 0;
    for (let i = docStart[d]!; i < docStart[d + 1]!; i++) s += (sublinearTf(docTf[i]!) * sqrtIdf[docTerms[i]!]!) ** 2;
    docNorm[d] = Math.sqrt(s);
  }
  const { postStart, postDocs, postTf } = invert({ docStart, docTerms, docTf }, terms.length);
  return {
    ids: list.map((p) => p.id),
    docOf: new Map(list.map((p, d) => [p.id, d])),
    terms,
    termOf,
    df,
    sqrtIdf,
    docStart,
    docTerms: compactNumbers(docTerms, terms.length),
    docTf: compactTermFrequencies(docTf),
    docNorm,
    postStart,
    postDocs: compactNumbers(postDocs, n),
    postTf: compactTermFrequencies(postTf),
    signature,
    titleKey,
    popularity,
  };
}

function sqrtIdfOf(df: Int32Array, n: number): Float32Array {
  const out = new Float32Array(df.length);
  for (let t = 0; t < df.length; t++) out[t] = Math.sqrt(smoothIdf(df[t]!, n));
  return out;
}

/**
 * The inverted index of a forward index: postings term by term, in ascending document order within a term, each
 * with its entry's `tf~` (one pass over every entry, writing each where its term's postings are: a transpose).
 */
function invert(
  fwd: { docStart: Int32Array; docTerms: Int32Array; docTf: Float32Array },
  termCount: number,
): { postStart: Int32Array; postDocs: Int32Array; postTf: Float32Array } {
  const { docStart, docTerms, docTf } = fwd;
  const postStart = new Int32Array(termCount + 1);
  for (let i = 0; i < docTerms.length; i++) postStart[docTerms[i]! + 1]!++;
  for (let t = 0; t < termCount; t++) postStart[t + 1]! += postStart[t]!;
  const fill = postStart.slice(0, termCount);
  const postDocs = new Int32Array(docTerms.length);
  const postTf = new Float32Array(docTerms.length);
  const n = docStart.length - 1;
  for (let d = 0; d < n; d++) {
    const end = docStart[d + 1]!;
    for (let i = docStart[d]!; i < end; i++) {
      const at = fill[docTerms[i]!]!++;
      postDocs[at] = d;
      postTf[at] = docTf[i]!;
    }
  }
  return { postStart, postDocs, postTf };
}

/**
 * Term → number of papers containing it, for terms in 2 or more papers: the typed-search index's `docFreq` (the same
 * fields, title, abstract and keywords, and the same analysis), without analyzing the papers again.
 */
export function docFreqOf(index: RelatedIndex): Map<string, number> {
  const out = new Map<string, number>();
  index.terms.forEach((t, i) => {
    if (index.df[i]! >= 2) out.set(t, index.df[i]!);
  });
  return out;
}

/** `values` (each below `bound`) in 16 bits when `bound` allows it (at most 65,536), else as they are. */
export function compactNumbers(values: Int32Array | Uint16Array, bound: number): Uint16Array | Int32Array {
  if (values instanceof Uint16Array || bound > 0x10000) return values;
  const out = new Uint16Array(values.length);
  out.set(values);
  return out;
}

/** `tf` as `tf~ × 2` in bytes when that is exact for every entry (see `StoredRelatedIndex.docTf`), else as it is. */
export function compactTermFrequencies(tf: Float32Array): Uint8Array | Float32Array {
  const halves = new Uint8Array(tf.length);
  for (let i = 0; i < tf.length; i++) {
    const h = tf[i]! * 2;
    if (!(h >= 0 && h <= MAX_TF_HALVES && Number.isInteger(h))) return tf;
    halves[i] = h;
  }
  return halves;
}

/**
 * The index as a plain object of strings and typed arrays (IndexedDB stores it by structured clone, no JSON): see
 * `StoredRelatedIndex`; the arrays are the index's own (a built index is already in its compact form).
 */
export function serializeRelatedIndex(index: RelatedIndex): StoredRelatedIndex {
  return {
    format: FORMAT,
    version: RELATED_INDEX_VERSION,
    ids: index.ids.join('\n'),
    terms: index.terms.join('\n'),
    df: index.df,
    docStart: index.docStart,
    docTerms: compactNumbers(index.docTerms, index.terms.length),
    docTf: index.docTf,
    docNorm: index.docNorm,
    postDocs: compactNumbers(index.postDocs, index.ids.length),
    postTf: index.postTf,
    signature: index.signature,
    titleKey: index.titleKey,
    popularity: index.popularity,
  };
}

/** `loadRelatedIndex`'s answer: the index, or why the stored value cannot be used (then rebuild it). */
export type LoadRelatedResult = { ok: true; index: RelatedIndex } | { ok: false; reason: string };

const ARRAY_FIELDS = [
  ['df', [Int32Array]],
  ['docStart', [Int32Array]],
  ['docTerms', [Uint16Array, Int32Array]],
  ['docTf', [Uint8Array, Float32Array]],
  ['docNorm', [Float32Array]],
  ['postDocs', [Uint16Array, Int32Array]],
  ['postTf', [Uint8Array, Float32Array]],
  ['signature', [Uint32Array]],
  ['titleKey', [Uint32Array]],
  ['popularity', [Float32Array]],
] as const;

/**
 * Loads a value made by `serializeRelatedIndex` (after a structured-clone round trip or an index file's decoding).
 * Checks the format, the version, every array's type and the lengths that tie them together, every term and
 * document number's range and that the document frequencies number the postings; answers `{ ok: false, reason }`
 * otherwise. No text is analyzed and nothing is transposed: the lookup maps, `√idf` and `postStart` (from `df`) are
 * derived; every array is the stored one (views over an index file's bytes), 16-bit numbers and byte `tf~` included.
 */
export function loadRelatedIndex(value: unknown): LoadRelatedResult {
  const v = value as Partial<StoredRelatedIndex> | null;
  if (typeof v !== 'object' || v === null || v.format !== FORMAT) {
    return { ok: false, reason: 'related index: not a Paper Radar related index' };
  }
  if (v.version !== RELATED_INDEX_VERSION) {
    return { ok: false, reason: `related index: version ${String(v.version)}, expected ${RELATED_INDEX_VERSION}` };
  }
  if (typeof v.ids !== 'string' || typeof v.terms !== 'string') {
    return { ok: false, reason: 'related index: ids or terms missing' };
  }
  for (const [name, types] of ARRAY_FIELDS) {
    const allowed: readonly (abstract new (...args: never[]) => unknown)[] = types;
    if (!allowed.some((type) => v[name] instanceof type)) {
      return { ok: false, reason: `related index: ${name} is not a ${types.map((t) => t.name).join(' or ')}` };
    }
  }
  const s = v as StoredRelatedIndex;
  const ids = s.ids === '' ? [] : s.ids.split('\n');
  const terms = s.terms === '' ? [] : s.terms.split('\n');
  const n = ids.length;
  const nnz = s.docTerms.length;
  const perDoc = [s.docNorm, s.signature, s.titleKey, s.popularity];
  if (
    s.docStart.length !== n + 1 ||
    perDoc.some((a) => a.length !== n) ||
    s.df.length !== terms.length ||
    [s.docTf, s.postDocs, s.postTf].some((a) => a.length !== nnz) ||
    s.docStart[n] !== nnz ||
    s.docTf.constructor !== s.postTf.constructor
  ) {
    return { ok: false, reason: 'related index: array lengths do not match' };
  }
  const postStart = new Int32Array(terms.length + 1);
  for (let t = 0; t < terms.length; t++) postStart[t + 1] = postStart[t]! + s.df[t]!;
  if (postStart[terms.length] !== nnz) return { ok: false, reason: 'related index: df does not number the postings' };
  if (!allBelow(s.docTerms, terms.length)) return { ok: false, reason: 'related index: a term number is out of range' };
  if (!postingsInOrder(s.postDocs, postStart, n)) {
    return { ok: false, reason: "related index: a term's postings are out of order or out of range" };
  }
  return {
    ok: true,
    index: {
      ids,
      docOf: new Map(ids.map((id, d) => [id, d])),
      terms,
      termOf: new Map(terms.map((t, i) => [t, i])),
      df: s.df,
      sqrtIdf: sqrtIdfOf(s.df, n),
      docStart: s.docStart,
      docTerms: s.docTerms,
      docTf: s.docTf,
      docNorm: s.docNorm,
      postStart,
      postDocs: s.postDocs,
      postTf: s.postTf,
      signature: s.signature,
      titleKey: s.titleKey,
      popularity: s.popularity,
    },
  };
}

/** Whether every value is a valid index below `bound` (an `Int32Array` may hold negative numbers). */
function allBelow(values: Uint16Array | Int32Array, bound: number): boolean {
  for (let i = 0; i < values.length; i++) if (!(values[i]! >= 0 && values[i]! < bound)) return false;
  return true;
}

/**
 * Whether each term's postings are document numbers below `n` in strictly ascending order (else the file is damaged,
 * or `df` shifted between terms: both would misplace postings). One pass: ascending from −1 and ending below `n`
 * puts every number in range.
 */
function postingsInOrder(postDocs: Uint16Array | Int32Array, postStart: Int32Array, n: number): boolean {
  for (let t = 0; t + 1 < postStart.length; t++) {
    const end = postStart[t + 1]!;
    let previous = -1;
    for (let p = postStart[t]!; p < end; p++) {
      const d = postDocs[p]!;
      if (d <= previous) return false;
      previous = d;
    }
    if (previous >= n) return false;
  }
  return true;
}
