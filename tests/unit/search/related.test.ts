import { describe, expect, it } from 'vitest';
import {
  accumulate,
  combineVectors,
  documentCosine,
  expandQuery,
  LISTING_MIN_PAPERS,
  NEAR_DUPLICATE_COSINE,
  paperVector,
  relatedPapers,
  relatedQuery,
  textVector,
  topDocuments,
  TRENDING_WEIGHT,
  type QueryVector,
} from '../../../lib/search/related';
import { buildRelatedIndex, type RelatedIndex } from '../../../lib/search/related-index';
import {
  CORPUS,
  IMAGE_DIFFUSION,
  MOE_ROUTING,
  MOE_SCALING,
  MOE_SCALING_AGAIN,
  paper,
  PROCESS_REWARDS,
  RL_REASONING,
  ROBOT_VLA,
  SPEECH,
  TWIN_POPULAR,
  TWIN_QUIET,
  VIDEO_DIFFUSION,
} from './fixtures';

const index = buildRelatedIndex(CORPUS);
const doc = (id: string) => index.docOf.get(id)!;
const ids = (source: Parameters<typeof relatedPapers>[1], options?: Parameters<typeof relatedPapers>[2]) =>
  relatedPapers(index, source, options).map((r) => r.id);

function dot(a: QueryVector, b: QueryVector): number {
  let s = 0;
  a.terms.forEach((t, i) => {
    const j = b.terms.indexOf(t);
    if (j >= 0) s += a.weights[i]! * b.weights[j]!;
  });
  return s;
}

function norm(v: QueryVector): number {
  return Math.hypot(...v.weights);
}

describe('paperVector and textVector', () => {
  it('return unit vectors, and the same vector for a paper and its text', () => {
    const fromIndex = paperVector(index, doc(SPEECH.id));
    const fromText = textVector(index, SPEECH);
    expect(norm(fromIndex)).toBeCloseTo(1, 6);
    expect(Array.from(fromText.terms)).toEqual(Array.from(fromIndex.terms));
    fromText.weights.forEach((w, i) => expect(w).toBeCloseTo(fromIndex.weights[i]!, 6));
  });

  it('drop terms no paper contains, and give an empty vector for a text of unknown words', () => {
    expect(textVector(index, { title: 'Zyxwv qwertz' }).terms).toHaveLength(0);
    const v = textVector(index, { title: 'Speech zyxwv' });
    expect(v.terms).toHaveLength(1);
    expect(v.weights[0]).toBeCloseTo(1, 6);
  });
});

describe('accumulate', () => {
  it('adds each document’s cosine with the query (the dot product of unit vectors)', () => {
    const q = paperVector(index, doc(MOE_SCALING.id));
    const scores = new Float32Array(index.ids.length);
    accumulate(index, q, scores);
    for (const p of CORPUS) {
      expect(scores[doc(p.id)]).toBeCloseTo(dot(q, paperVector(index, doc(p.id))), 5);
      expect(scores[doc(p.id)]).toBeCloseTo(documentCosine(index, doc(MOE_SCALING.id), doc(p.id)), 5);
    }
    expect(scores[doc(MOE_SCALING.id)]).toBeCloseTo(1, 5);
  });
});

describe('topDocuments', () => {
  it('returns the k best positive scores, best first, ties to the lower document number, kept ones only', () => {
    const scores = Float32Array.of(0.5, 0, 0.9, 0.5, -1, 0.7, 0.5);
    expect(topDocuments(scores, 4, () => true)).toEqual([2, 5, 0, 3]);
    expect(topDocuments(scores, 3, (d) => d !== 5)).toEqual([2, 0, 3]);
    expect(topDocuments(scores, 10, () => true)).toEqual([2, 5, 0, 3, 6]);
    expect(topDocuments(scores, 0, () => true)).toEqual([]);
  });
});

describe('combineVectors', () => {
  it('returns the normalized weighted sum', () => {
    const a = { terms: Int32Array.of(1, 2), weights: Float32Array.of(0.6, 0.8) };
    const b = { terms: Int32Array.of(2, 3), weights: Float32Array.of(1, 0) };
    const c = combineVectors([
      { vector: a, weight: 1 },
      { vector: b, weight: 0.5 },
    ]);
    const raw = [0.6, 0.8 + 0.5, 0];
    const n = Math.hypot(...raw);
    expect(Array.from(c.terms)).toEqual([1, 2, 3]);
    Array.from(c.weights).forEach((w, i) => expect(w).toBeCloseTo(raw[i]! / n, 6));
  });
});

describe('expandQuery (Rocchio)', () => {
  it('returns q + β · c / ‖c‖, normalized, c the mean of the feedback documents cut to its heaviest terms', () => {
    const q = textVector(index, { title: 'speech' });
    const feedback = [doc(SPEECH.id)];
    const c = paperVector(index, doc(SPEECH.id));
    const beta = 0.6;
    const expanded = expandQuery(index, q, feedback, { docs: 1, terms: 1000, beta, minRatio: 0 });
    const expected = combineVectors([
      { vector: q, weight: 1 },
      { vector: c, weight: beta },
    ]);
    expect(Array.from(expanded.terms)).toEqual(Array.from(expected.terms));
    expanded.weights.forEach((w, i) => expect(w).toBeCloseTo(expected.weights[i]!, 6));
    // Terms only the feedback paper has (transducers, streaming) joined the query.
    expect(expanded.terms.length).toBeGreaterThan(q.terms.length);
  });

  it('keeps only the `terms` heaviest centroid terms, and returns q itself without feedback', () => {
    const q = textVector(index, { title: 'speech' });
    const cut = expandQuery(index, q, [doc(SPEECH.id)], { docs: 1, terms: 2, beta: 0.6, minRatio: 0 });
    expect(cut.terms.length).toBeLessThanOrEqual(q.terms.length + 2);
    expect(expandQuery(index, q, [], { docs: 10, terms: 50, beta: 0.6, minRatio: 0 })).toBe(q);
  });
});

describe('relatedQuery', () => {
  it('uses an indexed paper’s own vector and excludes it', () => {
    const q = relatedQuery(index, { id: SPEECH.id, title: 'ignored', papers: [ROBOT_VLA.id] });
    expect(q.basis).toBe('paper');
    expect(q.exclude).toEqual(new Set([doc(SPEECH.id), doc(ROBOT_VLA.id)]));
    expect(q.fromPapers).toEqual([SPEECH.id]);
  });

  it('uses the text for a paper that is not indexed', () => {
    const q = relatedQuery(index, { id: '2601.99999', title: 'Streaming speech', abstract: 'Transducers.' });
    expect(q.basis).toBe('text');
    expect(q.vector.terms.length).toBeGreaterThan(0);
  });

  it('joins the centroid of a few page papers with the page text, and uses the papers alone from LISTING_MIN_PAPERS', () => {
    expect(relatedQuery(index, { title: 'Robot notes', papers: [SPEECH.id] }).basis).toBe('papers+text');
    expect(relatedQuery(index, { title: 'zzqx', papers: [SPEECH.id] }).basis).toBe('papers');
    const many = CORPUS.slice(0, LISTING_MIN_PAPERS).map((p) => p.id);
    const q = relatedQuery(index, { title: 'Speech recognition', papers: many });
    expect(q.basis).toBe('papers');
    expect(q.fromPapers).toEqual(many);
    const centroid = combineVectors(many.map((id) => ({ vector: paperVector(index, doc(id)), weight: 1 })));
    expect(Array.from(q.vector.terms)).toEqual(Array.from(centroid.terms));
  });

  it('ignores page papers that are not indexed', () => {
    const q = relatedQuery(index, { title: 'Speech recognition', papers: ['2601.99999'] });
    expect(q.basis).toBe('text');
    expect(q.exclude.size).toBe(0);
  });
});

describe('rankRelated / relatedPapers', () => {
  it('returns the papers sharing the most with the source first', () => {
    expect(ids({ id: PROCESS_REWARDS.id })[0]).toBe(RL_REASONING.id);
    expect(ids({ id: VIDEO_DIFFUSION.id })[0]).toBe(IMAGE_DIFFUSION.id);
    expect(ids({ title: 'Load balancing for expert routing' })[0]).toBe(MOE_ROUTING.id);
  });

  it('never returns the source itself, a paper under the source’s title, or the page’s papers', () => {
    const own = ids({ id: TWIN_QUIET.id }, { limit: 20 });
    expect(own).not.toContain(TWIN_QUIET.id);
    expect(own).not.toContain(TWIN_POPULAR.id); // the same title under another id
    expect(ids({ title: SPEECH.title, abstract: SPEECH.abstract }, { limit: 20 })).not.toContain(SPEECH.id);
    expect(ids({ title: 'mixture of experts routing', papers: [MOE_ROUTING.id] }, { limit: 20 })).not.toContain(
      MOE_ROUTING.id,
    );
  });

  it('never returns an `exclude` paper nor one under its title, and builds the query without them', () => {
    const set = [MOE_SCALING.id, MOE_SCALING_AGAIN.id];
    const plain = ids({ papers: set }, { limit: 20 });
    expect(plain).toContain(MOE_ROUTING.id);
    const without = ids({ papers: set, exclude: [MOE_ROUTING.id, TWIN_QUIET.id] }, { limit: 20 });
    expect(without).not.toContain(MOE_ROUTING.id);
    expect(without).not.toContain(TWIN_POPULAR.id); // TWIN_QUIET's title under another id
    expect(relatedQuery(index, { papers: set, exclude: [MOE_ROUTING.id] }).fromPapers).toEqual(set);
  });

  it('keeps only the best of near-duplicate results (another version of the same work)', () => {
    const cos = documentCosine(index, doc(MOE_SCALING.id), doc(MOE_SCALING_AGAIN.id));
    const twin = paper({ ...MOE_SCALING, id: '2506.00099', title: 'Mixture-of-Experts Scaling Laws' });
    const withTwin = buildRelatedIndex([...CORPUS, twin]);
    const twinCos = documentCosine(withTwin, withTwin.docOf.get(MOE_SCALING.id)!, withTwin.docOf.get(twin.id)!);
    expect(twinCos).toBeGreaterThanOrEqual(NEAR_DUPLICATE_COSINE);
    expect(cos).toBeLessThan(NEAR_DUPLICATE_COSINE);
    const found = relatedPapers(withTwin, { id: MOE_ROUTING.id }, { limit: 20 }).map((r) => r.id);
    expect(found.filter((id) => id === MOE_SCALING.id || id === twin.id)).toHaveLength(1);
    // As a source, its own near-duplicate is not related to it.
    expect(relatedPapers(withTwin, { id: MOE_SCALING.id }, { limit: 20 }).map((r) => r.id)).not.toContain(twin.id);
  });

  it('breaks ties by popularity, but never lets it overturn a clearly closer paper', () => {
    const a = paper({ id: '2507.00001', title: 'Graph coloring heuristics', upvotes: 0 });
    const b = paper({ id: '2507.00002', title: 'Graph coloring heuristics revisited', upvotes: 0 });
    const c = paper({ id: '2507.00003', title: 'Graph coloring heuristics revisited', upvotes: 500 });
    const far = paper({ id: '2507.00004', title: 'Graph neural networks', upvotes: 500 });
    const small = buildRelatedIndex([a, b, c, far, ...CORPUS]);
    const ranked = relatedPapers(small, { id: a.id }, { feedback: false, limit: 3 }).map((r) => r.id);
    // b and c are equally close (same text) and near-duplicates of each other: the popular one is kept.
    expect(ranked).toEqual([c.id, far.id]);
    expect(TRENDING_WEIGHT).toBeLessThanOrEqual(0.05);
  });

  it('reports the first-pass similarity and scores best first', () => {
    const ranked = relatedPapers(index, { id: MOE_SCALING.id }, { limit: 5 });
    for (const r of ranked) {
      expect(r.similarity).toBeCloseTo(documentCosine(index, doc(MOE_SCALING.id), r.doc), 5);
    }
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
  });

  it('returns at most `limit` results, deterministically', () => {
    expect(ids({ id: RL_REASONING.id }, { limit: 2 })).toHaveLength(2);
    expect(ids({ id: RL_REASONING.id })).toEqual(ids({ id: RL_REASONING.id }));
  });

  it('returns [] for an empty query, an unknown text, or a zero limit', () => {
    expect(ids({ title: '' })).toEqual([]);
    expect(ids({ title: 'Zyxwv' })).toEqual([]);
    expect(ids({ id: SPEECH.id }, { limit: 0 })).toEqual([]);
    expect(relatedPapers(buildRelatedIndex([]), { title: 'speech' })).toEqual([]);
  });
});

describe('a RelatedIndex passed around', () => {
  it('gives the same ranking after a structured clone round trip', async () => {
    const { loadRelatedIndex, serializeRelatedIndex } = await import('../../../lib/search/related-index');
    const loaded = loadRelatedIndex(structuredClone(serializeRelatedIndex(index)));
    if (!loaded.ok) throw new Error(loaded.reason);
    const again: RelatedIndex = loaded.index;
    expect(relatedPapers(again, { id: SPEECH.id })).toEqual(relatedPapers(index, { id: SPEECH.id }));
  });
});

describe('feedback in a small corpus', () => {
  it('feeds back only results close to the best one, so a far tenth result cannot drag the query off topic', () => {
    const withFeedback = ids({ id: VIDEO_DIFFUSION.id });
    expect(withFeedback[0]).toBe(IMAGE_DIFFUSION.id);
    expect(ids({ id: VIDEO_DIFFUSION.id }, { feedback: { docs: 10, terms: 50, beta: 0.6, minRatio: 0 } })[0]).not.toBe(
      IMAGE_DIFFUSION.id,
    );
  });
});
