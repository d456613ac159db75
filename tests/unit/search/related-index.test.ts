import { describe, expect, it } from 'vitest';
import {
  buildRelatedIndex,
  compactTermFrequencies,
  compactNumbers,
  fnv1a,
  loadRelatedIndex,
  postingWeight,
  pseudoFrequencies,
  RELATED_FIELD_WEIGHTS,
  RELATED_INDEX_VERSION,
  serializeRelatedIndex,
  smoothIdf,
  sublinearTf,
  textSignature,
  tfAt,
  type RelatedIndex,
  type StoredRelatedIndex,
  type TermFrequencies,
} from '../../../lib/search/related-index';
import { relatedPapers } from '../../../lib/search/related';
import { popularityOf } from '../../../lib/search/trending';
import { CORPUS, paper, SPEECH } from './fixtures';

/**
 * Three papers small enough to compute every weight by hand:
 *   A: title "alpha beta"            → tf~ alpha 2, beta 2
 *   B: title "alpha", abstract "gamma gamma", keyword "beta"
 *                                     → tf~ alpha 2, gamma 2, beta 0.5
 *   C: abstract "delta"              → tf~ delta 1
 * df: alpha 2, beta 2, gamma 1, delta 1; N = 3.
 */
const A = paper({ id: '2501.00001', title: 'Alpha beta' });
const B = paper({ id: '2501.00002', title: 'Alpha', abstract: 'gamma gamma', keywords: ['beta'] });
const C = paper({ id: '2501.00003', title: '', abstract: 'delta' });
const tiny = buildRelatedIndex([A, B, C]);

/** The weight of `term` in document `id`, read from the inverted index. */
function posting(index: RelatedIndex, id: string, term: string): number | undefined {
  const t = index.termOf.get(term)!;
  const d = index.docOf.get(id)!;
  for (let p = index.postStart[t]!; p < index.postStart[t + 1]!; p++) {
    if (index.postDocs[p] === d) return postingWeight(index, t, p);
  }
  return undefined;
}

/** An index's contents independent of how its terms happen to be numbered: per paper, term → weight; term → df. */
function contents(index: RelatedIndex) {
  const docs = index.ids.map((id, d) => {
    const row: Record<string, [number, number]> = {};
    for (let i = index.docStart[d]!; i < index.docStart[d + 1]!; i++) {
      row[index.terms[index.docTerms[i]!]!] = [
        tfAt(index.docTf, i),
        posting(index, id, index.terms[index.docTerms[i]!]!)!,
      ];
    }
    return [id, row, index.docNorm[d], index.signature[d], index.titleKey[d], index.popularity[d]];
  });
  const df = Object.fromEntries(index.terms.map((t, i) => [t, index.df[i]]));
  return { docs, df };
}

describe('the weighting formulas', () => {
  it('smoothIdf is ln((1 + N) / (1 + df)) + 1', () => {
    expect(smoothIdf(2, 3)).toBeCloseTo(Math.log(4 / 3) + 1, 12);
    expect(smoothIdf(0, 0)).toBe(1);
  });

  it('sublinearTf is 1 + ln tf, and 0 for no occurrence', () => {
    expect(sublinearTf(1)).toBe(1);
    expect(sublinearTf(Math.E)).toBeCloseTo(2, 12);
    expect(sublinearTf(0.5)).toBeCloseTo(1 - Math.LN2, 12);
    expect(sublinearTf(0)).toBe(0);
  });

  it('popularityOf saturates at 200 upvotes and treats negatives as 0', () => {
    expect(popularityOf(0)).toBe(0);
    expect(popularityOf(-5)).toBe(0);
    expect(popularityOf(200)).toBe(1);
    expect(popularityOf(5000)).toBe(1);
    expect(popularityOf(14)).toBeCloseTo(Math.log(15) / Math.log(201), 12);
  });

  it('fnv1a is the 32-bit FNV-1a hash', () => {
    // Reference values of FNV-1a 32 (Fowler–Noll–Vo test vectors).
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
});

describe('pseudoFrequencies', () => {
  it('returns Σ field weight × occurrences, with each keyword analyzed on its own', () => {
    const tf = pseudoFrequencies({
      title: 'Routing Experts',
      abstract: 'routing, routing and experts',
      keywords: ['expert routing'],
    });
    const { title, abstract, keywords } = RELATED_FIELD_WEIGHTS;
    expect(tf.get('rout')).toBe(title + 2 * abstract + keywords);
    expect(tf.get('expert')).toBe(title + abstract + keywords);
    expect([...tf.keys()].sort()).toEqual(['expert', 'rout']);
  });
});

describe('buildRelatedIndex', () => {
  it('returns the document frequencies of the corpus', () => {
    const df = (term: string) => tiny.df[tiny.termOf.get(term)!];
    expect([df('alpha'), df('beta'), df('gamma'), df('delta')]).toEqual([2, 2, 1, 1]);
    expect(tiny.ids).toEqual([A.id, B.id, C.id]);
  });

  it('returns postings weighted (1 + ln tf~) · √idf / ‖·‖, computed by hand', () => {
    const shared = Math.sqrt(Math.log(4 / 3) + 1); // √idf of alpha and beta (df 2 of 3)
    const single = Math.sqrt(Math.log(4 / 2) + 1); // √idf of gamma and delta (df 1 of 3)
    const a = (1 + Math.log(2)) * shared; // alpha and beta in A: tf~ 2 each
    expect(posting(tiny, A.id, 'alpha')).toBeCloseTo(a / Math.sqrt(2 * a * a), 6);
    const bAlpha = (1 + Math.log(2)) * shared;
    const bGamma = (1 + Math.log(2)) * single;
    const bBeta = (1 + Math.log(0.5)) * shared;
    const norm = Math.hypot(bAlpha, bGamma, bBeta);
    expect(posting(tiny, B.id, 'alpha')).toBeCloseTo(bAlpha / norm, 6);
    expect(posting(tiny, B.id, 'gamma')).toBeCloseTo(bGamma / norm, 6);
    expect(posting(tiny, B.id, 'beta')).toBeCloseTo(bBeta / norm, 6);
    expect(posting(tiny, C.id, 'delta')).toBeCloseTo(1, 6);
    expect(posting(tiny, C.id, 'alpha')).toBeUndefined();
  });

  it('returns every document as a unit vector', () => {
    const index = buildRelatedIndex(CORPUS);
    const sums = new Float64Array(index.ids.length);
    for (let t = 0; t < index.terms.length; t++) {
      for (let p = index.postStart[t]!; p < index.postStart[t + 1]!; p++) {
        sums[index.postDocs[p]!]! += postingWeight(index, t, p) ** 2;
      }
    }
    for (const s of sums) expect(s).toBeCloseTo(1, 5);
  });

  it('returns the forward rows in ascending term order', () => {
    const index = buildRelatedIndex(CORPUS);
    for (let d = 0; d < index.ids.length; d++) {
      const row = Array.from(index.docTerms.subarray(index.docStart[d]!, index.docStart[d + 1]!));
      expect(row).toEqual([...row].sort((x, y) => x - y));
    }
  });

  it('keeps the last occurrence of a repeated id', () => {
    const index = buildRelatedIndex([A, { ...A, title: 'Omega' }]);
    expect(index.ids).toEqual([A.id]);
    expect(index.termOf.has('omega')).toBe(true);
    expect(index.termOf.has('alpha')).toBe(false);
  });

  it('returns the same index when rebuilt from a previous one after papers were added, edited and removed', () => {
    // The previous index starts with papers that are gone now, so its term numbering differs from a fresh build's.
    const previous = buildRelatedIndex([CORPUS[8]!, CORPUS[5]!, ...CORPUS.slice(0, 8)]);
    const edited = { ...CORPUS[2]!, abstract: 'A completely new abstract about speech transducers.' };
    const now = [CORPUS[0]!, CORPUS[1]!, edited, ...CORPUS.slice(4, 5), ...CORPUS.slice(6)];
    expect(contents(buildRelatedIndex(now, previous))).toEqual(contents(buildRelatedIndex(now)));
  });

  it('reuses the analysis of an unchanged paper (its signature matches) and redoes an edited one', () => {
    // A previous index whose row for SPEECH was (deliberately) made from other text: reuse shows in the result.
    const wrong = buildRelatedIndex([{ ...SPEECH, title: 'Quantum gravity', abstract: '', keywords: [] }]);
    const spoofed = { ...wrong, signature: Uint32Array.of(textSignature(SPEECH)) };
    expect(buildRelatedIndex([SPEECH], spoofed).termOf.has('quantum')).toBe(true);
    expect(buildRelatedIndex([SPEECH], wrong).termOf.has('quantum')).toBe(false);
  });
});

describe('serializeRelatedIndex / loadRelatedIndex', () => {
  const index = buildRelatedIndex(CORPUS);
  /** The stored index with a copy of its array `name` changed by `change`. */
  const tampered = <K extends 'df' | 'docTerms' | 'postDocs'>(
    name: K,
    change: (copy: StoredRelatedIndex[K]) => unknown,
  ): StoredRelatedIndex => {
    const stored = serializeRelatedIndex(index);
    const copy = stored[name].slice() as StoredRelatedIndex[K];
    change(copy);
    return { ...stored, [name]: copy };
  };

  it('round-trips through a structured clone (what IndexedDB stores)', () => {
    const loaded = loadRelatedIndex(structuredClone(serializeRelatedIndex(index)));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(serializeRelatedIndex(loaded.index)).toEqual(serializeRelatedIndex(index));
    expect(Array.from(loaded.index.sqrtIdf)).toEqual(Array.from(index.sqrtIdf));
    expect(loaded.index.docOf.get(SPEECH.id)).toBe(index.docOf.get(SPEECH.id));
  });

  it('holds both indexes in 16-bit numbers and tf~ × 2 in bytes, stored and loaded as they are', () => {
    for (const name of ['docTerms', 'postDocs'] as const) expect(index[name]).toBeInstanceOf(Uint16Array);
    for (const name of ['docTf', 'postTf'] as const) expect(index[name]).toBeInstanceOf(Uint8Array);
    const stored = serializeRelatedIndex(index);
    expect(Object.keys(stored)).not.toContain('postStart');
    const loaded = loadRelatedIndex(structuredClone(stored));
    if (!loaded.ok) throw new Error(loaded.reason);
    for (const name of ['docTerms', 'docTf', 'postStart', 'postDocs', 'postTf', 'sqrtIdf'] as const) {
      expect(loaded.index[name].constructor).toBe(index[name].constructor);
      expect(Array.from(loaded.index[name])).toEqual(Array.from(index[name]));
    }
    // Rankings made on the loaded index are the built index's.
    for (const d of [0, 3, 7]) {
      const source = { id: index.ids[d]! };
      expect(relatedPapers(loaded.index, source)).toEqual(relatedPapers(index, source));
    }
  });

  it('keeps 32-bit numbers past 65,536 terms or papers, and float tf~ that bytes cannot hold exactly', () => {
    const many = Int32Array.of(0, 65_535, 65_536);
    expect(compactNumbers(many, 65_537)).toBe(many);
    expect(compactNumbers(Int32Array.of(0, 65_535), 65_536)).toBeInstanceOf(Uint16Array);
    expect(Array.from(compactNumbers(Int32Array.of(0, 65_535), 65_536))).toEqual([0, 65_535]);
    expect(Array.from(compactTermFrequencies(Float32Array.of(0.5, 2, 127.5)))).toEqual([1, 4, 255]);
    for (const odd of [0.3, 128, -1]) {
      const tf = Float32Array.of(1, odd);
      expect(compactTermFrequencies(tf)).toBe(tf);
    }
    // The wide forms give the same weights, the same rankings, through the same code.
    const wide = (tf: TermFrequencies) => Float32Array.from(tf, (_h, i) => tfAt(tf, i));
    const stored = serializeRelatedIndex(index);
    const loaded = loadRelatedIndex(
      structuredClone({
        ...stored,
        docTerms: Int32Array.from(index.docTerms),
        docTf: wide(index.docTf),
        postDocs: Int32Array.from(index.postDocs),
        postTf: wide(index.postTf),
      }),
    );
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.index.postTf).toBeInstanceOf(Float32Array);
    for (let t = 0; t < index.terms.length; t++) {
      for (let p = index.postStart[t]!; p < index.postStart[t + 1]!; p++) {
        expect(postingWeight(loaded.index, t, p)).toBe(postingWeight(index, t, p));
      }
    }
    for (const d of [0, 3, 7]) {
      const source = { id: index.ids[d]! };
      expect(relatedPapers(loaded.index, source)).toEqual(relatedPapers(index, source));
    }
  });

  it('round-trips an empty index', () => {
    const loaded = loadRelatedIndex(structuredClone(serializeRelatedIndex(buildRelatedIndex([]))));
    expect(loaded.ok && loaded.index.ids.length).toBe(0);
  });

  it.each([
    ['not an object', 'x', 'not a Paper Radar related index'],
    ['another version', { ...serializeRelatedIndex(index), version: RELATED_INDEX_VERSION + 1 }, 'version'],
    [
      'a plain array for a typed one',
      { ...serializeRelatedIndex(index), docTf: [1, 2] },
      'docTf is not a Uint8Array or Float32Array',
    ],
    ['a term number out of range', tampered('docTerms', (a) => (a[3] = index.terms.length)), 'a term number'],
    // The very last posting: in ascending order, only its range is wrong.
    ['a document number out of range', tampered('postDocs', (a) => (a[a.length - 1] = index.ids.length)), 'range'],
    ['document frequencies that do not number the postings', tampered('df', (a) => (a[0]! += 1)), 'df does not'],
    [
      'document frequencies shifted between two terms',
      tampered('df', (df) => {
        // A term whose last posting then opens the next term's postings out of order.
        const { postStart, postDocs } = index;
        const t = [...df.keys()].find(
          (u) => u + 1 < df.length && df[u]! >= 2 && postDocs[postStart[u + 1]! - 1]! >= postDocs[postStart[u + 1]!]!,
        )!;
        df[t]! -= 1;
        df[t + 1]! += 1;
      }),
      'out of order',
    ],
    ['postings of another length', { ...serializeRelatedIndex(index), postTf: new Uint8Array(2) }, 'lengths'],
  ])('answers { ok: false } for %s', (_name, value, reason) => {
    const loaded = loadRelatedIndex(value);
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.reason).toContain(reason);
  });
});
