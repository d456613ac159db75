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

/**
 * Every stored paper (sorted by id) and the meta rows, read with the raw IndexedDB API in the extension's service
 * worker or one of its pages (same origin, same database).
 */
export async function readStore(
  where: Worker | Page,
): Promise<{ papers: StoredPaper[]; meta: Record<string, unknown> }> {
  return (where as Page).evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('paper-radar');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['papers', 'meta'], 'readonly');
          const papers = tx.objectStore('papers').getAll();
          const meta = tx.objectStore('meta').getAll();
          tx.oncomplete = () => {
            db.close();
            const rows = (papers.result as (Record<string, unknown> & { id: string })[]).map((p) => ({
              id: p.id,
              title: p.title as string,
              listDate: p.listDate as string,
              upvotes: p.upvotes as number,
              ...(p.dayRank !== undefined ? { dayRank: p.dayRank as number } : {}),
            }));
            rows.sort((a, b) => (a.id < b.id ? -1 : 1));
            resolve({
              papers: rows,
              meta: Object.fromEntries((meta.result as { key: string; value: unknown }[]).map((r) => [r.key, r.value])),
            });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
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
