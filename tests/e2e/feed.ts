/** Serving feed bodies as the newest list dates, and syncing the extension to them through its popup. */
import { addDays, toIsoDay } from '../../lib/feed/dates';
import type { Paper } from '../../lib/feed/paper';
import { parseFeed } from '../../lib/feed/parse';
import { recordedFiles } from '../helpers/recorded-feed';
import type { FeedHandler, Harness } from './harness';

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

/**
 * A feed answering `bodies[0]` as today's list, `bodies[1]` as yesterday's, … (re-dated), `[]` for every other
 * date; with the ids of the papers it serves.
 */
export function newestDaysFeed(bodies: readonly string[]): { feed: FeedHandler; ids: Set<string> } {
  const byDate = asNewestDays(bodies);
  const feed: FeedHandler = (url) => {
    const date = url.searchParams.get('date');
    return { body: (date && byDate.get(date)) ?? '[]' };
  };
  return { feed, ids: new Set(papersOf(byDate.values()).keys()) };
}

/** Serves `bodies` as the newest days (see `newestDaysFeed`) through either browser's harness. */
export function serveAsNewestDays(h: Pick<Harness, 'setFeed'>, bodies: readonly string[]): { ids: Set<string> } {
  const { feed, ids } = newestDaysFeed(bodies);
  h.setFeed(feed);
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

/** The distinct papers of feed response bodies, by id (as the extension parses them; a later body's entry wins). */
export function papersOf(bodies: Iterable<string>): Map<string, Paper> {
  const papers = new Map<string, Paper>();
  for (const body of bodies) {
    const r = parseFeed(body, { seenAt: 0 });
    if (r.ok) r.papers.forEach((p) => papers.set(p.id, p));
  }
  return papers;
}

/** A word of exactly one title (letters only, 7+ long), with that paper: a search for it must find the paper. */
export function distinctiveWord(papers: ReadonlyMap<string, Paper>): { word: string; paper: Paper } {
  const titlesWith = new Map<string, Set<string>>();
  for (const p of papers.values()) {
    for (const w of p.title.toLowerCase().match(/\b[a-z]{7,}\b/g) ?? []) {
      titlesWith.set(w, (titlesWith.get(w) ?? new Set()).add(p.id));
    }
  }
  for (const [word, ids] of titlesWith) {
    if (ids.size === 1) return { word, paper: papers.get([...ids][0]!)! };
  }
  throw new Error('paper-radar test: no distinctive title word');
}

/** The `skip`-th paper with a long abstract, and the abstract's opening words as the page shows them. */
export function paperWithAbstract(papers: ReadonlyMap<string, Paper>, skip = 0): { paper: Paper; snippet: string } {
  const p = [...papers.values()].filter((x) => x.abstract.length > 200)[skip];
  if (!p) throw new Error('paper-radar test: not enough papers with an abstract');
  return { paper: p, snippet: p.abstract.slice(0, 80) };
}

/**
 * Clicks "sync now" in the popup and waits for the status line to be idle with `count` papers (`timeout` is a limit
 * for a loaded machine: 30 s failed the reader tests' 312-paper sync twice at load 20–30).
 */
export async function syncNow(h: Harness, count: number, timeout = 90_000): Promise<void> {
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
