/** Reading the extension's IndexedDB store from its service worker, as tests need it (no extension code involved). */
import type { Page, Worker } from 'playwright-core';
import { expect } from 'vitest';
import type { Harness } from './harness';

/** A stored paper as far as tests compare stores (everything a user sees; not `seenAt`, the time of the sync). */
export interface StoredPaper {
  id: string;
  title: string;
  listDate: string;
  upvotes: number;
  dayRank?: number;
}

/** One read of `readDb`: a whole object store, or one key of it; `size` returns the JSON length instead of the value. */
export interface DbRead {
  store: string;
  key?: string;
  size?: boolean;
}

/**
 * Reads the extension's IndexedDB database (`name`, default `paper-radar`) with the raw IndexedDB API in its service worker or one
 * of its pages (same origin, same database), without ever changing it: `undefined` while the database or one of the
 * stores does not exist yet.
 *
 * A plain `indexedDB.open(name)` of a database that does not exist creates it empty at version 1, and a connection
 * left open blocks the extension's own upgrade: its sync then waits forever. So a missing database is not created
 * (the version change is aborted), the connection closes after the read, and it closes at once if the extension asks
 * for a version change meanwhile.
 */
export async function readDb(
  where: Worker | Page,
  reads: DbRead[],
  name = 'paper-radar',
): Promise<unknown[] | undefined> {
  return (where as Page).evaluate(
    ({ reads, name }) =>
      new Promise<unknown[] | undefined>((resolve, reject) => {
        const open = indexedDB.open(name);
        let missing = false;
        open.onupgradeneeded = () => {
          missing = true;
          open.transaction?.abort();
        };
        open.onerror = () => (missing ? resolve(undefined) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          db.onversionchange = () => db.close();
          const names = [...new Set(reads.map((r) => r.store))];
          if (!names.every((n) => db.objectStoreNames.contains(n))) {
            db.close();
            return resolve(undefined);
          }
          const tx = db.transaction(names, 'readonly');
          const requests = reads.map((r) =>
            r.key === undefined ? tx.objectStore(r.store).getAll() : tx.objectStore(r.store).get(r.key),
          );
          tx.oncomplete = () => {
            db.close();
            resolve(requests.map((q, i) => (reads[i]!.size ? (JSON.stringify(q.result) ?? '').length : q.result)));
          };
          tx.onerror = () => {
            db.close();
            reject(tx.error);
          };
        };
      }),
    { reads, name },
  );
}

/** Every stored paper (sorted by id) and the meta rows (`readDb`; empty while the database is not there yet). */
export async function readStore(
  where: Worker | Page,
): Promise<{ papers: StoredPaper[]; meta: Record<string, unknown> }> {
  const [papers = [], meta = []] = ((await readDb(where, [{ store: 'papers' }, { store: 'meta' }])) ?? []) as [
    (Record<string, unknown> & { id: string })[]?,
    { key: string; value: unknown }[]?,
  ];
  const rows = papers.map((p) => ({
    id: p.id,
    title: p.title as string,
    listDate: p.listDate as string,
    upvotes: p.upvotes as number,
    ...(p.dayRank !== undefined ? { dayRank: p.dayRank as number } : {}),
  }));
  rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { papers: rows, meta: Object.fromEntries(meta.map((r) => [r.key, r.value])) };
}

/**
 * The store once a sync that started after `after` (epoch ms) has finished and written its report, waiting for it
 * (the status line alone can read `idle` before a resumed sync has begun).
 */
export async function storeAfterSync(h: Harness, after = 0): Promise<Awaited<ReturnType<typeof readStore>>> {
  let store: Awaited<ReturnType<typeof readStore>> | undefined;
  // An extension page of no behaviour of its own (the icon) reads the store without waking the worker.
  const page = await h.open('icon.svg');
  await expect
    .poll(
      async () => {
        store = await readStore(page).catch(() => undefined);
        const report = store?.meta.lastReport as { startedAt?: number } | undefined;
        return (report?.startedAt ?? -1) >= after;
      },
      { timeout: 90_000, interval: 500 },
    )
    .toBe(true);
  await page.close();
  return store!;
}
