import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIsoDay } from '../../lib/feed/dates';
import { parseFeed } from '../../lib/feed/parse';
import { recordedDay } from '../helpers/recorded-feed';
import { asNewestDays, recordedDatesBeforeSnapshot } from './feed';
import { launch, type Harness } from './harness';
import { readDb } from './store';

// Three recorded lists (older than the bundled snapshot's) served as the three newest list dates; every other date
// answers [].
const RECORDED = recordedDatesBeforeSnapshot(3);

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe('the production build in Chromium', () => {
  it('syncs the routed feed and shows the count of distinct papers served', async () => {
    const today = toIsoDay(Date.now());
    const served = asNewestDays(
      RECORDED.map((d) => recordedDay(d)!),
      today,
    );
    const ids = new Set<string>();
    for (const text of served.values()) {
      const r = parseFeed(text, { seenAt: 0 });
      if (r.ok) r.papers.forEach((p) => ids.add(p.id));
    }
    expect(ids.size).toBeGreaterThan(20);
    h.setFeed((url) => {
      const date = url.searchParams.get('date');
      return { body: (date && served.get(date)) ?? '[]' };
    });

    const popup = await h.open('popup.html');
    const status = popup.locator('[data-paper-radar="sync-status"]');
    // The bundled snapshot makes the store useful before any sync.
    await expect
      .poll(async () => Number(await status.getAttribute('data-count')), { timeout: 15_000 })
      .toBeGreaterThan(0);
    // Wait out the install-time sync (its requests are answered too), then sync on request.
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 30_000 }).not.toBe('syncing');
    await popup.locator('[data-paper-radar="sync-now"]').click();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 30_000 }).toBe('idle');
    await expect.poll(async () => Number(await status.getAttribute('data-count')), { timeout: 30_000 }).toBe(ids.size);
    expect(h.feedRequests.some((u) => u.includes(`date=${today}`))).toBe(true);
    expect(h.leaks).toEqual([]);
  });

  it("reads the extension's store in tests without ever creating a database that is not there", async () => {
    // A raw open of a missing database would create it at version 1 and, left open, block the extension's upgrade.
    const page = await h.open('icon.svg');
    expect(await readDb(page, [{ store: 'meta' }], 'paper-radar-absent')).toBeUndefined();
    const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(names).toContain('paper-radar');
    expect(names).not.toContain('paper-radar-absent');
    await page.close();
  });
});
