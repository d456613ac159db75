/**
 * Search and relatedness on the index of every recorded paper (../shared/data/feed, ~9,500 papers): the index is
 * built once, then serialized and loaded, so every test below also runs on a round-tripped index. The tests check
 * small deterministic samples (10 to 500 papers each); the same properties over every paper are checked by
 * `npm run eval` (bench/corpus-checks.ts), which is where corpus-wide sweeps belong.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Paper } from '../../../lib/feed/paper';
import { pageQuery } from '../../../lib/search/page-query';
import { buildIndex, loadIndex, serializeIndex, type PaperIndex } from '../../../lib/search/paper-index';
import { relatedPapers } from '../../../lib/search/related';
import { searchPapers } from '../../../lib/search/search-papers';
import { topTrending } from '../../../lib/search/trending';
import { recordedPage, recordedPapers } from '../../helpers/recorded-feed';

let papers: Paper[];
let built: PaperIndex;
let index: PaperIndex;

beforeAll(() => {
  papers = recordedPapers();
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
  it('returns a non-empty list without the paper itself for every sampled paper with an abstract', () => {
    const failures: string[] = [];
    for (const p of every(200)) {
      if (p.abstract === '') continue;
      const related = relatedPapers(index, p);
      if (related.length === 0) failures.push(`${p.id}: empty`);
      else if (related.some((r) => r.id === p.id)) failures.push(`${p.id}: lists itself`);
      else if (related.some((r) => r.why.length === 0)) failures.push(`${p.id}: a result without why`);
    }
    expect(failures).toEqual([]);
  });

  it('returns the same list for the same input, from the built and the loaded index alike', () => {
    for (const p of every(1000)) {
      const first = relatedPapers(index, p, { limit: 10 });
      expect(relatedPapers(index, p, { limit: 10 })).toEqual(first);
      expect(relatedPapers(built, p, { limit: 10 })).toEqual(first);
    }
  });

  it('returns why labels the source itself contains', () => {
    for (const p of every(400)) {
      const text = `${p.title} ${p.keywords.join(' ')} ${p.abstract}`.toLowerCase();
      for (const r of relatedPapers(index, p)) {
        for (const label of r.why) expect(text).toContain(label.toLowerCase());
      }
    }
  });

  it('returns papers for a real arXiv abstract page read through pageQuery', () => {
    const html = recordedPage('arxiv-abs-1902.02534-layout2026.html');
    const meta = (property: string) =>
      new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(html)?.[1] ?? '';
    const source = pageQuery({ title: meta('og:title'), description: meta('og:description') });
    const related = relatedPapers(index, source);
    expect(related.length).toBeGreaterThan(0);
    const text = `${source.title} ${source.abstract ?? ''}`.toLowerCase();
    for (const r of related) for (const label of r.why) expect(text).toContain(label.toLowerCase());
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
