/**
 * Bundled by bench/chromium.ts and evaluated inside the extension's service worker, so the store's own code runs
 * against real Chromium IndexedDB. Not part of the extension build.
 */
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

(globalThis as unknown as { __prBench: unknown }).__prBench = { bulkPut, hold, bulkPutHeld };
