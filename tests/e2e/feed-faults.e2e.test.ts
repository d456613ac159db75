/**
 * A hostile or broken feed and a dead network, in real Chromium with the production build: redirects off the
 * feed's origin or down to plain http, absurd values, a response of 5,000,000 entries, a feed host that does not
 * answer, and a service worker stopped between two list dates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toIsoDay } from '../../lib/feed/dates';
import { parseFeed } from '../../lib/feed/parse';
import type { StoredReport } from '../../lib/sync/controller';
import { recordedDay } from '../helpers/recorded-feed';
import { redated, rekeyedEntries } from './feed';
import { launch, type Answer, type Harness } from './harness';
import { readStore, storeAfterSync } from './store';

const today = toIsoDay(Date.now());
const day = (i: number) => addDays(today, -i);
const idsOf = (body: string) => {
  const r = parseFeed(body, { seenAt: 1 });
  if (!r.ok) throw new Error(r.reason);
  return r.papers.map((p) => p.id);
};
const fresh = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);

/** A real day, the good list the feed serves today. */
const GOOD = recordedDay('2026-08-06')!;
/** Real entries under ids no other list has: what a redirect target serves. */
const OFF_ORIGIN = rekeyedEntries(recordedDay('2026-08-05')!, fresh('2412.990', 8));
const DOWNGRADED = rekeyedEntries(recordedDay('2026-08-04')!, fresh('2412.991', 8));

/** Real entries made absurd one field each, and two left sane. */
function absurdDay(): { body: string; sane: string[]; absurd: string[] } {
  const entries = JSON.parse(rekeyedEntries(recordedDay('2026-08-03')!, fresh('2412.992', 6))) as {
    paper: Record<string, unknown>;
  }[];
  const set = (i: number, patch: Record<string, unknown>) => (entries[i]!.paper = { ...entries[i]!.paper, ...patch });
  set(0, { title: 'T'.repeat(5_000_000) });
  set(1, { submittedOnDailyAt: '9999-12-31T00:00:00.000Z' });
  set(2, { submittedOnDailyAt: '0000-01-01T00:00:00.000Z' });
  set(3, { upvotes: 1e21 });
  set(4, { upvotes: '12', submittedOnDailyAt: `${day(3)}T00:00:00.000Z` });
  set(5, { submittedOnDailyAt: `${day(3)}T00:00:00.000Z` });
  const ids = entries.map((e) => e.paper.id as string);
  return { body: JSON.stringify(entries), sane: ids.slice(4), absurd: ids.slice(0, 4) };
}

describe('a hostile feed', () => {
  let h: Harness;
  const absurd = absurdDay();
  const feed = new Map<string, Answer>([
    [day(0), { body: GOOD }],
    [day(1), { status: 302, body: '', headers: { location: 'https://evil.example/feed.json' } }],
    [day(2), { status: 301, body: '', headers: { location: `http://huggingface.co/api/daily_papers?date=${day(2)}` } }],
    [day(3), { body: absurd.body }],
    [day(4), { body: `[${'0,'.repeat(4_999_999)}0]` }],
  ]);

  beforeAll(async () => {
    h = await launch({
      feed: (url) => {
        // The downgrade target answers too (the route sees the http request if one is made): a real attack.
        if (url.protocol === 'http:') return { body: DOWNGRADED };
        return feed.get(url.searchParams.get('date') ?? '') ?? { body: '[]' };
      },
    });
    // The redirect target is a working feed that allows any origin: following it would store its papers.
    h.serve('https://evil.example/feed.json', {
      body: OFF_ORIGIN,
      headers: { 'access-control-allow-origin': '*' },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stores nothing from a redirect off the origin or down to http, nor any absurd entry, with the reasons', async () => {
    // The install-time sync ran against this feed; wait for its report.
    const { papers, meta } = await storeAfterSync(h);
    const stored = new Set(papers.map((p) => p.id));
    for (const id of idsOf(GOOD)) expect(stored.has(id)).toBe(true);
    for (const id of [...idsOf(OFF_ORIGIN), ...idsOf(DOWNGRADED), ...absurd.absurd]) expect(stored.has(id)).toBe(false);
    for (const id of absurd.sane) expect(stored.has(id)).toBe(true);
    expect(papers.find((p) => p.id === absurd.sane[0])?.upvotes).toBe(12);
    expect(papers.every((p) => p.title.length < 1000 && p.listDate >= '2023-01-01' && p.listDate <= day(-1))).toBe(
      true,
    );
    // Never a plain-http request, never the redirect target.
    expect(h.feedRequests.some((u) => u.startsWith('http:'))).toBe(false);
    expect(h.leaks).toEqual([]);

    const report = meta.lastReport as StoredReport;
    const failed = Object.fromEntries(report.failed.map((f) => [f.date, f.reason]));
    expect(failed[day(1)]).toBe(
      'refused a redirect: the feed is only taken from https://huggingface.co, never through a redirect',
    );
    expect(failed[day(2)]).toMatch(/^refused a redirect/);
    expect(failed[day(4)]).toBe('5,000,000 entries, more than the 2,000 a response can hold');
    const reasons = report.rejected.filter((r) => r.date === day(3)).map((r) => r.reason);
    expect(reasons).toEqual([
      'paper.title: 5,000,000 characters, over the limit of 1,000',
      expect.stringMatching(/^list date: 9999-12-31 is not between 2023-01-01 and /),
      expect.stringMatching(/^list date: 0000-01-01 is not between/),
      'paper.upvotes: 1e+21 is over the limit of 1,000,000',
    ]);
    expect(report.rejectedCount).toBe(4);
  });

  it('stops after a few requests when Hugging Face is unreachable, says so, and comes back without a click', async () => {
    h.setFeed(() => ({ abort: 'connectionrefused' }));
    const before = h.feedRequests.length;
    const popup = await h.open('popup.html');
    const status = popup.locator('[data-paper-radar="sync-status"]');
    await popup.locator('[data-paper-radar="sync-now"]').click();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toBe('offline');
    // One message for the state: the status line keeps counts, the notice says unreachable and when it retries.
    expect(await status.textContent()).toMatch(/^[\d,]+ papers cached(, updated [^·]+)?$/);
    const notice = (await popup.locator('[data-notice="offline"]').textContent()) ?? '';
    expect(notice).toMatch(
      /^Hugging Face is unreachable — showing the [\d,]+ cached papers\. Paper Radar tries again in \d+ s/,
    );
    expect(notice).not.toMatch(/Offline/);
    expect(await popup.locator('.pr-notice[data-notice]').count()).toBe(1);
    // Three failures in a row stop the run: at most the three plus those already in flight, not 60 dates × 4.
    expect(h.feedRequests.length - before).toBeLessThanOrEqual(6);
    await popup.close();

    // The feed comes back; the next page opened (or the retry alarm, whichever is first) syncs without a click.
    h.setFeed((url) => (url.searchParams.get('date') === day(0) ? { body: GOOD } : { body: '[]' }));
    await expect
      .poll(
        async () => {
          const p = await h.open('popup.html');
          const state = await p.locator('[data-paper-radar="sync-status"]').getAttribute('data-state');
          await p.close();
          return state;
        },
        { timeout: 90_000, interval: 5_000 },
      )
      .toBe('idle');
  });
});

describe('a service worker stopped between two list dates', () => {
  // Four real lists served as settled dates (older than three days), so a resumed sync need not ask them again.
  const BODIES = ['2026-08-06', '2026-08-05', '2026-08-04', '2026-08-03'].map((d) => recordedDay(d)!);
  // Re-dated to the list date each is served as, so retention (which deletes what is listed before the window) keeps them.
  const served = new Map(BODIES.map((b, i) => [day(4 + i), redated(b, day(4 + i))]));
  const answer = (url: URL): Answer => ({ body: served.get(url.searchParams.get('date') ?? '') ?? '[]' });

  it('resumes on the next start, asks only what was not stored, and ends with the store an uninterrupted sync makes', async () => {
    // Uninterrupted, in a profile of its own.
    const ref = await launch({ feed: answer });
    let reference: Awaited<ReturnType<typeof readStore>>['papers'];
    try {
      reference = (await storeAfterSync(ref)).papers;
    } finally {
      await ref.close();
    }
    expect(reference.length).toBeGreaterThan(40);

    // Interrupted: the newest of the four dates is answered, the older three hang until the worker is stopped.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const h = await launch({
      feed: async (url) => {
        const date = url.searchParams.get('date') ?? '';
        if (date === day(5) || date === day(6) || date === day(7)) {
          await held;
          return { abort: 'connectionreset' };
        }
        return answer(url);
      },
    });
    try {
      const reader = await h.open('icon.svg');
      // Wait until the held dates are asked: the others are stored by then (one date is answered before them).
      await expect
        .poll(() => h.feedRequests.filter((u) => u.includes(`date=${day(7)}`)).length, { timeout: 60_000 })
        .toBe(1);
      const stored = new Set((await readStore(reader)).papers.map((p) => p.id));
      expect(idsOf(BODIES[0]!).every((id) => stored.has(id))).toBe(true);
      await h.stopWorker();
      release();
      const asked = h.feedRequests.length;
      const stoppedAt = Date.now();
      // Any page wakes the worker; it finds its sync interrupted and resumes it.
      h.setFeed(answer);
      await h.open('popup.html');
      const after = await storeAfterSync(h, stoppedAt);
      expect((after.meta.lastReport as StoredReport).trigger).toBe('startup');
      const resumed = h.feedRequests.slice(asked);
      expect(resumed.some((u) => u.includes(`date=${day(6)}`))).toBe(true);
      // The settled date stored before the stop was not asked again.
      expect(resumed.some((u) => u.includes(`date=${day(4)}`))).toBe(false);
      expect(after.papers).toEqual(reference);
    } finally {
      release();
      await h.close();
    }
    // Two browsers, two syncs and a worker stop: the test's own limit covers its waits (the suite's 90 s cuts them
    // short on a busy machine).
  }, 240_000);
});
