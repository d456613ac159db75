/**
 * The export file: the library and the settings in one JSON document a person can keep, move to another browser
 * and import again. Validated with Zod before anything is written, so a damaged or foreign file changes nothing.
 *
 * ```json
 * {
 *   "format": "paper-radar-export",
 *   "version": 1,
 *   "exportedAt": "2026-08-07T12:00:00.000Z",
 *   "extension": "Paper Radar 0.1.0",
 *   "settings": { "backfillDays": 60, "syncIntervalMinutes": 60, "badgesOnArxiv": true, … },
 *   "papers": [ { "id": "2406.01234", "title": "…", "listDate": "2024-06-04", "seenAt": 1718000000000, … } ],
 *   "saved": [ … ], "history": [ … ], "follows": [ … ]
 * }
 * ```
 *
 * Every key but `format` and `version` is optional (a file from a build before history, saved papers and follows
 * were exported imports as it is). Stores are lists of records keyed by `id`: `papers` (the cached feed, `Paper`),
 * `history` (the local reading history, `HistoryEntry`), `saved` (saved papers, `SavedPaper`) and `follows`
 * (followed keywords, regular expressions and topics, `Follow`) — each declared by its record schema in
 * `STORE_SCHEMAS` (one line), its name in `STORE_NAMES` (lib/backup/stores.ts) and its table and merge rule in
 * `lib/db/backup.ts` (one line each).
 */
import * as z from 'zod/mini';
import { canonicalArxivId } from '../arxiv/id';
import { isIsoDay } from '../feed/dates';
import type { StoreName, StoreRecords } from '../db/backup';
import type { HistoryVia } from '../db/database';
import { MAX_HISTORY_ABSTRACT } from '../db/user-data';
import { checkFollow, MAX_FOLLOW_LENGTH } from '../follow/match';
import { readSettings, type Settings } from '../settings/settings';
import { STORE_NAMES } from './stores';

/** The value of `format` that marks a Paper Radar export. */
export const EXPORT_FORMAT = 'paper-radar-export';
/** The file format version this build writes and the newest it reads. */
export const EXPORT_VERSION = 1;
/** Largest file `parseExport` accepts, in characters (a 730-day library is about 70 MB). */
export const MAX_EXPORT_CHARS = 400_000_000;

const text = (max: number) => z.string().check(z.maxLength(max));
const count = z.number().check(z.int(), z.gte(0));
const isoDay = z.string().check(z.refine(isIsoDay, 'expected a date as YYYY-MM-DD'));
const arxivId = z
  .string()
  .check(z.refine((s) => canonicalArxivId(s) === s, 'expected a canonical arXiv id such as 2406.01234'));
/** A time as epoch ms. */
const epochMs = z.number().check(z.gte(0), z.refine(Number.isFinite, 'expected a finite number'));
const authors = z.array(text(1000)).check(z.maxLength(10_000));

/** One stored paper (`Paper`, lib/feed/paper.ts) as an export holds it. Unknown fields are dropped. */
export const PaperRecordSchema = z.object({
  id: arxivId,
  title: text(2000).check(z.minLength(1)),
  abstract: text(50_000),
  authors,
  upvotes: count,
  comments: count,
  publishedDate: isoDay,
  listDate: isoDay,
  dayRank: z.optional(z.number().check(z.int(), z.positive())),
  keywords: z.array(text(500)).check(z.maxLength(1000)),
  aiSummary: z.optional(text(50_000)),
  githubRepo: z.optional(text(2000)),
  githubStars: z.optional(count),
  projectPage: z.optional(text(2000)),
  thumbnail: z.optional(text(2000)),
  organization: z.optional(text(1000)),
  seenAt: epochMs,
});

const HISTORY_VIAS = ['abs', 'html', 'popup', 'reader'] as const satisfies readonly HistoryVia[];

/** One reading-history entry (`HistoryEntry`, lib/db/database.ts). Unknown fields are dropped. */
export const HistoryRecordSchema = z
  .object({
    id: arxivId,
    title: text(2000),
    abstract: z.optional(text(MAX_HISTORY_ABSTRACT)),
    firstAt: epochMs,
    lastAt: epochMs,
    visits: z.number().check(z.int(), z.positive(), z.lte(1_000_000_000)),
    via: z.enum(HISTORY_VIAS),
  })
  .check(
    z.refine((h) => h.firstAt <= h.lastAt, {
      path: ['lastAt'],
      message: 'expected the last visit (lastAt) no earlier than the first (firstAt)',
    }),
  );

/** One saved paper (`SavedPaper`, lib/db/database.ts). Unknown fields are dropped. */
export const SavedRecordSchema = z.object({
  id: arxivId,
  savedAt: epochMs,
  title: text(2000),
  authors,
  publishedDate: z.optional(isoDay),
  primaryClass: z.optional(text(40)),
});

/**
 * One follow (`Follow`, lib/db/database.ts): a keyword or regular expression must pass `checkFollow` (the check the
 * follow form runs: an RE2 pattern that does not compile is refused with the engine's message, at `value`); a topic
 * is a topic id (a short string). The id is `kind:value`, as the background writes it, so one thing is followed once.
 */
export const FollowRecordSchema = z
  .object({
    id: text(MAX_FOLLOW_LENGTH + 10),
    kind: z.enum(['keyword', 'regex', 'topic']),
    value: text(MAX_FOLLOW_LENGTH).check(z.minLength(1)),
    createdAt: epochMs,
  })
  .check(
    z.superRefine((f, ctx) => {
      if (f.kind !== 'topic') {
        const checked = checkFollow(f.kind, f.value);
        if (!checked.ok) ctx.addIssue({ code: 'custom', path: ['value'], message: checked.reason, input: f.value });
      }
      if (f.id !== `${f.kind}:${f.value}`) {
        ctx.addIssue({ code: 'custom', path: ['id'], message: `expected "${f.kind}:${f.value}"`, input: f.id });
      }
    }),
  );

/**
 * The record schema of each store an export carries, by its key in the file (`STORE_NAMES`, lib/backup/stores.ts,
 * gives the file order): one line per store. Each schema's output must be its store's record type.
 */
export const STORE_SCHEMAS = {
  papers: PaperRecordSchema,
  history: HistoryRecordSchema,
  saved: SavedRecordSchema,
  follows: FollowRecordSchema,
} as const satisfies { [K in StoreName]: z.ZodMiniType<StoreRecords[K]> };

/** The settings as a file holds them: typed, every field optional (ranges are clamped by `readSettings`). */
const SettingsRecordSchema = z.object({
  backfillDays: z.optional(z.number()),
  syncIntervalMinutes: z.optional(z.number()),
  badgesOnArxiv: z.optional(z.boolean()),
  badgesEverywhere: z.optional(z.boolean()),
  excludedSites: z.optional(z.array(text(500)).check(z.maxLength(10_000))),
  historyPaused: z.optional(z.boolean()),
  dimUnfollowed: z.optional(z.boolean()),
} satisfies Record<keyof Settings, unknown>);

const ExportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.optional(text(100)),
  extension: z.optional(text(200)),
  settings: z.optional(SettingsRecordSchema),
  ...(Object.fromEntries(STORE_NAMES.map((name) => [name, z.optional(z.array(STORE_SCHEMAS[name]))])) as {
    [K in StoreName]: z.ZodMiniOptional<z.ZodMiniArray<(typeof STORE_SCHEMAS)[K]>>;
  }),
});

/** A valid export, ready to import. */
export interface ExportFile {
  exportedAt?: string;
  extension?: string;
  /** The file's settings, validated and clamped; absent when the file has none. */
  settings?: Settings;
  /** Every store's records (empty for a store the file lacks). */
  stores: { [K in StoreName]: StoreRecords[K][] };
}

/**
 * Reads an export file's text. Returns the export, or `{ ok: false, reason }` with a sentence a person can act on
 * when it is not JSON, not a Paper Radar export, from a newer version, or damaged (naming the first bad field).
 * Never throws.
 */
export function parseExport(raw: string): { ok: true; file: ExportFile } | { ok: false; reason: string } {
  if (raw.length > MAX_EXPORT_CHARS) {
    return { ok: false, reason: 'This file is too large to be a Paper Radar export.' };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'This is not a Paper Radar export: the file is not JSON.' };
  }
  const head = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  if (head.format !== EXPORT_FORMAT) {
    return {
      ok: false,
      reason: `This is not a Paper Radar export: it does not say "format": "${EXPORT_FORMAT}".`,
    };
  }
  if (typeof head.version === 'number' && head.version > EXPORT_VERSION) {
    return {
      ok: false,
      reason: `This export was made by a newer Paper Radar (file version ${head.version}); update the extension to import it.`,
    };
  }
  const parsed = ExportFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? formatPath(issue.path) : 'the file';
    return {
      ok: false,
      reason: `The file is damaged: ${where}: ${issue?.message ?? 'invalid'}. Nothing was imported.`,
    };
  }
  const data = parsed.data;
  return {
    ok: true,
    file: {
      ...(data.exportedAt !== undefined ? { exportedAt: data.exportedAt } : {}),
      ...(data.extension !== undefined ? { extension: data.extension } : {}),
      ...(data.settings ? { settings: readSettings(data.settings) } : {}),
      stores: Object.fromEntries(STORE_NAMES.map((name) => [name, data[name] ?? []])) as ExportFile['stores'],
    },
  };
}

/**
 * Validates records of `store` that came apart from a file (an import chunk sent to the background): the records,
 * or the first problem as `{ ok: false, reason }` (`papers[12].listDate: expected a date as YYYY-MM-DD`).
 */
export function parseRecords<K extends StoreName>(
  store: K,
  records: unknown,
): { ok: true; records: StoreRecords[K][] } | { ok: false; reason: string } {
  const parsed = z.array(STORE_SCHEMAS[store]).safeParse(records);
  if (parsed.success) return { ok: true, records: parsed.data as StoreRecords[K][] };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${formatPath([store, ...(issue?.path ?? [])])}: ${issue?.message ?? 'invalid'}` };
}

/** `["papers", 12, "listDate"]` → `papers[12].listDate`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/**
 * Writes an export file's text: one JSON document, each record on its own line (so a large library stays
 * readable and diffable). `exportedAt` is ISO 8601 of `now` (epoch ms).
 */
export function serializeExport(parts: {
  settings: Settings;
  stores: { [K in StoreName]: readonly StoreRecords[K][] };
  now: number;
  extension: string;
}): string {
  const head = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(parts.now).toISOString(),
    extension: parts.extension,
    settings: parts.settings,
  };
  const lines = [JSON.stringify(head).slice(0, -1)];
  for (const name of STORE_NAMES) {
    const records = parts.stores[name];
    lines.push(`,${JSON.stringify(name)}:[`);
    records.forEach((r, i) => lines.push(`${i > 0 ? ',' : ''}${JSON.stringify(r)}`));
    lines.push(']');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
