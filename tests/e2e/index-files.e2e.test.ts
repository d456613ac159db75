/**
 * The persisted search indexes as files in the origin-private file system, in real Chromium with the production
 * build: written after a sync (none left in IndexedDB), read by a woken worker, and a damaged file refused,
 * deleted and rebuilt — never answered from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { toIsoDay } from '../../lib/feed/dates';
import { recordedDay } from '../helpers/recorded-feed';
import { asNewestDays } from './feed';
import { launch, type Answer, type Harness } from './harness';
import { readDb, storeAfterSync } from './store';

const today = toIsoDay(Date.now());
const RECORDED = ['2026-08-06', '2026-08-05', '2026-08-04'].map((d) => recordedDay(d)!);
const byDate = asNewestDays(RECORDED, today);
const feed = (url: URL): Answer => ({ body: byDate.get(url.searchParams.get('date') ?? '') ?? '[]' });

/** The index files' names and sizes, read from an extension page (the same origin as the worker). */
async function indexFiles(page: Page): Promise<Record<string, number>> {
  const files = await indexFileStats(page);
  return Object.fromEntries(Object.entries(files).map(([name, f]) => [name, f.size]));
}

/** The index files' sizes and last-modified times. */
function indexFileStats(page: Page): Promise<Record<string, { size: number; modified: number }>> {
  return page.evaluate(async () => {
    const out: Record<string, { size: number; modified: number }> = {};
    const root = await navigator.storage.getDirectory();
    let dir: FileSystemDirectoryHandle;
    try {
      dir = await root.getDirectoryHandle('indexes');
    } catch {
      return out;
    }
    for await (const [name, handle] of dir as unknown as AsyncIterable<[string, FileSystemFileHandle]>) {
      const file = await handle.getFile();
      out[name] = { size: file.size, modified: file.lastModified };
    }
    return out;
  });
}

/** Replaces index file `name` with its first `keep` bytes (a torn write), or with garbage of its size. */
function damage(page: Page, name: string, how: 'truncate' | 'garbage'): Promise<void> {
  return page.evaluate(
    async ({ name, how }) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('indexes');
      const handle = await dir.getFileHandle(name);
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      const writable = await handle.createWritable();
      await writable.write(how === 'truncate' ? bytes.slice(0, bytes.length >> 1) : bytes.fill(0x5a));
      await writable.close();
    },
    { name, how },
  );
}

type Reply = { kind: string; hits: { id: string }[] };

function related(page: Page, id: string): Promise<Reply> {
  return page.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as {
      chrome: { runtime: { sendMessage(m: unknown): Promise<Reply> } };
    };
    return chrome.runtime.sendMessage({ type: 'related', source: { id }, limit: 10 });
  }, id);
}

let h: Harness;
let page: Page;
let source: string;
let sizes: Record<string, number>;
let answer: string[] = [];

beforeAll(async () => {
  h = await launch({ feed });
});
afterAll(async () => {
  await h?.close();
});

// The tests run in order on one browser: each starts from the state the one before left.
describe('the persisted search indexes', () => {
  it('are files, not IndexedDB records, after a sync', async () => {
    const store = await storeAfterSync(h);
    page = await h.open('icon.svg');
    // The sync's end rebuilds and writes the indexes.
    await expect
      .poll(async () => Object.keys(await indexFiles(page)).sort(), { timeout: 60_000 })
      .toEqual(['related-index.bin', 'related-rows.bin', 'search-index.bin', 'title-entries.bin']);
    sizes = await indexFiles(page);
    // Whole files, not stubs: the related index holds at least each paper's id and four per-paper arrays (its
    // entries are 3 bytes each since version 2, so its size no longer says more).
    expect(sizes['related-index.bin']).toBeGreaterThan(store.papers.length * 20);
    expect(sizes['search-index.bin']).toBeGreaterThan(100_000);
    expect(await readDb(page, [{ store: 'blobs' }])).toEqual([[]]);
    // A paper with related papers among these few (most have none above the similarity floor).
    for (const p of store.papers) {
      const reply = await related(page, p.id);
      if (reply.kind !== 'related') continue;
      source = p.id;
      answer = reply.hits.map((x) => x.id);
      break;
    }
    expect(answer.length).toBeGreaterThan(0);
  }, 120_000);

  it('answer a woken worker from the file', async () => {
    const before = await indexFileStats(page);
    await h.stopWorker();
    const reply = await related(page, source);
    expect(reply.kind).toBe('related');
    expect(reply.hits.map((x) => x.id)).toEqual(answer);
    // Not rebuilt: a refused file would have been written again before the answer (the rebuild persists first).
    expect(await indexFileStats(page)).toEqual(before);
  });

  it.each(['truncate', 'garbage'] as const)(
    'a damaged file (%s) is refused, deleted and rebuilt; the answer is the same',
    async (how) => {
      await damage(page, 'related-index.bin', how);
      const damaged = (await indexFileStats(page))['related-index.bin']!;
      await h.stopWorker();
      const reply = await related(page, source);
      expect(reply.kind).toBe('related');
      expect(reply.hits.map((x) => x.id)).toEqual(answer);
      // The rebuild wrote it again, whole (the same papers give the same related index, byte for byte in size).
      const rebuilt = (await indexFileStats(page))['related-index.bin']!;
      expect(rebuilt.size).toBe(sizes['related-index.bin']);
      expect(rebuilt.modified).toBeGreaterThan(damaged.modified);
    },
    120_000,
  );
});
