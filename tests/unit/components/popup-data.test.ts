// The pure parts of the popup's data hook (lib/ext/use-popup-data.ts): which source related papers are found for,
// and the order detected papers are shown in.
import { describe, expect, it } from 'vitest';
import { orderDetected, ownPaperId, relatedSourceOf } from '../../../hooks/use-popup-data';
import { paper } from './helpers';

describe('relatedSourceOf', () => {
  it('uses the page’s own paper from the feed, with its abstract and keywords', () => {
    const own = paper('2608.00001', { title: 'Own', abstract: 'Own abstract', keywords: ['a', 'b'] });
    expect(relatedSourceOf({ title: 'ignored', paper: { title: 'Meta title' } }, own)).toEqual({
      id: '2608.00001',
      title: 'Own',
      abstract: 'Own abstract',
      keywords: ['a', 'b'],
    });
  });

  it('falls back to the paper the meta tags describe', () => {
    expect(relatedSourceOf({ title: 'x', paper: { id: '2401.1', title: ' Meta\n title ', abstract: 'Abs' } })).toEqual({
      id: '2401.1',
      title: 'Meta title',
      abstract: 'Abs',
    });
  });

  it('joins the page’s description and headings as the abstract', () => {
    expect(
      relatedSourceOf({ title: 'A blog post', description: 'About SSMs', headings: ['Mamba', ' ', 'S4'] }),
    ).toEqual({ title: 'A blog post', abstract: 'About SSMs. Mamba. S4' });
  });

  it('is undefined for a page that says nothing (the background then answers trending)', () => {
    expect(relatedSourceOf({})).toBeUndefined();
    expect(relatedSourceOf({ title: '  ', headings: [] })).toBeUndefined();
  });

  it('keeps within the protocol’s limits', () => {
    const s = relatedSourceOf({ title: 'x'.repeat(5000), description: 'y'.repeat(30_000) })!;
    expect(s.title).toHaveLength(2000);
    expect(s.abstract).toHaveLength(20_000);
  });
});

describe('ownPaperId', () => {
  it('is the meta tags’ id, else the only id on the page, else none', () => {
    const scan = (ids: string[], page = {}) => ({ ids, papers: [], page, via: 'injected' as const });
    expect(ownPaperId(scan(['1', '2'], { paper: { id: '2', title: 't' } }))).toBe('2');
    expect(ownPaperId(scan(['1']))).toBe('1');
    expect(ownPaperId(scan(['1', '2']))).toBeUndefined();
  });
});

describe('orderDetected', () => {
  it('puts papers in the feed first, keeps page order, and drops repeats', () => {
    const info = (id: string) => ({ id, title: id, upvotes: 1, comments: 0, listDate: '2026-08-07' });
    const found = (id: string) => ({ id, reasons: ['link' as const], confidence: 0.95 });
    expect(orderDetected(['a', 'b', 'c', 'b', 'd'].map(found), { c: info('c'), d: info('d') })).toEqual([
      { ...found('c'), info: info('c') },
      { ...found('d'), info: info('d') },
      found('a'),
      found('b'),
    ]);
  });
});

describe('relatedSourceOf with only an id', () => {
  it('sends the id and the page title, for the background to complete from its cache', () => {
    expect(relatedSourceOf({ title: 'A blog post about one paper' }, undefined, '2406.01234')).toEqual({
      id: '2406.01234',
      title: 'A blog post about one paper',
    });
  });
});
