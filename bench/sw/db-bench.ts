/**
 * Bundled by bench/chromium.ts and evaluated inside the extension's service worker, so the store's own code runs
 * against real Chromium IndexedDB. Not part of the extension build.
 */
import Dexie from 'dexie';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { compress as lz4Compress, decompress as lz4Decompress } from 'lz4js';
import { compress as snappyCompress, uncompress as snappyUncompress } from 'snappyjs';
import { createDatabase } from '../../lib/db/database';
import { mergePaper, upsertPapers } from '../../lib/db/queries';
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

/** The texts a layout may store apart or compressed: a paper's abstract and AI summary. */
type Texts = [abstract: string, aiSummary: string | null]; // null: JSON has no undefined
type Bare = Omit<Paper, 'abstract' | 'aiSummary'>;

function withoutTexts(p: Paper): Bare {
  const { abstract: _a, aiSummary: _s, ...rest } = p;
  return rest;
}

function withTexts(p: Bare, [abstract, aiSummary]: Texts): Paper {
  return aiSummary == null ? { ...p, abstract } : { ...p, abstract, aiSummary };
}

/** `s` compressed with the browser's `CompressionStream` (raw DEFLATE, RFC 1951). */
async function deflate(s: string): Promise<Uint8Array> {
  const stream = new Blob([s]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(b: Uint8Array): Promise<string> {
  return new Response(new Blob([b as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
}

function byDate(papers: readonly Paper[]): Map<string, Paper[]> {
  const out = new Map<string, Paper[]>();
  for (const p of papers) {
    const list = out.get(p.listDate) ?? [];
    list.push(p);
    out.set(p.listDate, list);
  }
  return out;
}

const byUpvotes = (a: Paper, b: Paper) => b.upvotes - a.upvotes;

/**
 * One way to lay the papers out in IndexedDB: how it writes all of them, and how the extension's three read paths
 * would read them back — one paper by id (popup, reader, badges), one list date's papers most upvoted first (the
 * reader's day view), every paper (search index builds).
 */
interface Layout {
  schema: Record<string, string>;
  write: (db: Dexie, papers: readonly Paper[]) => Promise<unknown>;
  byId: (db: Dexie, id: string) => Promise<Paper | undefined>;
  day: (db: Dexie, date: string) => Promise<Paper[]>;
  all: (db: Dexie) => Promise<Paper[]>;
  /** The sync's write path for one list date (read what is stored, merge, write), when implemented. */
  upsertDay?: (db: Dexie, papers: readonly Paper[]) => Promise<unknown>;
}

/** One row per list date: `{ listDate, ids, papers }`, found by id through the multi-entry `*ids` index. */
interface DateRow<T> {
  listDate: string;
  ids: string[];
  papers: T[];
}

const rowsPerDate = (papers: readonly Paper[]): DateRow<Paper>[] =>
  [...byDate(papers)].map(([listDate, list]) => ({ listDate, ids: list.map((p) => p.id), papers: list }));

/**
 * The sync's merge rule on a one-row-per-list-date layout: the stored copies of these ids (found on any date by the
 * `*ids` index) and the date's own row are decoded, each paper merged (`mergePaper`), and every touched date row
 * encoded and rewritten (a paper whose first list date moves leaves its old row), in one transaction.
 */
async function upsertPerDate<R extends { listDate: string; ids: string[] }>(
  db: Dexie,
  papers: readonly Paper[],
  decode: (row: R) => Promise<Paper[]>,
  encode: (row: DateRow<Paper>) => R,
): Promise<void> {
  // Decoding may wait on a Blob, which would commit the transaction: read (and decode) first, then write.
  const t = db.table<R, string>('dates');
  const ids = papers.map((p) => p.id);
  const wanted = new Set([...papers.map((p) => p.listDate)]);
  const stored = await db.transaction('r', 'dates', async () => {
    const found = await t.where('ids').anyOf(ids).toArray();
    const own = await t.bulkGet([...wanted]);
    return [...found, ...own.filter((r): r is NonNullable<typeof r> => r !== undefined)];
  });
  const rows = new Map<string, DateRow<Paper>>();
  for (const r of stored) {
    if (!rows.has(r.listDate)) rows.set(r.listDate, { listDate: r.listDate, ids: r.ids, papers: await decode(r) });
  }
  const where = new Map<string, DateRow<Paper>>();
  for (const r of rows.values()) for (const p of r.papers) where.set(p.id, r);
  const touched = new Set<DateRow<Paper>>();
  for (const p of papers) {
    const from = where.get(p.id);
    const merged = mergePaper(
      from?.papers.find((q) => q.id === p.id),
      p,
    );
    if (from) {
      from.papers = from.papers.filter((q) => q.id !== p.id);
      touched.add(from);
    }
    let to = rows.get(merged.listDate);
    if (!to) {
      to = { listDate: merged.listDate, ids: [], papers: [] };
      rows.set(to.listDate, to);
    }
    to.papers.push(merged);
    where.set(merged.id, to);
    touched.add(to);
  }
  for (const r of touched) r.ids = r.papers.map((p) => p.id);
  await db.transaction('rw', 'dates', () => t.bulkPut([...touched].map(encode)));
}

/**
 * A synchronous codec for a paper's texts (no per-call set-up, unlike `CompressionStream`): a string to bytes and
 * back. `utf8` only re-encodes (TextEncoder), the others compress the UTF-8 bytes.
 */
interface Codec {
  encode: (s: string) => Uint8Array;
  decode: (b: Uint8Array) => string;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

const CODECS = {
  utf8: { encode: (s) => utf8Encoder.encode(s), decode: (b) => utf8Decoder.decode(b) },
  // fflate's raw DEFLATE at level 1 (its fastest that still searches for matches).
  fflate1: { encode: (s) => deflateSync(strToU8(s), { level: 1 }), decode: (b) => strFromU8(inflateSync(b)) },
  snappy: {
    encode: (s) => snappyCompress(utf8Encoder.encode(s)),
    decode: (b) => utf8Decoder.decode(snappyUncompress(b)),
  },
  // lz4js's LZ4 frame format.
  lz4: {
    encode: (s) => lz4Compress(utf8Encoder.encode(s)),
    decode: (b) => utf8Decoder.decode(lz4Decompress(b)),
  },
} satisfies Record<string, Codec>;

/** A paper's row with its texts (abstract, AI summary) as one encoded `z` (JSON of `Texts`). */
type PackedPaper = Bare & { z: Uint8Array };

const packPaper = (c: Codec, p: Paper): PackedPaper => ({
  ...withoutTexts(p),
  z: c.encode(JSON.stringify([p.abstract, p.aiSummary ?? null])),
});

function unpackPaper(c: Codec, row: PackedPaper): Paper {
  const { z, ...bare } = row;
  return withTexts(bare, JSON.parse(c.decode(z)) as Texts);
}

/**
 * The shipped layout (one row per paper, `id, [listDate+upvotes]`) with each paper's texts encoded by `c` inside
 * the timed write; the sync path is the shipped one (bulkGet, merge, bulkPut of what changed) with decoding and
 * encoding around the merge.
 */
function perPaperCodec(c: Codec): Layout {
  const table = (db: Dexie) => db.table<PackedPaper, string>('papers');
  return {
    schema: { papers: 'id, [listDate+upvotes]' },
    write: (db, papers) => table(db).bulkPut(papers.map((p) => packPaper(c, p))),
    byId: async (db, id) => {
      const row = await table(db).get(id);
      return row && unpackPaper(c, row);
    },
    day: async (db, date) =>
      (
        await table(db).where('[listDate+upvotes]').between([date, -Infinity], [date, Infinity]).reverse().toArray()
      ).map((r) => unpackPaper(c, r)),
    all: async (db) => (await table(db).toArray()).map((r) => unpackPaper(c, r)),
    upsertDay: (db, papers) =>
      db.transaction('rw', 'papers', async () => {
        const stored = await table(db).bulkGet(papers.map((p) => p.id));
        const changed = papers.map((p, i) => {
          const old = stored[i];
          return packPaper(c, mergePaper(old && unpackPaper(c, old), p));
        });
        await table(db).bulkPut(changed);
      }),
  };
}

/** A list date's texts, encoded as one JSON array of `Texts` in the order of `ids`. */
interface PackedTexts {
  listDate: string;
  ids: string[];
  z: Uint8Array;
}

const packTexts = (c: Codec, listDate: string, papers: readonly Paper[]): PackedTexts => ({
  listDate,
  ids: papers.map((p) => p.id),
  z: c.encode(JSON.stringify(papers.map((p) => [p.abstract, p.aiSummary ?? null]))),
});

/**
 * One row per paper without its texts (the shipped index) plus a `texts` table with one row per list date holding
 * that date's texts encoded by `c` as one value: ~575 encoder calls and ~575 large values instead of 10,000 small.
 */
function textsPerDateCodec(c: Codec): Layout {
  const papersOf = (db: Dexie) => db.table<Bare, string>('papers');
  const textsOf = (db: Dexie) => db.table<PackedTexts, string>('texts');
  const decode = (row: PackedTexts) => {
    const list = JSON.parse(c.decode(row.z)) as Texts[];
    return new Map(row.ids.map((id, i) => [id, list[i]!]));
  };
  return {
    schema: { papers: 'id, [listDate+upvotes]', texts: 'listDate' },
    write: (db, papers) =>
      db.transaction('rw', ['papers', 'texts'], async () => {
        await papersOf(db).bulkPut(papers.map(withoutTexts));
        await textsOf(db).bulkPut([...byDate(papers)].map(([d, list]) => packTexts(c, d, list)));
      }),
    byId: async (db, id) => {
      const bare = await papersOf(db).get(id);
      if (!bare) return undefined;
      const row = await textsOf(db).get(bare.listDate);
      return withTexts(bare, decode(row!).get(id)!);
    },
    day: async (db, date) => {
      const bare = await papersOf(db)
        .where('[listDate+upvotes]')
        .between([date, -Infinity], [date, Infinity])
        .reverse()
        .toArray();
      const row = await textsOf(db).get(date);
      const texts = row ? decode(row) : new Map<string, Texts>();
      return bare.map((p) => withTexts(p, texts.get(p.id)!));
    },
    all: async (db) => {
      const bare = await papersOf(db).toArray();
      const texts = new Map<string, Texts>();
      for (const row of await textsOf(db).toArray()) for (const [id, t] of decode(row)) texts.set(id, t);
      return bare.map((p) => withTexts(p, texts.get(p.id)!));
    },
  };
}

const LAYOUTS: Record<string, Layout> = {
  'as shipped: one row per paper, [listDate+upvotes]': {
    schema: { papers: 'id, [listDate+upvotes]' },
    write: (db, papers) => db.table('papers').bulkPut(papers),
    byId: (db, id) => db.table<Paper, string>('papers').get(id),
    day: (db, date) =>
      db
        .table<Paper, string>('papers')
        .where('[listDate+upvotes]')
        .between([date, -Infinity], [date, Infinity])
        .reverse()
        .toArray(),
    all: (db) => db.table<Paper, string>('papers').toArray(),
    // What applyDay does: bulkGet, merge, bulkPut of what changed, one transaction per list date.
    upsertDay: (db, papers) =>
      db.transaction('rw', 'papers', () => upsertPapers(db as Parameters<typeof upsertPapers>[0], papers)),
  },
  '(a) one row per list date (papers array, *ids index)': {
    schema: { dates: 'listDate, *ids' },
    write: (db, papers) => db.table('dates').bulkPut(rowsPerDate(papers)),
    byId: async (db, id) => {
      const row = await db.table<DateRow<Paper>, string>('dates').where('ids').equals(id).first();
      return row?.papers.find((p) => p.id === id);
    },
    day: async (db, date) =>
      ((await db.table<DateRow<Paper>, string>('dates').get(date))?.papers ?? []).sort(byUpvotes),
    all: async (db) => (await db.table<DateRow<Paper>, string>('dates').toArray()).flatMap((r) => r.papers),
    upsertDay: (db, papers) =>
      upsertPerDate(
        db,
        papers,
        async (r: DateRow<Paper>) => r.papers,
        (r) => r,
      ),
  },
  '(a2) one JSON string per list date (*ids index)': {
    schema: { dates: 'listDate, *ids' },
    write: (db, papers) =>
      db
        .table('dates')
        .bulkPut(
          rowsPerDate(papers).map((r) => ({ listDate: r.listDate, ids: r.ids, json: JSON.stringify(r.papers) })),
        ),
    byId: async (db, id) => {
      const row = await db.table<{ json: string }, string>('dates').where('ids').equals(id).first();
      return row && (JSON.parse(row.json) as Paper[]).find((p) => p.id === id);
    },
    day: async (db, date) => {
      const row = await db.table<{ json: string }, string>('dates').get(date);
      return row ? (JSON.parse(row.json) as Paper[]).sort(byUpvotes) : [];
    },
    all: async (db) =>
      (await db.table<{ json: string }, string>('dates').toArray()).flatMap((r) => JSON.parse(r.json) as Paper[]),
  },
  '(a3) one Blob of JSON per list date (*ids index)': {
    schema: { dates: 'listDate, *ids' },
    write: (db, papers) =>
      db.table('dates').bulkPut(
        rowsPerDate(papers).map((r) => ({
          listDate: r.listDate,
          ids: r.ids,
          blob: new Blob([JSON.stringify(r.papers)], { type: 'application/json' }),
        })),
      ),
    byId: async (db, id) => {
      const row = await db.table<{ blob: Blob }, string>('dates').where('ids').equals(id).first();
      return row && (JSON.parse(await row.blob.text()) as Paper[]).find((p) => p.id === id);
    },
    day: async (db, date) => {
      const row = await db.table<{ blob: Blob }, string>('dates').get(date);
      return row ? (JSON.parse(await row.blob.text()) as Paper[]).sort(byUpvotes) : [];
    },
    all: async (db) => {
      const rows = await db.table<{ blob: Blob }, string>('dates').toArray();
      return (await Promise.all(rows.map(async (r) => JSON.parse(await r.blob.text()) as Paper[]))).flat();
    },
    upsertDay: (db, papers) =>
      upsertPerDate(
        db,
        papers,
        async (r: { listDate: string; ids: string[]; blob: Blob }) => JSON.parse(await r.blob.text()) as Paper[],
        (r) => ({ listDate: r.listDate, ids: r.ids, blob: new Blob([JSON.stringify(r.papers)]) }),
      ),
  },
  '(a3b) one row per paper without texts + the texts as one Blob per list date': {
    schema: { papers: 'id, [listDate+upvotes]', texts: 'listDate' },
    write: (db, papers) =>
      db.transaction('rw', ['papers', 'texts'], async () => {
        await db.table('papers').bulkPut(papers.map(withoutTexts));
        await db.table('texts').bulkPut(
          rowsPerDate(papers).map((r) => ({
            listDate: r.listDate,
            ids: r.ids,
            blob: new Blob([JSON.stringify(r.papers.map((p) => [p.abstract, p.aiSummary ?? null]))]),
          })),
        );
      }),
    byId: async (db, id) => {
      const bare = await db.table<Bare, string>('papers').get(id);
      if (!bare) return undefined;
      const row = await db.table<{ ids: string[]; blob: Blob }, string>('texts').get(bare.listDate);
      return withTexts(bare, (JSON.parse(await row!.blob.text()) as Texts[])[row!.ids.indexOf(id)]!);
    },
    day: async (db, date) => {
      const bare = await db
        .table<Bare, string>('papers')
        .where('[listDate+upvotes]')
        .between([date, -Infinity], [date, Infinity])
        .reverse()
        .toArray();
      const row = await db.table<{ ids: string[]; blob: Blob }, string>('texts').get(date);
      const texts = JSON.parse(await row!.blob.text()) as Texts[];
      return bare.map((p) => withTexts(p, texts[row!.ids.indexOf(p.id)]!));
    },
    all: async (db) => {
      const bare = await db.table<Bare, string>('papers').toArray();
      const rows = await db.table<{ ids: string[]; blob: Blob }, string>('texts').toArray();
      const texts = new Map<string, Texts>();
      await Promise.all(
        rows.map(async (r) => {
          const list = JSON.parse(await r.blob.text()) as Texts[];
          r.ids.forEach((id, i) => texts.set(id, list[i]!));
        }),
      );
      return bare.map((p) => withTexts(p, texts.get(p.id)!));
    },
  },
  '(b) one row per paper, abstract + AI summary deflate-raw (compression timed)': {
    schema: { papers: 'id, [listDate+upvotes]' },
    write: async (db, papers) => {
      const rows = await Promise.all(
        papers.map(async (p) => ({
          ...withoutTexts(p),
          z: await deflate(JSON.stringify([p.abstract, p.aiSummary ?? null])),
        })),
      );
      return db.table('papers').bulkPut(rows);
    },
    byId: async (db, id) => {
      const row = await db.table<Bare & { z: Uint8Array }, string>('papers').get(id);
      if (!row) return undefined;
      const { z, ...bare } = row;
      return withTexts(bare, JSON.parse(await inflate(z)) as Texts);
    },
    day: async (db, date) => {
      const rows = await db
        .table<Bare & { z: Uint8Array }, string>('papers')
        .where('[listDate+upvotes]')
        .between([date, -Infinity], [date, Infinity])
        .reverse()
        .toArray();
      return Promise.all(rows.map(async ({ z, ...bare }) => withTexts(bare, JSON.parse(await inflate(z)) as Texts)));
    },
    all: async (db) => {
      const rows = await db.table<Bare & { z: Uint8Array }, string>('papers').toArray();
      return Promise.all(rows.map(async ({ z, ...bare }) => withTexts(bare, JSON.parse(await inflate(z)) as Texts)));
    },
  },
  '(a+b) one row per list date, its texts as one deflate-raw (*ids index)': {
    schema: { dates: 'listDate, *ids' },
    write: async (db, papers) => {
      const rows = await Promise.all(
        rowsPerDate(papers).map(async (r) => ({
          listDate: r.listDate,
          ids: r.ids,
          papers: r.papers.map(withoutTexts),
          z: await deflate(JSON.stringify(r.papers.map((p) => [p.abstract, p.aiSummary ?? null]))),
        })),
      );
      return db.table('dates').bulkPut(rows);
    },
    byId: async (db, id) => {
      const row = await db.table<DateRow<Bare> & { z: Uint8Array }, string>('dates').where('ids').equals(id).first();
      if (!row) return undefined;
      const i = row.ids.indexOf(id);
      return withTexts(row.papers[i]!, (JSON.parse(await inflate(row.z)) as Texts[])[i]!);
    },
    day: async (db, date) => {
      const row = await db.table<DateRow<Bare> & { z: Uint8Array }, string>('dates').get(date);
      if (!row) return [];
      const texts = JSON.parse(await inflate(row.z)) as Texts[];
      return row.papers.map((p, i) => withTexts(p, texts[i]!)).sort(byUpvotes);
    },
    all: async (db) => {
      const rows = await db.table<DateRow<Bare> & { z: Uint8Array }, string>('dates').toArray();
      const out = await Promise.all(
        rows.map(async (r) => {
          const texts = JSON.parse(await inflate(r.z)) as Texts[];
          return r.papers.map((p, i) => withTexts(p, texts[i]!));
        }),
      );
      return out.flat();
    },
  },
  '(c) one row per paper, texts as UTF-8 bytes (TextEncoder, encoding timed)': perPaperCodec(CODECS.utf8),
  '(c1) one row per paper, texts fflate deflate level 1 (compression timed)': perPaperCodec(CODECS.fflate1),
  '(c2) one row per paper, texts snappyjs (compression timed)': perPaperCodec(CODECS.snappy),
  '(c3) one row per paper, texts lz4js (compression timed)': perPaperCodec(CODECS.lz4),
  '(c4) one row per paper without texts + texts per list date, fflate level 1': textsPerDateCodec(CODECS.fflate1),
  '(c5) one row per paper without texts + texts per list date, snappyjs': textsPerDateCodec(CODECS.snappy),
};

/** Key-order-independent JSON, to check a layout reads back what was written. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

/** The layouts compared (`PR_BENCH_BREAKDOWN=layouts`), and the baseline row. */
function layoutNames(): string[] {
  return ['structuredClone of the rows (no write)', ...Object.keys(LAYOUTS)];
}

/** Layouts left out of a round unless `PR_BENCH_LAYOUTS=all`: each took 2–8× the shipped write (BENCHMARKS.md). */
const SLOW_LAYOUTS = ['(b) ', '(a+b) '];

/**
 * One layout's round (see `layoutNames`): writes the held papers to a fresh database, then times the read paths on
 * it — 200 papers by id one after the other, 50 list dates' papers, every paper once — and the sync's per-date write
 * path (where implemented) into another fresh database; every read is checked against what was written (a layout
 * that loses or changes a field throws). Wall ms per path.
 */
async function layout(name: string): Promise<Record<string, number>> {
  let t = performance.now();
  if (!(name in LAYOUTS)) {
    structuredClone(held);
    return { write: performance.now() - t };
  }
  const l = LAYOUTS[name]!;
  const days = byDate(held);
  const dates = [...days.keys()];
  const sampleIds = Array.from({ length: 200 }, (_v, k) => held[(k * 7919) % held.length]!.id);
  const sampleDates = Array.from({ length: 50 }, (_v, k) => dates[(k * 131) % dates.length]!);
  const want = new Map(held.map((p) => [p.id, p]));
  const open = async () => {
    const db = new Dexie(`pr-bench-layout-${Date.now()}`, { chromeTransactionDurability: 'relaxed' });
    db.version(1).stores(l.schema);
    await db.open();
    return db;
  };
  const r: Record<string, number> = {};
  const db = await open();
  t = performance.now();
  await l.write(db, held);
  r.write = performance.now() - t;
  // Timed reads first, then the check that they read back what was written (outside the timed part).
  t = performance.now();
  const byIds: (Paper | undefined)[] = [];
  for (const id of sampleIds) byIds.push(await l.byId(db, id));
  r.byId200 = performance.now() - t;
  t = performance.now();
  const lists: Paper[][] = [];
  for (const d of sampleDates) lists.push(await l.day(db, d));
  r.day50 = performance.now() - t;
  sampleIds.forEach((id, i) => {
    if (canonical(byIds[i]) !== canonical(want.get(id))) throw new Error(`${name}: paper ${id} read back differs`);
  });
  const same = (ps: readonly Paper[]) => ps.map(canonical).sort().join('\n');
  sampleDates.forEach((d, i) => {
    const list = lists[i]!;
    const ordered = list.every((p, k) => k === 0 || list[k - 1]!.upvotes >= p.upvotes);
    if (!ordered || same(list) !== same(days.get(d)!)) throw new Error(`${name}: list date ${d} read back differs`);
  });
  t = performance.now();
  const all = await l.all(db);
  r.all = performance.now() - t;
  if (all.length !== held.length) throw new Error(`${name}: ${all.length} papers read back`);
  db.close();
  await db.delete();
  if (l.upsertDay) {
    const db2 = await open();
    t = performance.now();
    for (const g of days.values()) await l.upsertDay(db2, g);
    r.syncPerDate = performance.now() - t;
    const back = await l.all(db2);
    if (back.length !== held.length) throw new Error(`${name}: the sync path stored ${back.length} papers`);
    db2.close();
    await db2.delete();
  }
  return r;
}

/**
 * Writes that keep not all of a paper (so no read path), for `PR_BENCH_BREAKDOWN=cpu` only: they tell what of the
 * write scales with the bytes (the texts) and what with the records (10,000 puts and index entries).
 */
const REFERENCES: Record<string, Pick<Layout, 'schema' | 'write'>> = {
  'ref: rows without abstract and AI summary (texts lost)': {
    schema: { papers: 'id, [listDate+upvotes]' },
    write: (db, papers) => db.table('papers').bulkPut(papers.map(withoutTexts)),
  },
  'ref: the same rows, one row per list date, no secondary index (575 puts)': {
    schema: { dates: 'listDate' },
    write: (db, papers) => db.table('dates').bulkPut(rowsPerDate(papers)),
  },
};

/** The writes `PR_BENCH_BREAKDOWN=cpu` can time: every layout and the references. */
function writeNames(): string[] {
  return [...Object.keys(LAYOUTS), ...Object.keys(REFERENCES)];
}

const writerOf = (name: string) => LAYOUTS[name] ?? REFERENCES[name]!;

let writeDb: Dexie | undefined;

/** Opens a fresh database for `name`'s layout, so `layoutWrite` times the write alone (`PR_BENCH_BREAKDOWN=cpu`). */
async function layoutOpen(name: string): Promise<void> {
  writeDb = new Dexie(`pr-bench-write-${Date.now()}`, { chromeTransactionDurability: 'relaxed' });
  writeDb.version(1).stores(writerOf(name).schema);
  await writeDb.open();
}

/** Writes the held papers with `name`'s layout into the database `layoutOpen` made; wall ms. */
async function layoutWrite(name: string): Promise<number> {
  const t = performance.now();
  await writerOf(name).write(writeDb!, held);
  return performance.now() - t;
}

/** Deletes the database `layoutOpen` made. */
async function layoutClose(): Promise<void> {
  writeDb!.close();
  await writeDb!.delete();
  writeDb = undefined;
}

(globalThis as unknown as { __prBench: unknown }).__prBench = {
  writeNames,
  layoutOpen,
  layoutWrite,
  layoutClose,
  bulkPut,
  hold,
  bulkPutHeld,
  breakdown,
  layoutNames,
  layout,
  SLOW_LAYOUTS,
};
