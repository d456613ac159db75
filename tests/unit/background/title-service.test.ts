import { describe, expect, it } from 'vitest';
import { TITLES_STALE_MS, TitleService } from '../../../lib/background/lookup';
import { createTitleIndex, type TitleEntry } from '../../../lib/detect/title-index';
import { MarkKind, RunKind, type PageText } from '../../../lib/detect/page-text';

const FIRST = { id: '2401.00001', title: 'Sparse mixture of experts for long context retrieval' };
const SECOND = { id: '2401.00002', title: 'Diffusion transformers with adaptive token merging' };

/** A title service over a mutable store, counting its builds, on a clock the test moves. */
function service() {
  const store: TitleEntry[] = [FIRST];
  let clock = 1_000_000;
  let builds = 0;
  const titles = new TitleService(
    async () => {
      builds++;
      return [...store];
    },
    () => clock,
  );
  const found = async (title: string) => {
    // The title as a whole link in running text, as a blog post cites a paper.
    const before = 'We build on ';
    const text: PageText = {
      runs: [`${before}${title} in this work.`],
      kinds: [RunKind.Other],
      marks: [0, before.length, before.length + title.length, MarkKind.Link],
    };
    const { matches } = await titles.match(text);
    return matches.flatMap((m) => m.ids);
  };
  return {
    titles,
    store,
    found,
    builds: () => builds,
    advance: (ms: number) => (clock += ms),
  };
}

describe('TitleService invalidation', () => {
  it('rebuilds at once after a hard invalidation (the store changed: end of a sync, import, retention)', async () => {
    const s = service();
    expect(await s.found(SECOND.title)).toEqual([]);
    s.store.push(SECOND);
    s.titles.invalidate();
    expect(await s.found(SECOND.title)).toEqual([SECOND.id]);
    expect(s.builds()).toBe(2);
  });

  it('keeps answering from the held index for a while after dates are stored mid-sync, then rebuilds once', async () => {
    const s = service();
    await s.found(FIRST.title);
    s.store.push(SECOND);
    // Batches of list dates stored every few seconds: no rebuild per batch.
    for (let i = 0; i < 5; i++) {
      s.titles.invalidate({ soon: true });
      expect(await s.found(SECOND.title)).toEqual([]);
      s.advance(2_000);
    }
    expect(s.builds()).toBe(1);
    s.advance(TITLES_STALE_MS);
    expect(await s.found(SECOND.title)).toEqual([SECOND.id]);
    expect(s.builds()).toBe(2);
    // Fresh again: a later match does not rebuild.
    s.advance(TITLES_STALE_MS);
    await s.found(FIRST.title);
    expect(s.builds()).toBe(2);
  });

  it('a soft invalidation before any index is built builds on first use', async () => {
    const s = service();
    s.titles.invalidate({ soon: true });
    expect(await s.found(FIRST.title)).toEqual([FIRST.id]);
    expect(s.builds()).toBe(1);
  });
});

describe('TitleService with a loaded matcher', () => {
  it('uses a matcher its loader gives as it is (a snapshot loaded, not built again)', async () => {
    const built = createTitleIndex([FIRST, SECOND]);
    const titles = new TitleService(async () => built);
    expect(await titles.warm()).toBe(2);
    const text: PageText = { runs: [`See “${SECOND.title}”.`], kinds: [RunKind.Other], marks: [] };
    const { matches } = await titles.match(text);
    expect(matches.flatMap((m) => m.ids)).toEqual([SECOND.id]);
    expect((await titles.match(text, SECOND.title)).metaTitleIds).toEqual([SECOND.id]);
  });
});
