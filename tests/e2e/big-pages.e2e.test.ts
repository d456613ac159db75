/**
 * Pages of any size get every badge (the protocol's 5,000-id limit once left them with none): a 6,000-entry
 * arXiv listing (over the limit, so its lookups go in batches; the 10,000-entry page of the report is loaded by
 * `bench/page-cost.ts`, kept out of `npm test` for CI time) and a reading list of 5,001 links, with every paper in
 * the cached feed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigListing, bigPageId, manyLinks } from '../helpers/big-pages';
import { recordedDay, recordedPage } from '../helpers/recorded-feed';
import { bodiesForIds, newestDaysFeed, syncNow } from './feed';
import { launch, type Harness } from './harness';

const ENTRIES = 6_000;
const LISTING_URL = `https://arxiv.org/list/hep-th/pastweek?show=${ENTRIES}`;
const LINKS_URL = 'https://arxiv.org/a/reading_list_5001';
const ids = Array.from({ length: ENTRIES }, (_, i) => bigPageId(i));

let h: Harness;
beforeAll(async () => {
  // Served from the first request on: the install's sync would otherwise race a later `setFeed`, find the ten
  // days empty and mark all but the newest three settled, so no later sync asks them again.
  h = await launch({ feed: newestDaysFeed(bodiesForIds(recordedDay('2026-08-06')!, ids)).feed });
  const listing = recordedPage('arxiv-list-hep-th-new-2024-08-09.html');
  await h.servePage(LISTING_URL, bigListing(listing, ENTRIES, { abstracts: false }));
  await h.servePage(LINKS_URL, manyLinks(5_001));
  await syncNow(h, ENTRIES, 120_000);
}, 240_000);
afterAll(async () => {
  await h?.close();
});

/**
 * Each test's own limit: loading a 15 MB listing of 10,000 entries takes ~10 s without the extension on a quiet
 * machine and its badges ~20 s more, several times that on a busy one; it must cover the waits below (page load 120 s, badges
 * 120 s), not cut them short at the suite's 90 s. How fast badging is belongs to the benchmark (`bench/page-cost.ts`).
 */
const TEST_TIMEOUT = 300_000;

/** The badges of `p`, once their number has stopped changing at `expected`. */
async function settledBadges(p: Page, expected: number): Promise<string[]> {
  const badges = p.locator('[data-paper-radar="badge"]');
  await expect.poll(() => badges.count(), { timeout: 120_000, interval: 1_000 }).toBe(expected);
  return badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id') ?? ''));
}

describe('big pages', () => {
  it(
    'badges every entry of a 6,000-entry listing, once, each in its title',
    async () => {
      const p = await h.context.newPage();
      await p.goto(LISTING_URL, { timeout: 120_000 });
      const badged = await settledBadges(p, ENTRIES);
      expect(new Set(badged)).toEqual(new Set(ids));
      expect(await p.locator('.list-title > [data-paper-radar="badge"]').count()).toBe(ENTRIES);
      await p.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'badges every link of a page with 5,001 links',
    async () => {
      const p = await h.context.newPage();
      await p.goto(LINKS_URL, { timeout: 120_000 });
      const badged = await settledBadges(p, 5_001);
      expect(new Set(badged).size).toBe(5_001);
      expect(await p.locator('li > a + [data-paper-radar="badge"]').count()).toBe(5_001);
      await p.close();
    },
    TEST_TIMEOUT,
  );
});
