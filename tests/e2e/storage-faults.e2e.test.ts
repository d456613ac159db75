/**
 * The store's own faults, in real Chromium with the production build: a database damaged on disk between two
 * runs of the browser, and a disk that fills up in the middle of a sync.
 *
 * The disk-full fault needs a small filesystem for the profile (a tmpfs, mounted by root). Chromium's quota
 * override (`Storage.overrideQuotaForOrigin`) would be the easier lever, but Paper Radar holds `unlimitedStorage`,
 * and for such an origin IndexedDB does not consult the quota at all (tried: a 5 MB write under a 1-byte override
 * succeeds) — a full disk is how its storage really runs out.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, toIsoDay } from '../../lib/feed/dates';
import { parseFeed } from '../../lib/feed/parse';
import { DEFAULT_SYNC_SETTINGS, windowStart } from '../../lib/sync/plan';
import { recordedDay } from '../helpers/recorded-feed';
import { asNewestDays, papersOf, recordedDatesBeforeSnapshot } from './feed';
import { launch, type Answer } from './harness';
import { readStore, storeAfterSync } from './store';

const today = toIsoDay(Date.now());
const RECORDED = ['2026-08-06', '2026-08-05', '2026-08-04'].map((d) => recordedDay(d)!);
/** The recorded lists served as today, yesterday, … (re-dated, so retention keeps them). */
const feed = (bodies: readonly string[]) => {
  const byDate = asNewestDays(bodies, today);
  return (url: URL): Answer => ({ body: byDate.get(url.searchParams.get('date') ?? '') ?? '[]' });
};
/** A list of 2,000 real entries (re-keyed, each summary made distinct) listed on `date`: megabytes to store. */
const bigList = (date: string) => {
  const entries = JSON.parse(RECORDED[0]!) as { paper: Record<string, unknown> }[];
  return JSON.stringify(
    Array.from({ length: 2000 }, (_, i) => {
      const e = entries[i % entries.length]!;
      return {
        ...e,
        paper: {
          ...e.paper,
          id: `2411.${10000 + i}`,
          summary: `${e.paper.summary} ${i}`,
          submittedOnDailyAt: `${date}T01:00:00.000Z`,
        },
      };
    }),
  );
};
const distinct = (bodies: readonly string[]) => {
  const ids = new Set<string>();
  for (const b of bodies) {
    const r = parseFeed(b, { seenAt: 1 });
    if (r.ok) r.papers.forEach((p) => ids.add(p.id));
  }
  return ids;
};

/** Overwrites every file of the extension's IndexedDB backing store with garbage of the same size. */
function damageDatabase(profile: string, extensionId: string): number {
  const dir = join(profile, 'Default', 'IndexedDB', `chrome-extension_${extensionId}_0.indexeddb.leveldb`);
  let files = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'LOCK') continue;
    const file = join(dir, name);
    const size = Math.max(64, statSync(file).size);
    writeFileSync(file, Buffer.alloc(size, 0x5a));
    files++;
  }
  return files;
}

describe('a database damaged on disk', () => {
  it('is rebuilt from the snapshot and the feed, and says so; the extension keeps working', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'pr-e2e-damaged-'));
    try {
      const first = await launch({ profile, feed: feed(RECORDED) });
      await storeAfterSync(first);
      const popup = await first.open('popup.html');
      // The popup shows count 0 until the background answers (it may be busy rebuilding the index): wait for it.
      await expect
        .poll(async () => Number(await popup.locator('[data-paper-radar="sync-status"]').getAttribute('data-count')), {
          timeout: 30_000,
        })
        .toBe(distinct(RECORDED).size);
      const extensionId = first.extensionId;
      await first.close();

      expect(damageDatabase(profile, extensionId)).toBeGreaterThan(0);

      const h = await launch({ profile, feed: feed(RECORDED) });
      try {
        const page = await h.open('popup.html');
        const status = page.locator('[data-paper-radar="sync-status"]');
        // The notice says what happened; the sync that follows refills the store.
        await expect
          .poll(() => page.locator('[data-notice="rebuilt"]').textContent(), { timeout: 60_000 })
          .toMatch(/^The local cache (could not be opened .* and was rebuilt|was found empty and was rebuilt)/);
        await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toBe('idle');
        await expect
          .poll(async () => Number(await status.getAttribute('data-count')), { timeout: 60_000 })
          .toBe(distinct(RECORDED).size);
        // Search answers from the rebuilt store.
        await page.locator('[data-paper-radar="search"]').fill('agents');
        await expect
          .poll(() => page.locator('[data-paper-radar="result"]').count(), { timeout: 30_000 })
          .toBeGreaterThan(0);
      } finally {
        await h.close();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    // Two browser starts, two syncs and an index rebuild: the test's own limit covers its waits (the suite's 90 s
    // cuts them short on a busy machine). How fast it recovers is not what this test asserts.
  }, 240_000);
});

/** Whether this process may mount a tmpfs (root in a container that allows it). */
function canMount(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'pr-mount-check-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a disk that fills up mid-sync', () => {
  it.skipIf(!canMount())(
    'stops with a clear message, loses nothing of the window, and prunes the oldest papers outside it first',
    async () => {
      const profile = mkdtempSync(join(tmpdir(), 'pr-e2e-full-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=80m', 'tmpfs', profile]);
      try {
        // The install's sync: today's and yesterday's lists (recorded days the snapshot does not hold, re-dated) are
        // answered at once and stored in the window; every other date waits until the disk is full, then the day
        // before yesterday brings a large list. Outside the window meanwhile: the bundled snapshot's papers (listed
        // months ago), which stay until a sync completes — retention deletes whatever is outside the window after
        // each complete sync, so mid-sync (or after days without one) is when a store holds any.
        const windowDays = asNewestDays(
          recordedDatesBeforeSnapshot(2).map((d) => recordedDay(d)!),
          today,
        );
        const bigDate = addDays(today, -2);
        const big = bigList(bigDate);
        let release: () => void = () => {};
        const diskFull = new Promise<void>((r) => (release = r));
        const h = await launch({
          profile,
          feed: async (url) => {
            const date = url.searchParams.get('date') ?? '';
            const body = windowDays.get(date);
            if (body !== undefined) return { body };
            await diskFull;
            return { body: date === bigDate ? big : '[]' };
          },
        });
        try {
          const windowIds = new Set(papersOf(windowDays.values()).keys());
          const reader = await h.open('icon.svg');
          let before: Awaited<ReturnType<typeof readStore>> | undefined;
          await expect
            .poll(
              async () => {
                before = await readStore(reader);
                const stored = new Set(before.papers.map((p) => p.id));
                return [...windowIds].every((id) => stored.has(id));
              },
              { timeout: 60_000, interval: 200 },
            )
            .toBe(true);
          await reader.close();
          const start = windowStart(today, DEFAULT_SYNC_SETTINGS.backfillDays);
          const outside = (papers: readonly { listDate: string }[]) => papers.filter((p) => p.listDate < start).length;
          expect(outside(before!.papers)).toBeGreaterThan(20);

          // Fill the disk to 6 MB left (under the 16 MB at which a sync prunes before writing; the 11 MB list does
          // not fit), then let the sync go on to the large list.
          const free = Number(execFileSync('df', ['-k', '--output=avail', profile]).toString().split('\n')[1]);
          execFileSync('fallocate', ['-l', `${Math.max(0, free - 6 * 1024)}k`, join(profile, 'filler')]);
          release();
          // The status says why the sync stopped. (The report in the store is not waited for: after a write fails
          // for lack of space Chromium closes the connection, and the report may not be storable until the next start.)
          const popup = await h.open('popup.html');
          // One message for the state: the error notice, with the retry time the background scheduled.
          await expect
            .poll(() => popup.locator('[data-notice="error"]').textContent(), { timeout: 60_000 })
            .toMatch(/^The last sync failed: storage is full: nothing stored was lost.* Paper Radar tries again in /);
          // A full disk cannot even open the store to read it: free the space (what is stored stays as it is).
          rmSync(join(profile, 'filler'));
          const after = await readStore(popup);
          // Every paper of the window is still there; papers outside it went to make room.
          const kept = new Set(after.papers.map((p) => p.id));
          expect([...windowIds].every((id) => kept.has(id))).toBe(true);
          expect(outside(after.papers)).toBeLessThan(outside(before!.papers));
        } finally {
          release();
          await h.close();
        }
      } finally {
        execFileSync('umount', [profile]);
        rmSync(profile, { recursive: true, force: true });
      }
    },
  );
});
