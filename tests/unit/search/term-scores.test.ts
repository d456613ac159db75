import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_OPTIONS, TYPED_FIELD_BOOST, type IndexedField } from '../../../lib/search/options';
import { buildIndex } from '../../../lib/search/paper-index';
import { searchPapers } from '../../../lib/search/search-papers';
import {
  TERM_CACHE_POSTINGS,
  scorePapers,
  termCacheSize,
  type TermGroup,
  type TermScoreOptions,
} from '../../../lib/search/term-scores';
import { trendingBooster, SEARCH_TRENDING } from '../../../lib/search/trending';
import { recordedPapers } from '../../helpers/recorded-feed';

// Real papers: common words match hundreds of them, with many equal scores (the order of ties is compared too).
const PAPERS = recordedPapers().slice(0, 1500);
const index = buildIndex(PAPERS);

function optionsFor(spec: Map<string, { prefix: boolean; fuzzy: number; boost: number }>): TermScoreOptions {
  return {
    ...DEFAULT_SEARCH_OPTIONS,
    boost: { ...TYPED_FIELD_BOOST },
    tokenize: (s) => s.split(' '),
    processTerm: (t) => t,
    prefix: (t) => spec.get(t)?.prefix ?? false,
    fuzzy: (t) => spec.get(t)?.fuzzy || false,
    boostTerm: (t) => spec.get(t)?.boost ?? 1,
    boostDocument: trendingBooster(Date.UTC(2025, 5, 1), SEARCH_TRENDING),
  };
}

/** What `engine.search` returns for the same groups, in the fields `scorePapers` gives. */
function viaMiniSearch(groups: TermGroup[], options: TermScoreOptions) {
  return index.engine
    .search(
      { combineWith: 'OR', queries: groups.map((g) => ({ queries: [g.terms.join(' ')], fields: g.fields })) },
      options,
    )
    .map((r) => ({ id: String(r.id), score: r.score, queryTerms: r.queryTerms, terms: r.terms }));
}

const strip = (xs: ReturnType<typeof scorePapers>) =>
  xs.map(({ id, score, queryTerms, terms }) => ({ id, score, queryTerms, terms }));

const TITLE_KW: IndexedField[] = ['title', 'keywords'];
const ALL: IndexedField[] = ['title', 'keywords', 'abstract', 'authors', 'organization'];

/** Query shapes as `searchPapers` makes them: several groups, prefixes, fuzzy terms, boosted shortened forms. */
const CASES: { groups: TermGroup[]; spec: [string, { prefix: boolean; fuzzy: number; boost: number }][] }[] = [
  { groups: [{ terms: ['model'], fields: ['title'] }], spec: [['model', { prefix: true, fuzzy: 0, boost: 1 }]] },
  {
    groups: [
      { terms: ['larg', 'languag'], fields: ['title'] },
      { terms: ['mod'], fields: ['title'] },
    ],
    spec: [['mod', { prefix: true, fuzzy: 0, boost: 1 }]],
  },
  {
    groups: [
      { terms: ['diffus'], fields: ALL },
      { terms: ['video', 'model'], fields: TITLE_KW },
      { terms: ['gener', 'generat'], fields: ['title', 'keywords', 'authors', 'organization'] },
      { terms: ['videodiffus'], fields: ['names'] },
    ],
    spec: [
      ['gener', { prefix: true, fuzzy: 0, boost: 1 }],
      ['generat', { prefix: false, fuzzy: 0, boost: 0.7 }],
      ['videodiffus', { prefix: true, fuzzy: 1, boost: 1 }],
    ],
  },
  {
    groups: [{ terms: ['reinforcment', 'learn'], fields: ALL }],
    spec: [['reinforcment', { prefix: false, fuzzy: 2, boost: 1 }]],
  },
];

describe('scorePapers', () => {
  it('scores, orders and names matched terms exactly as MiniSearch search does, with and without held terms', () => {
    for (const c of CASES) {
      const options = optionsFor(new Map(c.spec));
      const expected = viaMiniSearch(c.groups, options);
      expect(expected.length).toBeGreaterThan(20);
      expect(strip(scorePapers(index, c.groups, options, 'k', { cache: false }))).toEqual(expected);
      // Scored twice: the second time from the held terms.
      expect(strip(scorePapers(index, c.groups, options, 'k'))).toEqual(expected);
      expect(strip(scorePapers(index, c.groups, options, 'k'))).toEqual(expected);
    }
  });

  it('keeps the best `window` papers, by rank first and then by score', () => {
    const c = CASES[2]!;
    const options = optionsFor(new Map(c.spec));
    const all = viaMiniSearch(c.groups, options);
    const rank = (terms: readonly string[]) => (terms.includes('video') ? 1 : 0);
    const expected = [...all.filter((r) => rank(r.queryTerms) === 1), ...all.filter((r) => rank(r.queryTerms) === 0)];
    expect(strip(scorePapers(index, c.groups, options, 'k', { rank, window: 30 }))).toEqual(expected.slice(0, 30));
  });

  it('holds at most `capacity` postings per index, dropping the least recently used terms', () => {
    const small = buildIndex(PAPERS.slice(0, 300));
    const capacity = 3000;
    // One-letter prefixes over the abstracts: each matches most of the papers.
    const letters = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'm', 'p', 's', 't'];
    const options = optionsFor(new Map(letters.map((l) => [l, { prefix: true, fuzzy: 0, boost: 1 }])));
    let most = 0;
    for (let round = 0; round < 3; round++) {
      for (const l of letters)
        scorePapers(small, [{ terms: [l], fields: ['abstract'] }], options, `${round}`, { capacity });
      most = Math.max(most, termCacheSize(small).postings);
      expect(termCacheSize(small).postings).toBeLessThanOrEqual(capacity);
    }
    // It did fill up, and the most recent term is held.
    expect(most).toBeGreaterThan(capacity - 300);
    scorePapers(small, [{ terms: ['t'], fields: ['abstract'] }], options, '2', { capacity });
    expect(termCacheSize(small).terms).toBeGreaterThan(1);
    expect(TERM_CACHE_POSTINGS).toBeGreaterThan(capacity);
  });

  it('holds a term scored in some fields apart from the same term scored in others', () => {
    const options = optionsFor(new Map([['diffus', { prefix: true, fuzzy: 0, boost: 1 }]]));
    for (const fields of [['title'], ALL, ['title'], TITLE_KW] as IndexedField[][]) {
      const groups = [{ terms: ['diffus'], fields }];
      expect(strip(scorePapers(index, groups, options, 'f'))).toEqual(viaMiniSearch(groups, options));
    }
  });
});

describe('searchPapers over held terms', () => {
  it('answers every keystroke of typed titles as it does with nothing held', () => {
    const titles = PAPERS.filter((_p, i) => i % 300 === 0).map((p) => p.title.slice(0, 30));
    const fresh = buildIndex(PAPERS.slice(0, 600));
    for (const title of titles) {
      for (let len = 1; len <= title.length; len++) {
        const q = title.slice(0, len);
        expect(searchPapers(fresh, q, { limit: 20 }), q).toEqual(searchPapers(fresh, q, { limit: 20, cache: false }));
      }
    }
    expect(termCacheSize(fresh).terms).toBeGreaterThan(0);
  });
});
