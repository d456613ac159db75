/** Serving feed bodies as the newest list dates, and syncing the extension to them through its popup. */
import { addDays, toIsoDay } from '../../lib/feed/dates';
import { parseFeed } from '../../lib/feed/parse';
import { recordedFiles } from '../helpers/recorded-feed';
import type { Harness } from './harness';

/**
 * A recorded response re-dated to list date `date`: each entry's `paper.submittedOnDailyAt` (the list date, when
 * the entry has one) moves to that day, its time kept. Served as today's list, a recorded response must say it is
 * today's, or retention would rightly delete its papers as listed months ago.
 */
export function redated(body: string, date: string): string {
  const entries = JSON.parse(body) as { paper: { submittedOnDailyAt?: string } }[];
  return JSON.stringify(
    entries.map((e) =>
      e.paper.submittedOnDailyAt
        ? { ...e, paper: { ...e.paper, submittedOnDailyAt: `${date}${e.paper.submittedOnDailyAt.slice(10)}` } }
        : e,
    ),
  );
}

/** The recorded responses `bodies` as the newest list dates: `bodies[0]` today's, `bodies[1]` yesterday's, … */
export function asNewestDays(bodies: readonly string[], today = toIsoDay(Date.now())): Map<string, string> {
  return new Map(bodies.map((b, i) => [addDays(today, -i), redated(b, addDays(today, -i))]));
}

/** List dates in the bundled first-run snapshot: the newest recorded ones (`npm run snapshot`). */
const SNAPSHOT_DAYS = 30;

/**
 * The `n` recorded list dates just before the snapshot's, newest first. Served re-dated as the newest days they
 * share no paper with the snapshot, whose copies (listed months earlier) would rightly keep their earlier list date
 * and then be deleted by retention as out of the window.
 */
export function recordedDatesBeforeSnapshot(n: number): string[] {
  return recordedFiles()
    .filter((f) => f.name.startsWith('days/') && f.date)
    .map((f) => f.date!)
    .slice(-(SNAPSHOT_DAYS + n), -SNAPSHOT_DAYS)
    .reverse();
}

/** Serves `bodies[0]` as today's list, `bodies[1]` as yesterday's, … (re-dated); `[]` for every other date. */
export function serveAsNewestDays(h: Harness, bodies: readonly string[]): { ids: Set<string> } {
  const byDate = asNewestDays(bodies);
  h.setFeed((url) => {
    const date = url.searchParams.get('date');
    return { body: (date && byDate.get(date)) ?? '[]' };
  });
  const ids = new Set<string>();
  for (const b of byDate.values()) {
    const r = parseFeed(b, { seenAt: 0 });
    if (r.ok) r.papers.forEach((p) => ids.add(p.id));
  }
  return { ids };
}

/** Clicks "sync now" in the popup and waits for the status line to be idle with `count` papers. */
export async function syncNow(h: Harness, count: number): Promise<void> {
  const popup = await h.open('popup.html');
  // Locator waits rather than expect.poll, so this also works in beforeAll hooks.
  const status = '[data-paper-radar="sync-status"]';
  await popup.locator(`${status}:not([data-state="syncing"])`).waitFor({ timeout: 30_000 });
  await popup.locator('[data-paper-radar="sync-now"]').click();
  await popup.locator(`${status}[data-state="idle"][data-count="${count}"]`).waitFor({ timeout: 30_000 });
  await popup.close();
}

/** Real feed entries of `day` with their `paper.id` replaced by `ids` (one entry per id), as a response body. */
export function rekeyedEntries(dayBody: string, ids: readonly string[]): string {
  const entries = JSON.parse(dayBody) as { paper: { id: string } }[];
  if (entries.length < ids.length) throw new Error('paper-radar test: not enough entries to re-key');
  return JSON.stringify(ids.map((id, i) => ({ ...entries[i], paper: { ...entries[i]!.paper, id } })));
}
