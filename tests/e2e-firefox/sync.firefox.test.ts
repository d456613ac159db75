/**
 * The production Firefox build, installed as a temporary add-on: it syncs the recorded feed (12 recorded list dates
 * served as the 12 newest days), counts exactly the papers served, keeps its cache when the feed fails,
 * asks for nothing but the feed and logs no error.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIsoDay } from '../../lib/feed/dates';
import { newestDaysFeed, recordedDatesBeforeSnapshot } from '../e2e/feed';
import { recordedDay } from '../helpers/recorded-feed';
import { idsOf, launch, syncNowOn, type FirefoxHarness } from './harness';

// The recorded days just before the bundled snapshot's: their papers are not in it (a paper both in the snapshot
// and served re-dated as today's keeps the snapshot's older list date, and retention then prunes it).
const bodies = recordedDatesBeforeSnapshot(12).map((d) => recordedDay(d)!);
const { feed, ids } = newestDaysFeed(bodies);

let h: FirefoxHarness;
let popup: Page;

beforeAll(async () => {
  // Served from the first request on: the install-time sync fetches them all.
  h = await launch({ feed });
  popup = await h.open('popup.html');
});
afterAll(async () => {
  await h?.close();
});

const status = (page: Page) =>
  page.$eval('[data-paper-radar="sync-status"]', (e) => [e.getAttribute('data-state'), e.getAttribute('data-count')]);

describe('the production build in Firefox', () => {
  it('installs, syncs the recorded days and counts exactly the papers served', async () => {
    expect(ids.size).toBeGreaterThan(200);
    await syncNowOn(h, popup, { state: 'idle', count: ids.size });
    expect(h.feedRequests.every((u) => u.startsWith('https://huggingface.co/api/daily_papers?'))).toBe(true);
    expect(h.feedRequests.some((u) => u.includes(`date=${toIsoDay(Date.now())}`))).toBe(true);
  });

  it('persists the search indexes (and the related rows and title matcher) as files in the origin-private file system, none in IndexedDB', async () => {
    const where = async () =>
      popup.evaluate(async () => {
        const files: string[] = [];
        try {
          const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('indexes');
          for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) files.push(name);
        } catch {
          // No folder (yet).
        }
        const records = await new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('paper-radar');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('blobs').objectStore('blobs').count();
            count.onsuccess = () => {
              open.result.close();
              resolve(count.result);
            };
          };
        });
        return { files: files.sort(), records };
      });
    // The index rebuild after the sync writes them: poll.
    let found = await where();
    for (let i = 0; i < 40 && found.files.length < 4; i++) {
      await new Promise((r) => setTimeout(r, 250));
      found = await where();
    }
    expect(found).toEqual({
      files: ['related-index.bin', 'related-rows.bin', 'search-index.bin', 'title-entries.bin'],
      records: 0,
    });
  });

  it('keeps the cache when the feed fails, and says so', async () => {
    // The API is down and asks to come back in an hour: the sync stops at once.
    h.setFeed(() => ({ status: 503, body: 'Service Unavailable', headers: { 'retry-after': '3600' } }));
    await syncNowOn(h, popup, { state: 'error', count: ids.size });

    // Back up: the next sync succeeds and still counts the same papers.
    h.setFeed(feed);
    await syncNowOn(h, popup, { state: 'idle', count: ids.size });

    // Answers that are not the feed (an HTML error page with status 200) fail each date and change nothing.
    h.setFeed(() => ({ body: '<!doctype html><title>Oops</title>' }));
    await syncNowOn(h, popup, { state: 'error', count: ids.size });
    expect(await status(popup)).toEqual(['error', String(ids.size)]);

    // The reader still lists the cache, every paper of it one served.
    const reader = await h.open('reader.html');
    await reader.waitForSelector('[data-paper-radar="paper"]', { timeout: 15_000 });
    const listed = await idsOf(reader, 'paper');
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((id) => !ids.has(id))).toEqual([]);
    await reader.close();
  });

  it('requests nothing but the feed, and logs no error', () => {
    expect(h.feedRequests.length).toBeGreaterThan(0);
    expect(h.leaks).toEqual([]);
    expect(h.extensionErrors).toEqual([]);
  });
});
