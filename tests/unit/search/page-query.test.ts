import { describe, expect, it } from 'vitest';
import {
  citedSourceOf,
  cleanPageTitle,
  MAX_HEADINGS,
  MAX_PAGE_TEXT,
  MAX_SOURCE_PAPERS,
  MIN_CITED_PAPERS,
  ownPaperId,
  pageQuery,
  relatedSourceOf,
} from '../../../lib/search/page-query';

describe('cleanPageTitle', () => {
  it.each([
    [
      '[2401.01234] Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
    ],
    ['Mamba: Linear-Time Sequence Modeling | Papers With Code', 'Mamba: Linear-Time Sequence Modeling'],
    ['Attention Is All You Need - YouTube', 'Attention Is All You Need'],
    ['The Illustrated Transformer – Jay Alammar – Visualizing machine learning', 'The Illustrated Transformer'],
    ['GitHub - state-spaces/mamba: Mamba SSM architecture', 'GitHub - state-spaces/mamba: Mamba SSM architecture'],
    ['arXiv | Scaling Laws for Experts', 'Scaling Laws for Experts'],
    ['Mixture-of-Experts Explained', 'Mixture-of-Experts Explained'],
    ['Home | Blog', 'Home | Blog'],
    ['Foo - A Bar for Baz | arXiv', 'Foo - A Bar for Baz'],
  ])('returns %j as %j', (title, clean) => {
    expect(cleanPageTitle(title)).toBe(clean);
  });
});

describe('pageQuery', () => {
  it('returns the cleaned title, the description and the topical headings as abstract', () => {
    expect(
      pageQuery({
        title: 'Speculative Decoding, Explained | ML Blog',
        description: 'How draft models speed up LLM inference.',
        headings: [
          'Introduction',
          'Draft models',
          '2.1 Results',
          'Verification   in parallel',
          'draft models',
          'References',
        ],
      }),
    ).toEqual({
      title: 'Speculative Decoding, Explained',
      abstract: 'How draft models speed up LLM inference.. Draft models. Verification in parallel',
    });
  });

  it('returns keywords trimmed, empty ones dropped', () => {
    expect(pageQuery({ title: 'A page about things', keywords: [' LLM ', '', 'agents'] }).keywords).toEqual([
      'LLM',
      'agents',
    ]);
  });

  it('returns only the title when the page has nothing else', () => {
    expect(pageQuery({ title: 'Just a title here', headings: ['Contents', 'Search'] })).toEqual({
      title: 'Just a title here',
    });
  });

  it(`returns at most ${MAX_HEADINGS} headings and ${MAX_PAGE_TEXT} characters`, () => {
    const headings = Array.from({ length: 100 }, (_, i) => `Topic number ${i}`);
    const q = pageQuery({ title: 'Long page', headings });
    expect(q.abstract).toContain(`Topic number ${MAX_HEADINGS - 1}`);
    expect(q.abstract).not.toContain(`Topic number ${MAX_HEADINGS}.`);
    expect(pageQuery({ title: 'Long page', description: 'x'.repeat(10_000) }).abstract).toHaveLength(MAX_PAGE_TEXT);
  });
});

describe('relatedSourceOf', () => {
  it('uses the paper the meta tags describe, with the page’s own id', () => {
    expect(relatedSourceOf({ title: 'x', paper: { title: 'Meta title', abstract: 'Abs' } }, '2608.00001')).toEqual({
      id: '2608.00001',
      title: 'Meta title',
      abstract: 'Abs',
    });
  });

  it('falls back to the paper the meta tags describe', () => {
    expect(relatedSourceOf({ title: 'x', paper: { id: '2401.1', title: ' Meta\n title ', abstract: 'Abs' } })).toEqual({
      id: '2401.1',
      title: 'Meta title',
      abstract: 'Abs',
    });
  });

  it('makes any other page a source through pageQuery: title without the site, description and headings', () => {
    expect(
      relatedSourceOf({
        title: 'State space models explained | The Blog',
        description: 'About SSMs',
        headings: ['Mamba', ' ', 'S4', 'Related posts'],
      }),
    ).toEqual({ title: 'State space models explained', abstract: 'About SSMs. Mamba. S4' });
  });

  it('adds the papers found on a page that is not a paper, without repeats and at most MAX_SOURCE_PAPERS', () => {
    expect(relatedSourceOf({ title: 'Reading list' }, undefined, ['2401.00001', '2401.00002', '2401.00001'])).toEqual({
      title: 'Reading list',
      papers: ['2401.00001', '2401.00002'],
    });
    const many = Array.from({ length: MAX_SOURCE_PAPERS + 10 }, (_, i) => `2401.${String(i).padStart(5, '0')}`);
    expect(relatedSourceOf({}, undefined, many)?.papers).toHaveLength(MAX_SOURCE_PAPERS);
  });

  it('is undefined for a page that says nothing (the background then answers trending)', () => {
    expect(relatedSourceOf({})).toBeUndefined();
    expect(relatedSourceOf({ title: '  ', headings: [] })).toBeUndefined();
  });

  it('keeps within the protocol’s limits', () => {
    const s = relatedSourceOf({ paper: { title: 'x'.repeat(5000), abstract: 'y'.repeat(30_000) } })!;
    expect(s.title).toHaveLength(2000);
    expect(s.abstract).toHaveLength(20_000);
  });
});

describe('ownPaperId', () => {
  it('is the meta tags’ id, else the only id on the page, else none', () => {
    expect(ownPaperId({ ids: ['1', '2'], page: { paper: { id: '2', title: 't' } } })).toBe('2');
    expect(ownPaperId({ ids: ['1'], page: {} })).toBe('1');
    expect(ownPaperId({ ids: ['1', '2'], page: {} })).toBeUndefined();
  });
});

describe('relatedSourceOf with only an id', () => {
  it('sends the id and the page’s text, for the background to relate from its cache (or the text)', () => {
    expect(relatedSourceOf({ title: 'A blog post about one paper', description: 'Notes.' }, '2406.01234')).toEqual({
      id: '2406.01234',
      title: 'A blog post about one paper',
      abstract: 'Notes.',
    });
  });
});

describe('citedSourceOf', () => {
  const found = (ids: string[]) => ids.map((id) => ({ id, reasons: [], confidence: 1 }));
  const own = { paper: { id: 'own', title: 'The own paper' } };

  it(`sends the papers a page with a paper of its own cites (at least ${MIN_CITED_PAPERS}), the own paper excluded`, () => {
    const scan = { ids: ['own', 'a', 'b', 'c'], papers: found(['own', 'a', 'b', 'b', 'c']), page: own };
    expect(citedSourceOf(scan)).toEqual({ papers: ['a', 'b', 'c'], exclude: ['own'] });
  });

  it('is undefined for a page citing fewer papers, and for a page without a paper of its own', () => {
    expect(citedSourceOf({ ids: ['own', 'a', 'b'], papers: found(['own', 'a', 'b']), page: own })).toBeUndefined();
    const listing = { ids: ['a', 'b', 'c', 'd'], papers: found(['a', 'b', 'c', 'd']), page: {} };
    expect(citedSourceOf(listing)).toBeUndefined();
  });

  it('keeps the first MAX_SOURCE_PAPERS cited papers', () => {
    const ids = Array.from({ length: MAX_SOURCE_PAPERS + 5 }, (_, i) => `p${i}`);
    expect(citedSourceOf({ ids: ['own', ...ids], papers: found(['own', ...ids]), page: own })?.papers).toEqual(
      ids.slice(0, MAX_SOURCE_PAPERS),
    );
  });
});
