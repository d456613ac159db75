import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, openOrRebuild, SCHEMA_V1, type PaperRadarDB } from '../../lib/db/database';
import {
  applyDay,
  countPapers,
  latestListDate,
  listPapersByDate,
  loadSnapshotIfEmpty,
  mergePaper,
  pruneUnconfirmedSnapshot,
  recordDayFailure,
  getDayStates,
} from '../../lib/db/queries';
import { parseFeed } from '../../lib/feed/parse';
import { SNAPSHOT_SEEN_AT, type Paper } from '../../lib/feed/paper';
import { recordedDay } from '../helpers/recorded-feed';

let n = 0;
const open: PaperRadarDB[] = [];
function freshDb(): PaperRadarDB {
  const db = createDatabase(`db-test-${++n}`);
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.delete()));
});

function day(date: string, seenAt = 1): Paper[] {
  const r = parseFeed(recordedDay(date)!, { seenAt, listDate: date });
  if (!r.ok) throw new Error(r.reason);
  return r.papers;
}

describe('the schema upgrade from v1', () => {
  it('keeps every paper and ranks each within its list date', async () => {
    const name = `db-upgrade-${++n}`;
    const papers = [...day('2025-10-03'), ...day('2025-10-02')].map(({ dayRank: _r, ...p }) => p);
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('papers').bulkPut(papers);
    await v1.table('meta').put({ key: 'lastReport', value: { ok: 1 } });
    v1.close();

    const db = createDatabase(name);
    open.push(db);
    expect(await countPapers(db)).toBe(papers.length);
    const oct3 = await listPapersByDate(db, { from: '2025-10-03', to: '2025-10-03' });
    const byRank = [...oct3].sort((a, b) => a.dayRank! - b.dayRank!);
    expect(byRank.map((p) => p.dayRank)).toEqual(oct3.map((_p, i) => i + 1));
    byRank.forEach((p, i) => {
      if (i > 0) expect(byRank[i - 1]!.upvotes).toBeGreaterThanOrEqual(p.upvotes);
    });
    expect(await db.meta.get('lastReport')).toEqual({ key: 'lastReport', value: { ok: 1 } });
    expect(db.verno).toBe(3);
  });
});

describe('applyDay', () => {
  it('writes a day and its checkpoint together, and changes nothing the second time', async () => {
    const db = freshDb();
    const papers = day('2026-08-06');
    const first = await applyDay(db, '2026-08-06', papers, { at: 5, entries: papers.length, rejected: 0 });
    expect(first).toEqual({ added: papers.length, updated: 0 });
    const again = await applyDay(db, '2026-08-06', papers, { at: 6, entries: papers.length, rejected: 0 });
    expect(again).toEqual({ added: 0, updated: 0 });
    expect((await getDayStates(db)).get('2026-08-06')).toMatchObject({ status: 'ok', okAt: 6, failures: 0 });
  });

  it('counts upvote changes as updates', async () => {
    const db = freshDb();
    const papers = day('2026-08-06');
    await applyDay(db, '2026-08-06', papers, { at: 5, entries: papers.length, rejected: 0 });
    const bumped = papers.map((p, i) => (i < 3 ? { ...p, upvotes: p.upvotes + 1, seenAt: 2 } : p));
    expect(await applyDay(db, '2026-08-06', bumped, { at: 7, entries: papers.length, rejected: 0 })).toEqual({
      added: 0,
      updated: 3,
    });
  });
});

describe('recordDayFailure', () => {
  it('counts consecutive failures and keeps the last success time', async () => {
    const db = freshDb();
    const papers = day('2026-08-06');
    await applyDay(db, '2026-08-06', papers, { at: 5, entries: papers.length, rejected: 0 });
    await recordDayFailure(db, '2026-08-06', 'HTTP 503', 8);
    await recordDayFailure(db, '2026-08-06', 'HTTP 503', 9);
    expect((await getDayStates(db)).get('2026-08-06')).toMatchObject({ status: 'failed', failures: 2, okAt: 5 });
    expect(await countPapers(db)).toBe(papers.length);
  });
});

describe('mergePaper', () => {
  const base = day('2026-08-06')[0]!;

  it('keeps the earliest list date with its rank', () => {
    const later = { ...base, listDate: '2026-08-07', dayRank: 9, seenAt: 2 };
    const merged = mergePaper({ ...base, dayRank: 2 }, later);
    expect(merged).toMatchObject({ listDate: base.listDate, dayRank: 2, seenAt: 2 });
  });

  it('takes counts from the newer sighting, and the larger on a tie', () => {
    expect(mergePaper({ ...base, upvotes: 50, seenAt: 1 }, { ...base, upvotes: 40, seenAt: 2 }).upvotes).toBe(40);
    expect(mergePaper({ ...base, upvotes: 50, seenAt: 2 }, { ...base, upvotes: 40, seenAt: 2 }).upvotes).toBe(50);
  });

  it('replaces a snapshot copy whole with a live one, list date and rank included', () => {
    const snap = { ...base, listDate: '2026-08-06', dayRank: 2, upvotes: 50, seenAt: SNAPSHOT_SEEN_AT };
    const live = { ...base, listDate: '2026-11-30', dayRank: 7, upvotes: 3, seenAt: 5 };
    expect(mergePaper(snap, live)).toEqual(live);
    // A live copy is never replaced by the snapshot's.
    expect(mergePaper(live, snap)).toMatchObject({ listDate: '2026-08-06', upvotes: 3, seenAt: 5 });
  });

  it('does not depend on the order two sightings arrive in', () => {
    const a = { ...base, listDate: '2026-08-05', dayRank: 4, upvotes: 10, seenAt: 3 };
    const b = { ...base, listDate: '2026-08-06', dayRank: 1, upvotes: 12, seenAt: 3, keywords: ['x'] };
    expect(mergePaper(mergePaper(undefined, a), b)).toEqual(mergePaper(mergePaper(undefined, b), a));
  });
});

describe('the first-run snapshot', () => {
  it('loads only into an empty store, and goes once a sync has confirmed the feed', async () => {
    const db = freshDb();
    const snapshot = day('2026-08-05').map((p) => ({ ...p, seenAt: SNAPSHOT_SEEN_AT }));
    expect(await loadSnapshotIfEmpty(db, snapshot, 1)).toBe(snapshot.length);
    expect(await loadSnapshotIfEmpty(db, snapshot, 2)).toBe(0);
    const synced = day('2026-08-06', 10);
    await applyDay(db, '2026-08-06', synced, { at: 10, entries: synced.length, rejected: 0 });
    const overlap = synced.filter((p) => snapshot.some((s) => s.id === p.id)).length;
    expect(await pruneUnconfirmedSnapshot(db)).toBe(snapshot.length - overlap);
    expect(await countPapers(db)).toBe(synced.length);
    expect(await latestListDate(db)).toBe('2026-08-06');
  });
});

describe('openOrRebuild', () => {
  it('opens a sound database as it is', async () => {
    const db = freshDb();
    await applyDay(db, '2026-08-06', day('2026-08-06'), { at: 1, entries: 1, rejected: 0 });
    db.close();
    const again = createDatabase(db.name);
    open.push(again);
    expect(await openOrRebuild(again)).toBeUndefined();
    expect(await again.papers.count()).toBeGreaterThan(0);
  });

  it('rebuilds, empty, a database whose backing store cannot be opened, and says why', async () => {
    const db = freshDb();
    await applyDay(db, '2026-08-06', day('2026-08-06'), { at: 1, entries: 1, rejected: 0 });
    db.close();
    // Chromium's answer for a damaged backing store, until the database is deleted.
    let damaged = true;
    const factory = indexedDB as IDBFactory & Record<string, unknown>;
    const realOpen = factory.open.bind(factory);
    const realDelete = factory.deleteDatabase.bind(factory);
    factory.open = ((name: string, version?: number) => {
      const req = realOpen(name, version);
      if (!damaged) return req;
      const failing = {
        error: new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError'),
      } as unknown as IDBOpenDBRequest;
      req.onsuccess = () => {
        req.result.close();
        const event = { type: 'error', target: failing, preventDefault() {}, stopPropagation() {} };
        (failing as unknown as { onerror?: (e: unknown) => void }).onerror?.(event);
      };
      return failing;
    }) as IDBFactory['open'];
    factory.deleteDatabase = ((name: string) => {
      damaged = false;
      return realDelete(name);
    }) as IDBFactory['deleteDatabase'];
    try {
      const again = createDatabase(db.name);
      open.push(again);
      const reason = await openOrRebuild(again);
      expect(reason).toMatch(/Internal error opening backing store/);
      expect(await again.papers.count()).toBe(0);
      await applyDay(again, '2026-08-06', day('2026-08-06'), { at: 1, entries: 1, rejected: 0 });
      expect(await again.papers.count()).toBeGreaterThan(0);
    } finally {
      factory.open = realOpen;
      factory.deleteDatabase = realDelete;
    }
  });
});
