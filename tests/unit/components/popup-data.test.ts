// The pure part of the popup's data hook: the order detected papers are shown in.
import { describe, expect, it } from 'vitest';
import { orderDetected } from '../../../hooks/use-popup-data';

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
