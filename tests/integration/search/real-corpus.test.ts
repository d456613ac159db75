/**
 * Search and relatedness on the index of every recorded paper (../shared/data/feed, ~9,500 papers): the index is
 * built once, then serialized and loaded, so every test below also runs on a round-tripped index. The tests check
 * small deterministic samples (10 to 500 papers each); the same properties over every paper are checked by
 * `npm run eval` (bench/corpus-checks.ts), which is where corpus-wide sweeps belong.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Paper } from '../../../lib/feed/paper';
import { buildIndex, loadIndex, serializeIndex, type PaperIndex } from '../../../lib/search/paper-index';
import { relatedPapers } from '../../../lib/search/related';
import {
  buildRelatedIndex,
  loadRelatedIndex,
  serializeRelatedIndex,
  type RelatedIndex,
} from '../../../lib/search/related-index';
import { relatedReasons, WHY_MAX_DOC_SHARE } from '../../../lib/search/related-why';
import { analyze } from '../../../lib/search/text';
import { normalizeTitle } from '../../../lib/text/normalize';
import { searchPapers } from '../../../lib/search/search-papers';
import { topTrending } from '../../../lib/search/trending';
import { recordedPapers } from '../../helpers/recorded-feed';

let papers: Paper[];
let recorded: Map<string, Paper>;
let built: PaperIndex;
let index: PaperIndex;
let related: RelatedIndex;

beforeAll(() => {
  papers = recordedPapers();
  recorded = new Map(papers.map((p) => [p.id, p]));
  related = buildRelatedIndex(papers);
  built = buildIndex(papers);
  const loaded = loadIndex(serializeIndex(built));
  if (!loaded.ok) throw new Error(loaded.reason);
  index = loaded.index;
}, 300_000);

// Quality checks, not timings: on a quiet machine each takes well under a second, on a busy shared one it can take
// tens, so they get room (speed is measured by `npm run bench`, never asserted here).
vi.setConfig({ testTimeout: 120_000 });

/** Every `step`-th paper (by id): a deterministic sample spread over the whole date range. */
const every = (step: number) => papers.filter((_, i) => i % step === 0);

describe('buildIndex on the recorded feed', () => {
  it('returns an index of every distinct paper', () => {
    expect(papers.length).toBeGreaterThan(9_000);
    expect(index.engine.documentCount).toBe(papers.length);
  });
});

describe('searchPapers on the recorded feed', () => {
  it('returns each sampled paper first for its exact title', () => {
    const misses = every(100)
      .filter((p) => searchPapers(index, p.title, { limit: 1 })[0]?.id !== p.id)
      .map((p) => p.title);
    expect(misses).toEqual([]);
  });

  it('returns at least 97 % of sampled papers first for their exact title by ranking alone (no exact-title rule)', () => {
    const sample = every(20);
    const hits = sample.filter(
      (p) => searchPapers(index, p.title, { limit: 1, exactTitleFirst: false })[0]?.id === p.id,
    );
    expect(hits.length / sample.length).toBeGreaterThanOrEqual(0.97);
  });

  it('returns each sampled paper in the top 5 for its first six words', () => {
    const sample = every(50).filter((p) => p.title.split(' ').length > 6);
    const found = sample.filter((p) =>
      searchPapers(index, p.title.split(' ').slice(0, 6).join(' '), { limit: 5 }).some((h) => h.id === p.id),
    );
    expect(found.length / sample.length).toBeGreaterThanOrEqual(0.98);
  });
});

describe('relatedPapers on the recorded feed', () => {
  it('returns a list without the paper itself or a paper of the same title, for every 50th paper', () => {
    const failures: string[] = [];
    const titleOf = new Map(papers.map((p) => [p.id, normalizeTitle(p.title)]));
    for (const p of every(50)) {
      const ids = relatedPapers(related, { id: p.id }).map((r) => r.id);
      if (ids.length === 0) failures.push(`${p.id}: empty`);
      if (ids.includes(p.id)) failures.push(`${p.id}: lists itself`);
      if (ids.some((id) => titleOf.get(id) === titleOf.get(p.id))) failures.push(`${p.id}: lists its twin`);
    }
    expect(failures).toEqual([]);
  });

  it('returns the same list from the built and the stored-and-loaded index', () => {
    const loaded = loadRelatedIndex(structuredClone(serializeRelatedIndex(related)));
    if (!loaded.ok) throw new Error(loaded.reason);
    for (const p of every(200)) {
      expect(relatedPapers(loaded.index, { id: p.id })).toEqual(relatedPapers(related, { id: p.id }));
    }
  });

  it('returns at most three reasons, in the source’s words, none of a word in more than a few percent of papers', () => {
    const share = (term: string) => related.df[related.termOf.get(term)!]! / related.ids.length;
    for (const p of every(100)) {
      const source = `${p.title} ${p.keywords.join(' ')} ${p.abstract}`.toLowerCase().replace(/\s+/g, ' ');
      const reasons = relatedReasons(related, [p]);
      for (const r of relatedPapers(related, { id: p.id })) {
        const why = reasons(recorded.get(r.id)!);
        expect(why.length).toBeLessThanOrEqual(3);
        for (const label of why) {
          expect(source).toContain(label.toLowerCase());
          const terms = analyze(label);
          if (terms.length === 1) expect(share(terms[0]!)).toBeLessThanOrEqual(WHY_MAX_DOC_SHARE);
        }
      }
    }
  });
});

describe('topTrending on the recorded feed', () => {
  it('returns the most upvoted papers of the three newest list dates', () => {
    const dates = [...new Set(papers.map((p) => p.listDate))].sort().slice(-3);
    const expected = papers
      .filter((p) => dates.includes(p.listDate))
      .sort((a, b) => b.upvotes - a.upvotes || b.listDate.localeCompare(a.listDate) || a.id.localeCompare(b.id))
      .slice(0, 10)
      .map((p) => p.id);
    expect(topTrending(index).map((p) => p.id)).toEqual(expected);
  });
});
