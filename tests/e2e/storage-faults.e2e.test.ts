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
import type { StoredReport } from '../../lib/sync/controller';
import { recordedDay } from '../helpers/recorded-feed';
import { launch, type Answer } from './harness';
import { redated } from './feed';
import { storeAfterSync } from './store';

const today = toIsoDay(Date.now());
const RECORDED = ['2026-08-06', '2026-08-05', '2026-08-04'].map((d) => recordedDay(d)!);
/** The recorded lists served as today, yesterday, … (re-dated by `redate`, so retention keeps them). */
const feed = (bodies: readonly string[], redate = true) => {
  const byDate = new Map(
    bodies.map((b, i) => [addDays(today, -i), redate ? redated(b, addDays(today, -i)) : b] as const),
  );
  return (url: URL): Answer => ({ body: byDate.get(url.searchParams.get('date') ?? '') ?? '[]' });
};
/** `body` as the list of `date`: each entry's `submittedOnDailyAt` set to it (recorded lists carry their own). */
const listedOn = (body: string, date: string) =>
  JSON.stringify(
    (JSON.parse(body) as { paper: Record<string, unknown> }[]).map((e) => ({
      ...e,
      paper: { ...e.paper, submittedOnDailyAt: `${date}T00:00:00.000Z` },
    })),
  );
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
      await expect
        .poll(async () => Number(await popup.locator('[data-paper-radar="sync-status"]').getAttribute('data-count')))
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
  });
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
        // Today's list is in the 60-day window; the two recorded lists served as yesterday's and the day before
        // keep their own (August) list dates, outside the window — what a store holds after the window shrinks.
        const inWindow = listedOn(RECORDED[0]!, today);
        const initial = [inWindow, RECORDED[1]!, RECORDED[2]!];
        const h = await launch({ profile, feed: feed(initial, false) });
        try {
          const before = await storeAfterSync(h);
          const windowIds = distinct([inWindow]);
          expect(before.papers.filter((p) => windowIds.has(p.id))).toHaveLength(windowIds.size);
          const windowStart = addDays(today, -59);
          expect(before.papers.filter((p) => p.listDate < windowStart).length).toBeGreaterThan(20);

          // Fill the disk to a few hundred KB, then serve a large new list.
          const free = Number(execFileSync('df', ['-k', '--output=avail', profile]).toString().split('\n')[1]);
          execFileSync('fallocate', ['-l', `${Math.max(0, free - 300)}k`, join(profile, 'filler')]);
          const big = JSON.stringify(
            Array.from({ length: 2000 }, (_, i) => {
              const entries = JSON.parse(RECORDED[0]!) as { paper: Record<string, unknown> }[];
              const e = entries[i % entries.length]!;
              return {
                ...e,
                paper: {
                  ...e.paper,
                  id: `2411.${10000 + i}`,
                  summary: `${e.paper.summary} ${i}`,
                  submittedOnDailyAt: `${today}T01:00:00.000Z`,
                },
              };
            }),
          );
          h.setFeed(feed([big, ...initial.slice(1)], false));
          const startedAt = Date.now();
          const popup = await h.open('popup.html');
          await popup.locator('[data-paper-radar="sync-now"]').click();
          const after = await storeAfterSync(h, startedAt);
          const report = after.meta.lastReport as StoredReport;
          expect(report.storageFull).toBe(true);
          expect(report.aborted).toMatch(/^storage is full: nothing stored was lost/);
          // The oldest papers outside the window went first; every paper of the window is still there.
          expect(report.pruned).toBeGreaterThan(0);
          const kept = new Set(after.papers.map((p) => p.id));
          expect([...windowIds].every((id) => kept.has(id))).toBe(true);
          expect(after.papers.filter((p) => p.listDate < windowStart).length).toBeLessThan(
            before.papers.filter((p) => p.listDate < windowStart).length,
          );
          await expect
            .poll(() => popup.locator('[data-paper-radar="sync-status"]').textContent(), { timeout: 30_000 })
            .toMatch(/^Sync failed: storage is full: nothing stored was lost.* · retrying in /);
        } finally {
          await h.close();
        }
      } finally {
        execFileSync('umount', [profile]);
        rmSync(profile, { recursive: true, force: true });
      }
    },
  );
});
