/**
 * Bundled by bench/chromium.ts and evaluated inside the extension's service worker, so the store's own code runs
 * against real Chromium IndexedDB. Not part of the extension build.
 */
import Dexie from 'dexie';
import { createDatabase } from '../../lib/db/database';
import { upsertPapers } from '../../lib/db/queries';
import type { Paper } from '../../lib/feed/paper';

async function bulkPut(papers: Paper[]): Promise<{ bulkPutMs: number; upsertMs: number; reupsertMs: number }> {
  const db = createDatabase(`pr-bench-${Date.now()}`);
  await db.open();
  let t = performance.now();
  await db.papers.bulkPut(papers);
  const bulkPutMs = performance.now() - t;
  await db.papers.clear();
  // The sync's real path: read what is stored, merge, write what changed (one transaction).
  t = performance.now();
  await db.transaction('rw', db.papers, () => upsertPapers(db, papers));
  const upsertMs = performance.now() - t;
  t = performance.now();
  await db.transaction('rw', db.papers, () => upsertPapers(db, papers));
  const reupsertMs = performance.now() - t;
  await db.delete();
  return { bulkPutMs, upsertMs, reupsertMs };
}

let held: Paper[] = [];

/** Keeps `papers` in the worker, so `bulkPutHeld` is timed without their transfer over the DevTools protocol. */
function hold(papers: Paper[]): number {
  held = papers;
  return held.length;
}

/** `bulkPut` of the held papers into a fresh database, deleted afterwards; the wall time of the `bulkPut`, ms. */
async function bulkPutHeld(): Promise<number> {
  const db = createDatabase(`pr-bench-held-${Date.now()}`);
  await db.open();
  const t = performance.now();
  await db.papers.bulkPut(held);
  const ms = performance.now() - t;
  await db.delete();
  return ms;
}

/**
 * Where `bulkPut`'s time goes: the held papers written to fresh databases that differ in one thing each — the
 * papers' secondary index, their abstracts (and AI summaries), one transaction or several — plus the cost of a
 * structured clone of the rows alone. Wall ms per variant, each run `runs` times (median taken by the caller).
 */
async function breakdown(runs: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  const noText = held.map(({ abstract: _a, aiSummary: _s, ...rest }) => ({ ...rest, abstract: '' }));
  const texts = held.map((p) => ({ id: p.id, abstract: p.abstract, aiSummary: p.aiSummary }));
  const variant = async (name: string, schema: Record<string, string>, write: (db: Dexie) => Promise<unknown>) => {
    const db = new Dexie(`pr-bench-${name}-${Date.now()}`, { chromeTransactionDurability: 'relaxed' });
    db.version(1).stores(schema);
    await db.open();
    const t = performance.now();
    await write(db);
    (out[name] ??= []).push(performance.now() - t);
    db.close();
    await db.delete();
  };
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    structuredClone(held);
    (out['structuredClone of the 10,000 rows (no write)'] ??= []).push(performance.now() - t);
    t = performance.now();
    JSON.stringify(held);
    (out['JSON.stringify of the rows (no write)'] ??= []).push(performance.now() - t);
    const schema = { papers: 'id, [listDate+upvotes]' };
    await variant('as shipped (id, [listDate+upvotes])', schema, (db) => db.table('papers').bulkPut(held));
    await variant('no secondary index (id only)', { papers: 'id' }, (db) => db.table('papers').bulkPut(held));
    await variant('without abstracts and AI summaries', schema, (db) => db.table('papers').bulkPut(noText));
    await variant('rows without text + texts in a 2nd table, one transaction', { ...schema, texts: 'id' }, (db) =>
      db.transaction('rw', ['papers', 'texts'], async () => {
        await db.table('papers').bulkPut(noText);
        await db.table('texts').bulkPut(texts);
      }),
    );
    await variant('the whole rows as one JSON string per paper', { papers: 'id' }, (db) =>
      db.table('papers').bulkPut(held.map((p) => ({ id: p.id, json: JSON.stringify(p) }))),
    );
    await variant('10 parallel transactions of 1,000', schema, (db) =>
      Promise.all(
        Array.from({ length: 10 }, (_v, k) => db.table('papers').bulkPut(held.slice(k * 1000, (k + 1) * 1000))),
      ),
    );
    await variant('raw IndexedDB put per row, one transaction (no Dexie)', schema, (db) => {
      const idb = db.backendDB();
      return new Promise<void>((resolve, reject) => {
        const tx = idb.transaction('papers', 'readwrite', { durability: 'relaxed' });
        const store = tx.objectStore('papers');
        for (const p of held) store.put(p);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
      });
    });
  }
  return out;
}

(globalThis as unknown as { __prBench: unknown }).__prBench = { bulkPut, hold, bulkPutHeld, breakdown };
