/**
 * The popup's requests share one port to the service worker (`lib/ext/port-transport.ts`). When the browser stops
 * the worker while the popup holds that port with a request in flight, the request is sent again over a new port
 * (which wakes a new worker) and answered: the popup's list appears. Real Chromium, production build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIsoDay } from '../../lib/feed/dates';
import { recordedDay } from '../helpers/recorded-feed';
import { asNewestDays } from './feed';
import { launch, type Answer, type Harness } from './harness';
import { storeAfterSync } from './store';

const today = toIsoDay(Date.now());
const RECORDED = ['2026-08-06', '2026-08-05'].map((d) => recordedDay(d)!);
const byDate = asNewestDays(RECORDED, today);
const feed = (url: URL): Answer => ({ body: byDate.get(url.searchParams.get('date') ?? '') ?? '[]' });

let h: Harness;

beforeAll(async () => {
  h = await launch({ feed });
});
afterAll(async () => {
  await h?.close();
});

describe('the popup’s port to a worker the browser stops', () => {
  it('answers a request in flight when the worker is stopped, over a new port', async () => {
    await storeAfterSync(h);
    const popup = await h.open('popup.html');
    // The popup's first requests (status, related lists) went over its port: it is open.
    await expect.poll(() => popup.locator('[data-paper-radar="sync-status"]').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => popup.locator('[data-view="day"]').count(), { timeout: 30_000 }).toBe(1);
    // Keep the worker from answering: its thread runs a loop until the browser stops it.
    const worker = await h.currentWorker();
    void worker
      .evaluate('(() => { const end = Date.now() + 20000; while (Date.now() < end); })()')
      .catch(() => undefined);
    // The day's papers are asked for over the port (a `period` request) and wait behind the loop.
    await popup.locator('[data-view="day"]').click();
    const rows = popup.locator('[data-paper-radar="paper"]');
    await new Promise((r) => setTimeout(r, 500));
    expect(await rows.count()).toBe(0);
    // The browser stops the worker: the port closes with the request in flight.
    await h.stopWorker();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  }, 120_000);
});
