/** Serving feed bodies as the newest list dates, and syncing the extension to them through its popup. */
import { addDays, toIsoDay } from '../../lib/feed/dates';
import { parseFeed } from '../../lib/feed/parse';
import type { Harness } from './harness';

/** Serves `bodies[0]` as today's list, `bodies[1]` as yesterday's, …; `[]` for every other date. */
export function serveAsNewestDays(h: Harness, bodies: readonly string[]): { ids: Set<string> } {
  const today = toIsoDay(Date.now());
  const byDate = new Map(bodies.map((b, i) => [addDays(today, -i), b]));
  h.setFeed((url) => {
    const date = url.searchParams.get('date');
    return { body: (date && byDate.get(date)) ?? '[]' };
  });
  const ids = new Set<string>();
  for (const b of bodies) {
    const r = parseFeed(b, { seenAt: 0 });
    if (r.ok) r.papers.forEach((p) => ids.add(p.id));
  }
  return { ids };
}

/**
 * Response bodies holding one real entry per id (real entries of `dayBody` repeated, re-keyed), `perDay` ids per
 * body: a feed with as many papers as a test needs.
 */
export function bodiesForIds(dayBody: string, ids: readonly string[], perDay = 1000): string[] {
  const entries = JSON.parse(dayBody) as { paper: { id: string } }[];
  const bodies: string[] = [];
  for (let i = 0; i < ids.length; i += perDay) {
    const chunk = ids.slice(i, i + perDay);
    bodies.push(
      JSON.stringify(
        chunk.map((id, k) => ({
          ...entries[k % entries.length],
          paper: { ...entries[k % entries.length]!.paper, id },
        })),
      ),
    );
  }
  return bodies;
}

/** Clicks "sync now" in the popup and waits for the status line to be idle with `count` papers. */
export async function syncNow(h: Harness, count: number, timeout = 30_000): Promise<void> {
  const popup = await h.open('popup.html');
  // Locator waits rather than expect.poll, so this also works in beforeAll hooks.
  const status = '[data-paper-radar="sync-status"]';
  await popup.locator(`${status}:not([data-state="syncing"])`).waitFor({ timeout });
  await popup.locator('[data-paper-radar="sync-now"]').click();
  await popup.locator(`${status}[data-state="idle"][data-count="${count}"]`).waitFor({ timeout });
  await popup.close();
}

/** Real feed entries of `day` with their `paper.id` replaced by `ids` (one entry per id), as a response body. */
export function rekeyedEntries(dayBody: string, ids: readonly string[]): string {
  const entries = JSON.parse(dayBody) as { paper: { id: string } }[];
  if (entries.length < ids.length) throw new Error('paper-radar test: not enough entries to re-key');
  return JSON.stringify(ids.map((id, i) => ({ ...entries[i], paper: { ...entries[i]!.paper, id } })));
}
