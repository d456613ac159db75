/**
 * Paged period views in `fake-indexeddb`: PersonalService answers a period page by page, best first, from its
 * in-memory ranking and topic index, and both stay in step with the store when a sync stores a day (`datesStored`,
 * before the sync's end) and when retention deletes papers (`storeChanged`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PersonalService, assignTopics, type PeriodQuery } from '../../lib/background/personal';
import { createDatabase, type PaperRadarDB } from '../../lib/db/database';
import { applyDay, getAllPapers, pruneListedBefore } from '../../lib/db/queries';
import { getTopics } from '../../lib/db/user-data';
import { parseFeed } from '../../lib/feed/parse';
import { MAX_PERIOD_PAGE, PERIOD_PAGE, periodRange, rankPeriod, type Period } from '../../lib/feed/periods';
import { DEFAULT_SETTINGS } from '../../lib/settings/settings';
import { recordedDay, recordedFiles } from '../helpers/recorded-feed';

/** The 20 newest recorded list dates, oldest first. */
const DATES = recordedFiles()
  .filter((f) => f.name.startsWith('days/') && f.date)
  .map((f) => f.date!)
  .slice(-20);
const NEWEST = DATES.at(-1)!;

function day(date: string) {
  const r = parseFeed(recordedDay(date)!, { seenAt: 1, listDate: date });
  if (!r.ok) throw new Error(r.reason);
  return r.papers;
}

let n = 0;
const open: PaperRadarDB[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.delete()));
});

async function storeOf(dates: readonly string[]): Promise<{ db: PaperRadarDB; personal: PersonalService }> {
  const db = createDatabase(`period-pages-${++n}`);
  open.push(db);
  for (const d of dates) await applyDay(db, d, day(d), { at: 1, entries: 0, rejected: 0 });
  const personal = new PersonalService({
    db,
    index: async () => {
      throw new Error('not used');
    },
    settings: async () => DEFAULT_SETTINGS,
    now: () => 5000,
  });
  await personal.storeChanged();
  return { db, personal };
}

/** Every page of the view, `size` rows at a time, checking each page's place and counts. */
async function pageThrough(personal: PersonalService, period: Period, date: string, size: number, topic?: string) {
  const ids: string[] = [];
  for (let offset = 0; ; offset += size) {
    const query: PeriodQuery = { offset, limit: size, ...(topic ? { topic } : {}) };
    const page = await personal.period(period, date, query);
    expect(page.offset).toBe(offset);
    expect(page.papers.length).toBeLessThanOrEqual(size);
    ids.push(...page.papers.map((p) => p.id));
    if (page.papers.length < size) {
      expect(ids).toHaveLength(page.count);
      return { ids, count: page.count, total: page.total };
    }
  }
}

/** The view as the store holds it now, ranked and filtered from scratch (a fresh topic assignment). */
async function expected(db: PaperRadarDB, period: Period, date: string, topic?: string): Promise<string[]> {
  const { from, to } = periodRange(period, date);
  const all = await getAllPapers(db);
  const topics = assignTopics(await getTopics(db), all);
  const inPeriod = all.filter((p) => p.listDate >= from && p.listDate <= to);
  return rankPeriod(topic ? inPeriod.filter((p) => topics.byPaper.get(p.id)?.includes(topic)) : inPeriod).map(
    (p) => p.id,
  );
}

/** The topics with papers in `period` around `date` (at most `k`), from a fresh assignment. */
async function topicsIn(db: PaperRadarDB, period: Period, date: string, k: number): Promise<string[]> {
  const { from, to } = periodRange(period, date);
  const all = await getAllPapers(db);
  const topics = assignTopics(await getTopics(db), all);
  const found = new Set(
    all.filter((p) => p.listDate >= from && p.listDate <= to).flatMap((p) => topics.byPaper.get(p.id) ?? []),
  );
  return [...found].slice(0, k);
}

describe('paged period views', () => {
  it('pages a week and a month through in exactly the ranking, with and without a topic', async () => {
    const { db, personal } = await storeOf(DATES);
    for (const period of ['week', 'month'] as const) {
      const want = await expected(db, period, NEWEST);
      expect(want.length).toBeGreaterThan(PERIOD_PAGE);
      // The default page: the first PERIOD_PAGE, with the counts of the whole view.
      const first = await personal.period(period, NEWEST);
      expect(first.papers.map((p) => p.id)).toEqual(want.slice(0, PERIOD_PAGE));
      expect(first).toMatchObject({ offset: 0, count: want.length, total: want.length });
      for (const size of [1, 37, PERIOD_PAGE]) {
        if (size === 1 && want.length > 400) continue;
        expect((await pageThrough(personal, period, NEWEST, size)).ids).toEqual(want);
      }
      for (const topic of await topicsIn(db, period, NEWEST, 3)) {
        const got = await pageThrough(personal, period, NEWEST, 9, topic);
        expect(got.ids).toEqual(await expected(db, period, NEWEST, topic));
        expect(got.total).toBe(want.length);
      }
    }
    // Rows are annotated: a page's rows carry their topics, and the page is capped.
    const big = await personal.period('month', NEWEST, { limit: 10_000 });
    expect(big.papers.length).toBeLessThanOrEqual(MAX_PERIOD_PAGE);
    expect(big.papers.some((p) => (p.topics?.length ?? 0) > 0)).toBe(true);
  });

  it('lists a day a sync just stored at once, and its papers under their topics (before the sync ends)', async () => {
    const { db, personal } = await storeOf(DATES.slice(0, -1));
    const before = await pageThrough(personal, 'week', NEWEST, PERIOD_PAGE);
    await applyDay(db, NEWEST, day(NEWEST), { at: 2, entries: 0, rejected: 0 });
    await personal.datesStored([NEWEST]);
    const after = await pageThrough(personal, 'week', NEWEST, 25);
    const want = await expected(db, 'week', NEWEST);
    expect(after.ids).toEqual(want);
    expect(after.ids.length).toBeGreaterThan(before.ids.length);
    const fresh = new Set(day(NEWEST).map((p) => p.id));
    const topics = await topicsIn(db, 'day', NEWEST, 4);
    expect(topics.length).toBeGreaterThan(0);
    for (const topic of topics) {
      const got = await pageThrough(personal, 'week', NEWEST, 6, topic);
      const wantTopic = await expected(db, 'week', NEWEST, topic);
      expect(got.ids).toEqual(wantTopic);
      expect(got.ids.some((id) => fresh.has(id))).toBe(true);
    }
    // The topic list counts the new papers too, as a fresh assignment does.
    const fromScratch = assignTopics(await getTopics(db), await getAllPapers(db));
    for (const t of await personal.topicList()) expect(t.papers).toBe(fromScratch.counts.get(t.id) ?? 0);

    // The same day stored again with one paper gone and one re-voted: the ranking follows.
    const [gone, revoted, ...rest] = day(NEWEST);
    await db.papers.delete(gone!.id);
    await applyDay(db, NEWEST, [{ ...revoted!, upvotes: 10_000 }, ...rest], { at: 3, entries: 0, rejected: 0 });
    await personal.datesStored([NEWEST]);
    const again = await pageThrough(personal, 'week', NEWEST, PERIOD_PAGE);
    expect(again.ids).toEqual(await expected(db, 'week', NEWEST));
    expect(again.ids[0]).toBe(revoted!.id);
    expect(again.ids).not.toContain(gone!.id);
    const rescored = assignTopics(await getTopics(db), await getAllPapers(db));
    for (const t of await personal.topicList()) expect(t.papers).toBe(rescored.counts.get(t.id) ?? 0);
  });

  it('drops what retention deleted from every view and topic', async () => {
    const { db, personal } = await storeOf(DATES);
    const cut = DATES[DATES.length - 4]!;
    const month = await pageThrough(personal, 'month', cut, PERIOD_PAGE);
    const topics = await topicsIn(db, 'month', cut, 3);
    expect(await pruneListedBefore(db, cut)).toBeGreaterThan(0);
    await personal.storeChanged();
    const after = await pageThrough(personal, 'month', cut, 40);
    expect(after.ids).toEqual(await expected(db, 'month', cut));
    expect(after.ids.length).toBeLessThan(month.ids.length);
    for (const topic of topics) {
      const got = await pageThrough(personal, 'month', cut, 40, topic);
      expect(got.ids).toEqual(await expected(db, 'month', cut, topic));
      expect(got.ids.every((id) => after.ids.includes(id))).toBe(true);
    }
  });
});
