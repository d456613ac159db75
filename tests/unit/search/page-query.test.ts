import { describe, expect, it } from 'vitest';
import { cleanPageTitle, MAX_HEADINGS, MAX_PAGE_TEXT, pageQuery } from '../../../lib/search/page-query';

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
