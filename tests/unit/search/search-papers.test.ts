import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../lib/search/paper-index';
import { searchPapers, TRUNCATION_BOOST, typedQuery, typedQueryTerms } from '../../../lib/search/search-papers';
import { dayToMs } from '../../../lib/search/trending';
import {
  CORPUS,
  IMAGE_DIFFUSION,
  MOE_SCALING,
  paper,
  PROCESS_REWARDS,
  RL_REASONING,
  ROBOT_VLA,
  TWIN_POPULAR,
  TWIN_QUIET,
  VIDEO_DIFFUSION,
} from './fixtures';

const index = buildIndex(CORPUS);
const ids = (query: string) => searchPapers(index, query).map((h) => h.id);

describe('typedQueryTerms', () => {
  it('returns stemmed complete words, without prefix, with a typo allowance from 4 characters', () => {
    expect(typedQueryTerms('diffusion of ai ')).toEqual([
      { term: 'diffus', prefix: false, fuzzy: 1, boost: 1 },
      { term: 'ai', prefix: false, fuzzy: 0, boost: 1 },
    ]);
  });

  it('returns the word being typed as a prefix, stemmed and as typed', () => {
    expect(typedQueryTerms('video models')).toEqual([
      { term: 'video', prefix: false, fuzzy: 1, boost: 1 },
      { term: 'model', prefix: true, fuzzy: 0, boost: 1 },
      { term: 'models', prefix: true, fuzzy: 0, boost: 1 },
    ]);
  });

  it('returns shortened exact forms of a long word being typed, whose stem may be shorter than the prefix', () => {
    const terms = typedQueryTerms('generat');
    expect(terms).toContainEqual({ term: 'gener', prefix: false, fuzzy: 0, boost: TRUNCATION_BOOST });
    expect(terms.map((t) => t.term)).toEqual(['generat', 'genera', 'gener']);
  });

  it('returns a stop word being typed as a prefix (it may start a real word)', () => {
    expect(typedQueryTerms('the')).toEqual([{ term: 'the', prefix: true, fuzzy: 0, boost: 1 }]);
  });

  it('returns a one-letter word being typed as an exact term only', () => {
    expect(typedQueryTerms('robot 3')).toEqual([
      { term: 'robot', prefix: false, fuzzy: 1, boost: 1 },
      { term: '3', prefix: false, fuzzy: 0, boost: 1 },
    ]);
  });

  it.each(['', '   ', 'of the ', '?!'])('returns no terms for %j', (query) => {
    expect(typedQueryTerms(query)).toEqual([]);
  });

  it('returns a repeated word as a prefix when its last occurrence is being typed', () => {
    expect(typedQueryTerms('language models language')).toEqual([
      { term: 'languag', prefix: true, fuzzy: 1, boost: 1 },
      { term: 'model', prefix: false, fuzzy: 1, boost: 1 },
      { term: 'language', prefix: true, fuzzy: 0, boost: 1 },
      { term: 'langua', prefix: false, fuzzy: 0, boost: TRUNCATION_BOOST },
      { term: 'langu', prefix: false, fuzzy: 0, boost: TRUNCATION_BOOST },
    ]);
  });

  it('returns each term once', () => {
    expect(typedQueryTerms('model models modeling ').map((t) => t.term)).toEqual(['model']);
  });
});

describe('typedQuery', () => {
  it('returns undefined for no terms', () => {
    expect(typedQuery(index, [])).toBeUndefined();
  });

  it('returns an OR of groups: complete terms in every word field, the word being typed in titles, keywords and names', () => {
    expect(typedQuery(index, typedQueryTerms('robot manip'))).toEqual({
      combineWith: 'OR',
      queries: [
        { queries: ['robot'], fields: ['title', 'keywords', 'abstract', 'authors', 'organization'] },
        { queries: ['manip'], fields: ['title', 'keywords', 'authors', 'organization'] },
      ],
    });
  });
});

describe('typedQuery with common terms', () => {
  // 61 papers with `widget` everywhere: above COMMON_TERM_MIN_DOCS (50), so common and ubiquitous.
  const many = Array.from({ length: 60 }, (_, i) =>
    paper({ id: `2507.${String(i).padStart(5, '0')}`, title: `Widget study ${i}`, abstract: 'A widget.' }),
  );
  const widgets = buildIndex([...many, paper({ id: '2507.99999', title: 'Widget Design' })]);
  const ALL = ['title', 'keywords', 'abstract', 'authors', 'organization'];

  it('returns a query without a ubiquitous term when anything else is typed', () => {
    expect(typedQuery(widgets, typedQueryTerms('widget design '))).toEqual({
      combineWith: 'OR',
      queries: [{ queries: ['design'], fields: ALL }],
    });
  });

  it('returns a query keeping ubiquitous terms when the only other term is still being typed', () => {
    expect(typedQuery(widgets, typedQueryTerms('widget zzzzzz'))).toEqual({
      combineWith: 'OR',
      queries: [
        { queries: ['widget'], fields: ['title'] },
        { queries: ['zzzzzz zzzzz'], fields: ['title', 'keywords', 'authors', 'organization'] },
      ],
    });
  });

  it('returns a query of common terms over titles and keywords when nothing else is typed', () => {
    expect(typedQuery(widgets, typedQueryTerms('widget '))).toEqual({
      combineWith: 'OR',
      queries: [{ queries: ['widget'], fields: ['title', 'keywords'] }],
    });
  });

  it('returns a short word being typed, or a common one, as a title-only prefix', () => {
    expect(typedQuery(widgets, typedQueryTerms('design wid'))).toEqual({
      combineWith: 'OR',
      queries: [
        { queries: ['design'], fields: ALL },
        { queries: ['wid'], fields: ['title'] },
      ],
    });
    expect(typedQuery(widgets, typedQueryTerms('design widget'))).toEqual({
      combineWith: 'OR',
      queries: [
        { queries: ['design'], fields: ALL },
        { queries: ['widge'], fields: ['title', 'keywords', 'authors', 'organization'] },
        { queries: ['widget'], fields: ['title'] },
      ],
    });
  });
});

describe('searchPapers', () => {
  it.each(CORPUS.filter((p) => p !== TWIN_QUIET).map((p) => [p.title, p.id]))(
    'returns %j first for its exact title',
    (title, id) => {
      expect(ids(title)[0]).toBe(id);
    },
  );

  it('returns the paper of a title being typed, cut inside a word', () => {
    expect(ids('Vision-Language-Action Models for Robot Manip')[0]).toBe(ROBOT_VLA.id);
  });

  it('returns a paper whose title word stems shorter than what was typed (generat → generation)', () => {
    const found = ids('generat');
    expect(found).toContain(VIDEO_DIFFUSION.id);
    expect(found).toContain(IMAGE_DIFFUSION.id);
  });

  it('returns the paper despite one typo in a complete word', () => {
    expect(ids('Proces Reward Models for Mathematical Reasoning')[0]).toBe(PROCESS_REWARDS.id);
    expect(ids('reinforcment learning ')[0]).toBe(RL_REASONING.id);
  });

  it('returns papers matching a distinctive word of the abstract only', () => {
    expect(ids('teleoperation ')).toEqual([ROBOT_VLA.id]);
  });

  it('returns papers by author name', () => {
    expect(ids('Liskov')).toEqual([RL_REASONING.id]);
  });

  it('returns the more upvoted of two papers with the same text first', () => {
    expect(ids('byte models ').slice(0, 2)).toEqual([TWIN_POPULAR.id, TWIN_QUIET.id]);
  });

  it('returns a title match before a far more upvoted abstract-only match (trending stays mild)', () => {
    const titled = paper({
      id: '2506.00100',
      title: 'Quantized Attention Kernels',
      upvotes: 0,
      listDate: '2024-01-01',
    });
    const popular = paper({
      id: '2506.00101',
      title: 'A Survey of Efficient Inference',
      abstract: 'We review quantized attention kernels among other methods.',
      upvotes: 250,
      listDate: '2025-06-06',
    });
    const hits = searchPapers(buildIndex([...CORPUS, titled, popular]), 'quantized attention kernels ');
    expect(hits.map((h) => h.id).slice(0, 2)).toEqual([titled.id, popular.id]);
  });

  it('returns hits with the stored fields, a score and the matched terms', () => {
    const [hit] = searchPapers(index, 'mixture-of-experts scaling ');
    expect(hit).toMatchObject({
      id: MOE_SCALING.id,
      title: MOE_SCALING.title,
      upvotes: MOE_SCALING.upvotes,
      listDate: MOE_SCALING.listDate,
    });
    expect(hit?.score).toBeGreaterThan(0);
    expect(hit?.terms).toEqual(expect.arrayContaining(['mixtur', 'expert', 'scale']));
  });

  it('returns at most limit hits, best first', () => {
    const hits = searchPapers(index, 'models', { limit: 3 });
    expect(hits).toHaveLength(3);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('returns [] for an empty or stop-word-only query, or a zero limit', () => {
    expect(searchPapers(index, '')).toEqual([]);
    expect(searchPapers(index, 'of the ')).toEqual([]);
    expect(searchPapers(index, 'diffusion', { limit: 0 })).toEqual([]);
  });

  it('returns scores that depend on now only through recency', () => {
    const early = searchPapers(index, 'byte models ', { now: dayToMs('2025-06-06') });
    const late = searchPapers(index, 'byte models ', { now: dayToMs('2026-06-06') });
    expect(late.map((h) => h.id)).toEqual(early.map((h) => h.id));
    expect(late[0]!.score).toBeLessThan(early[0]!.score);
  });

  it('returns the exact title first even when ranking alone would not (exactTitleFirst)', () => {
    // A short exact title against a paper repeating its words: ranking alone favours the repetitive one.
    const short = paper({ id: '2506.00200', title: 'Sparse Routing', upvotes: 0, listDate: '2024-01-01' });
    const noisy = paper({
      id: '2506.00201',
      title: 'Sparse Routing, Sparse Routing Everywhere: Sparse Routing at Scale',
      keywords: ['sparse routing'],
      abstract: 'Sparse routing. Sparse routing. Sparse routing.',
      upvotes: 250,
      listDate: '2025-06-06',
    });
    const small = buildIndex([short, noisy]);
    expect(searchPapers(small, 'Sparse Routing', { exactTitleFirst: false })[0]?.id).toBe(noisy.id);
    expect(searchPapers(small, 'Sparse Routing')[0]?.id).toBe(short.id);
  });
});

describe('searchPapers with a pasted paper reference', () => {
  it.each([
    ROBOT_VLA.id,
    `arXiv:${ROBOT_VLA.id}v2`,
    `https://arxiv.org/abs/${ROBOT_VLA.id}`,
    `https://www.alphaxiv.org/abs/${ROBOT_VLA.id}`,
    `https://huggingface.co/papers/${ROBOT_VLA.id}`,
    `https://doi.org/10.48550/arXiv.${ROBOT_VLA.id}`,
  ])('returns exactly that paper for %j', (query) => {
    expect(ids(query)).toEqual([ROBOT_VLA.id]);
  });

  it('returns [] for a reference to a paper that is not indexed, and for a non-arXiv DOI', () => {
    expect(ids('2607.12395')).toEqual([]);
    expect(ids('https://huggingface.co/papers/2607.12395')).toEqual([]);
    expect(ids('10.1145/3368089.3409740')).toEqual([]);
  });

  it('returns [] for an arXiv id still being typed, rather than papers sharing its digits', () => {
    const digits = paper({ id: '2506.00300', title: 'The 2506 benchmark', abstract: '2506 tasks.' });
    expect(searchPapers(buildIndex([...CORPUS, digits]), '2506.003').map((h) => h.id)).toEqual([]);
  });
});

describe('searchPapers by author and organization', () => {
  // Both words of "Xin Jin" in its title and authors, but no one of that name: ranking alone would put it first.
  const namesake = paper({
    id: '2506.00400',
    title: 'Jin and Xin: sparse attention kernels',
    authors: ['Xin Li', 'Wei Jin'],
    organization: 'Open Robotics Lab',
  });
  const person = paper({ id: '2506.00401', title: 'Dense retrieval at scale', authors: ['Xin Jin'] });
  const people = buildIndex([...CORPUS, namesake, person]);
  const found = (q: string) => searchPapers(people, q).map((h) => h.id);

  it('returns the paper of a full name first, before papers that have its words in other names', () => {
    expect(found('Xin Jin')[0]).toBe(person.id);
    expect(found('xin jin ')[0]).toBe(person.id);
  });

  it('returns the paper of a full name being typed', () => {
    expect(found('Xin Ji')[0]).toBe(person.id);
  });

  it('returns the paper of an author with a typo in a long full name', () => {
    expect(found('Barbra Liskov')[0]).toBe(RL_REASONING.id);
  });

  it('returns papers of an organization', () => {
    expect(found('Open Robotics Lab')[0]).toBe(namesake.id);
  });

  it('returns the paper of an author and a title word first', () => {
    expect(found('Grace Hopper diffusion')[0]).toBe(IMAGE_DIFFUSION.id);
  });
});

describe('searchPapers ranks papers with every typed word first', () => {
  it('returns a paper matching all words before one matching a single word many times', () => {
    const both = paper({ id: '2506.00500', title: 'Kernels', abstract: 'Quantized attention.' });
    const one = paper({
      id: '2506.00501',
      title: 'Quantized quantized quantized models',
      keywords: ['quantized'],
      abstract: 'Quantized weights, quantized activations, quantized everything.',
      upvotes: 300,
    });
    const index2 = buildIndex([...CORPUS, both, one]);
    expect(searchPapers(index2, 'quantized attention ', { exactTitleFirst: false })[0]?.id).toBe(both.id);
  });
});
