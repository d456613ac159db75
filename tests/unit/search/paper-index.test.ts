import { describe, expect, it } from 'vitest';
import {
  buildIndex,
  commonThreshold,
  COMMON_TERM_MIN_DOCS,
  documentFrequency,
  INDEX_FORMAT_VERSION,
  isCommonTerm,
  countDocFreq,
  loadIndex,
  REBUILD_DRIFT,
  updateIndex,
  loadIndexAsync,
  serializeIndex,
  type PaperIndex,
} from '../../../lib/search/paper-index';
import { searchPapers } from '../../../lib/search/search-papers';
import { topTrending } from '../../../lib/search/trending';
import { buildRelatedIndex, docFreqOf } from '../../../lib/search/related-index';
import { CORPUS, paper, SPEECH, VIDEO_DIFFUSION } from './fixtures';

const built = buildIndex(CORPUS);
const json = serializeIndex(built);

function loaded(): PaperIndex {
  const r = loadIndex(json);
  if (!r.ok) throw new Error(r.reason);
  return r.index;
}

const QUERIES = [
  'diffusion',
  'Process Reward Models for Mathematical Reasoning',
  'robot manip',
  'reinforcment ',
  'gen',
];

describe('buildIndex', () => {
  it('returns an index of every distinct id, the last occurrence winning', () => {
    const old = paper({ id: '2506.00001', title: 'Old Title Of A Paper' });
    const index = buildIndex([old, ...CORPUS]);
    expect(index.engine.documentCount).toBe(CORPUS.length);
    expect(searchPapers(index, 'Video Diffusion Models for Long-Horizon Generation')[0]?.id).toBe(VIDEO_DIFFUSION.id);
    expect(searchPapers(index, 'Old Title Of A Paper ')[0]?.title).not.toBe(old.title);
  });

  it('returns the newest list date, or an empty string for no papers', () => {
    expect(built.latestListDate).toBe('2025-06-06');
    expect(buildIndex([]).latestListDate).toBe('');
  });

  it('returns document frequencies over title, keywords and abstract, for terms in 2+ papers', () => {
    // `mixtur` is in the three MoE papers; `liskov` is an author only; `teleoper` is in one paper.
    expect(built.docFreq.get('mixtur')).toBe(3);
    expect(built.docFreq.has('liskov')).toBe(false);
    expect(built.docFreq.has('teleoper')).toBe(false);
  });
});

describe('buildIndex with common terms', () => {
  // 61 papers: `widget` is in every abstract (common: above COMMON_TERM_MIN_DOCS), `sprocket` in one.
  const many = Array.from({ length: 60 }, (_, i) =>
    paper({
      id: `2507.${String(i).padStart(5, '0')}`,
      title: `Study number ${i}`,
      abstract: `A widget study.${i === 0 ? ' Sprocket sprocket.' : ''}`,
    }),
  );
  const titled = paper({ id: '2507.99999', title: 'Widget Design', abstract: 'About widget shapes.' });
  const index = buildIndex([...many, titled]);
  const exact = (term: string, field: string) =>
    index.engine.search(term, { fields: [field], prefix: false, fuzzy: false }).map((r) => r.id);

  it('returns an index without common terms in abstracts, keeping them in titles', () => {
    expect(isCommonTerm(index, 'widget')).toBe(true);
    expect(exact('widget', 'abstract')).toEqual([]);
    expect(exact('widget', 'title')).toEqual([titled.id]);
  });

  it('returns an index with the other abstract terms', () => {
    expect(isCommonTerm(index, 'sprocket')).toBe(false);
    expect(exact('sprocket', 'abstract')).toEqual(['2507.00000']);
  });

  it('returns the titled paper first when its common title words are typed', () => {
    expect(searchPapers(index, 'widget design ')[0]?.id).toBe(titled.id);
  });
});

describe('documentFrequency', () => {
  it('returns the stored count, else 1', () => {
    expect(documentFrequency(built, 'diffus')).toBe(2);
    expect(documentFrequency(built, 'teleoper')).toBe(1);
    expect(documentFrequency(built, 'nowhere')).toBe(1);
  });
});

describe('commonThreshold', () => {
  it('returns at least COMMON_TERM_MIN_DOCS, else the share of the papers', () => {
    expect(commonThreshold(built, 0.05)).toBe(COMMON_TERM_MIN_DOCS);
    const big = { ...built, engine: { documentCount: 10_000 } } as unknown as PaperIndex;
    expect(commonThreshold(big, 0.05)).toBe(500);
  });
});

describe('serializeIndex', () => {
  it('returns JSON without the abstracts or author names (only stored fields)', () => {
    expect(() => JSON.parse(json)).not.toThrow();
    expect(json).not.toContain('teleoperation data generalize');
    expect(json).not.toContain('Barbara Liskov');
    expect(json).toContain(VIDEO_DIFFUSION.title);
  });
});

describe('loadIndex', () => {
  it.each(QUERIES)('returns an index giving identical search results for %j', (query) => {
    expect(searchPapers(loaded(), query)).toEqual(searchPapers(built, query));
  });

  it('returns an index giving identical trending lists', () => {
    expect(topTrending(loaded())).toEqual(topTrending(built));
  });

  it('returns the same document frequencies and newest list date', () => {
    const index = loaded();
    expect([...index.docFreq]).toEqual([...built.docFreq]);
    expect(index.latestListDate).toBe(built.latestListDate);
  });

  it('returns an index that serializes to the same data (apart from the term order of the tree)', () => {
    const sortTerms = (text: string) => {
      const data = JSON.parse(text) as { engine: { index: [string, unknown][] } };
      data.engine.index.sort(([a], [b]) => a.localeCompare(b));
      return data;
    };
    expect(sortTerms(serializeIndex(loaded()))).toEqual(sortTerms(json));
  });

  it.each([
    ['not JSON', '{oops', /not JSON/],
    ['another JSON value', '[1,2]', /not a Paper Radar search index/],
    ['another version', json.replace(`"version":${INDEX_FORMAT_VERSION}`, '"version":0'), /format version 0/],
    ['a missing engine', JSON.stringify({ ...JSON.parse(json), engine: null }), /engine or docFreq missing/],
  ])('returns { ok: false } for %s', (_what, text, reason) => {
    const r = loadIndex(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('returns { ok: false } when MiniSearch rejects the engine data', () => {
    const broken = JSON.stringify({ ...JSON.parse(json), engine: { serializationVersion: 99 } });
    const r = loadIndex(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^search index: /);
  });
});

describe('loadIndexAsync', () => {
  it('returns an index giving identical results', async () => {
    const r = await loadIndexAsync(json);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const q of QUERIES) expect(searchPapers(r.index, q)).toEqual(searchPapers(built, q));
  });

  it('returns { ok: false } for a string that is not an index', async () => {
    expect((await loadIndexAsync('null')).ok).toBe(false);
  });
});

describe('docFreq from the related-papers index', () => {
  it('equals the counts the typed-search index makes itself', () => {
    expect(docFreqOf(buildRelatedIndex(CORPUS))).toEqual(countDocFreq(CORPUS));
    expect(buildIndex(CORPUS, docFreqOf(buildRelatedIndex(CORPUS))).docFreq).toEqual(built.docFreq);
  });
});

describe('updateIndex', () => {
  const extra = Array.from({ length: 3 }, (_, i) =>
    paper({ id: `2509.0000${i}`, title: `Sparse autoencoders for interpretability ${i}`, upvotes: i }),
  );

  it('adds new papers, replaces changed ones, removes gone ones, and searches like a fresh build', () => {
    const previous = buildIndex([...CORPUS, ...extra]);
    const renamed = { ...SPEECH, title: 'Streaming Speech Recognition with Neural Transducers', upvotes: 99 };
    const now = [...CORPUS.filter((p) => p !== SPEECH && p !== VIDEO_DIFFUSION), renamed, ...extra.slice(1)];
    const fresh = buildIndex(now);
    const update = updateIndex(previous, now);
    expect(update).toMatchObject({ rebuilt: false, added: 0, replaced: 1, removed: 2 });
    for (const q of [...QUERIES, 'neural transducers', 'sparse autoencoders', VIDEO_DIFFUSION.title]) {
      expect(searchPapers(update.index, q).map((h) => [h.id, h.upvotes])).toEqual(
        searchPapers(fresh, q).map((h) => [h.id, h.upvotes]),
      );
    }
    expect(update.index.engine.documentCount).toBe(now.length);
    expect(update.index.docFreq).toEqual(fresh.docFreq);
  });

  it('touches nothing when nothing changed, and adds what is new', () => {
    expect(updateIndex(buildIndex(CORPUS), CORPUS)).toMatchObject({ added: 0, replaced: 0, removed: 0 });
    expect(updateIndex(buildIndex(CORPUS), [...CORPUS, extra[0]!])).toMatchObject({ added: 1, replaced: 0 });
  });

  it('replaces a paper whose upvotes changed (they are stored and shown)', () => {
    const update = updateIndex(
      buildIndex(CORPUS),
      CORPUS.map((p) => (p === SPEECH ? { ...p, upvotes: 500 } : p)),
    );
    expect(update.replaced).toBe(1);
    expect(searchPapers(update.index, SPEECH.title)[0]?.upvotes).toBe(500);
  });

  it('updates a stored and loaded index as it would the built one', () => {
    const restored = loaded();
    const now = [...CORPUS, extra[0]!];
    const update = updateIndex(restored, now);
    expect(update.added).toBe(1);
    expect(searchPapers(update.index, 'sparse autoencoders')[0]?.id).toBe(extra[0]!.id);
    expect(update.index.abstractStopTerms).toEqual(built.abstractStopTerms);
  });

  it(`builds afresh when the paper count moved by more than ${REBUILD_DRIFT * 100} % since the last full build`, () => {
    const small = buildIndex(CORPUS.slice(0, 4));
    const update = updateIndex(small, CORPUS);
    expect(update.rebuilt).toBe(true);
    expect(update.index.builtWith).toBe(CORPUS.length);
  });
});
