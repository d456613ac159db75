// The popup's related list of the paper a tab's URL names, when the worker may be asleep: the worker is asked, the
// page answers from the persisted files when it opened them (only when the worker was asleep), the first answer wins.
import { describe, expect, it, vi } from 'vitest';
import {
  openLocalWhenAsleep,
  relatedOfOwnPaper,
  type RelatedRace,
  type RelatedResult,
} from '../../../hooks/use-popup-data';
import type { LocalRelated } from '../../../lib/ext/related-local';

const SOURCE = { id: '2406.17588', title: 'Own paper' };
const listOf = (id: string): RelatedResult => ({
  kind: 'related',
  basis: 'paper',
  papers: 1,
  hits: [{ id, title: id, upvotes: 1, listDate: '2026-11-30' }],
});
const WORKER = listOf('from-worker');
const PAGE = listOf('from-files');

const after = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));
const failAfter = (ms: number) => new Promise<never>((_r, reject) => setTimeout(() => reject(new Error('gone')), ms));
/** Files opened in the page after `openMs`, answering `reply` (or failing: `'fails'`) `answerMs` after being asked. */
const opened = (openMs: number, answerMs: number, reply: RelatedResult | undefined | 'fails') => {
  const related = vi.fn(() =>
    reply === 'fails' ? Promise.reject(new Error('damaged row')) : after(answerMs, reply),
  ) as unknown as LocalRelated['related'];
  return { local: after(openMs, { related } as LocalRelated), related };
};

describe('relatedOfOwnPaper', () => {
  it('takes the page’s answer when the page answers first', async () => {
    const { local, related } = opened(5, 5, PAGE);
    expect(await relatedOfOwnPaper(SOURCE, local, undefined, () => after(60, WORKER))).toEqual(PAGE);
    expect(related).toHaveBeenCalledWith(SOURCE, 10);
  });

  it('takes the worker’s answer when it comes first, and the page does not rank after it', async () => {
    const race: RelatedRace = { workerAnswered: false };
    const { local, related } = opened(40, 5, PAGE);
    expect(await relatedOfOwnPaper(SOURCE, local, race, () => after(5, WORKER))).toEqual(WORKER);
    expect(race.workerAnswered).toBe(true);
    await local;
    await after(10, null);
    expect(related).not.toHaveBeenCalled();
  });

  it('waits for the worker when the page has no files open, cannot answer, or fails', async () => {
    const worker = () => after(20, WORKER);
    expect(await relatedOfOwnPaper(SOURCE, Promise.resolve(undefined), undefined, worker)).toEqual(WORKER);
    expect(await relatedOfOwnPaper(SOURCE, opened(1, 1, undefined).local, undefined, worker)).toEqual(WORKER);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const broken = opened(1, 1, 'fails');
    expect(await relatedOfOwnPaper(SOURCE, broken.local, undefined, worker)).toEqual(WORKER);
  });

  it('takes the page’s answer when the worker fails, and fails only when both do', async () => {
    expect(await relatedOfOwnPaper(SOURCE, opened(1, 20, PAGE).local, undefined, () => failAfter(1))).toEqual(PAGE);
    await expect(
      relatedOfOwnPaper(SOURCE, opened(1, 20, undefined).local, undefined, () => failAfter(1)),
    ).rejects.toThrow('gone');
    await expect(
      relatedOfOwnPaper(SOURCE, opened(1, 1, undefined).local, undefined, () => failAfter(20)),
    ).rejects.toThrow('gone');
  });
});

describe('openLocalWhenAsleep', () => {
  it('opens the files only when the worker was asleep, not when it runs or the browser cannot tell', async () => {
    for (const asleep of [false, undefined]) {
      const open = vi.fn(async () => ({ related: vi.fn() }) as unknown as LocalRelated);
      expect(await openLocalWhenAsleep(Promise.resolve(asleep), { workerAnswered: false }, open)).toBeUndefined();
      expect(open).not.toHaveBeenCalled();
    }
    const race: RelatedRace = { workerAnswered: false };
    let wanted: (() => boolean) | undefined;
    const files = { related: vi.fn() } as unknown as LocalRelated;
    const open = vi.fn(async (w: () => boolean) => ((wanted = w), files));
    expect(await openLocalWhenAsleep(Promise.resolve(true), race, open)).toBe(files);
    expect(wanted?.()).toBe(true);
    race.workerAnswered = true;
    expect(wanted?.()).toBe(false);
  });

  it('opens nothing where the page has no index files (the worker answers), without failing', async () => {
    expect(await openLocalWhenAsleep(Promise.resolve(true), { workerAnswered: false })).toBeUndefined();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failing = () => Promise.reject(new Error('no storage'));
    expect(await openLocalWhenAsleep(Promise.resolve(true), { workerAnswered: false }, failing)).toBeUndefined();
  });
});
