/**
 * Export and import as a page runs them: the library moves between the page and the background (the only writer
 * of the database) a chunk of records at a time, so a large library never needs one huge message. Browser-free:
 * reading and writing chunks, and the settings, come in as functions.
 */
import type { Settings } from '../settings/settings';
import type { StoreName, StoreRecords } from '../db/backup';
import { parseExport, serializeExport } from './file';
import { STORE_NAMES } from './stores';

/** Records per message, each way (a chunk of papers is about 2 MB). */
export const TRANSFER_CHUNK = 1000;

/** How an import changed one store. */
export interface MergeCount {
  added: number;
  updated: number;
  /** Records the store already held as they are (or newer). */
  unchanged: number;
}

export interface ExportDeps {
  /** One page of a store's records after id `after` (the background's `exportRecords`). */
  read: <K extends StoreName>(
    store: K,
    after: string | undefined,
    limit: number,
  ) => Promise<{ records: StoreRecords[K][]; next?: string }>;
  settings: Settings;
  /** Epoch ms, written as `exportedAt`. */
  now: number;
  /** `Paper Radar 0.1.0`. */
  extension: string;
  /** Records per request; default `TRANSFER_CHUNK`. */
  chunk?: number;
}

/** Builds the export file of the whole library and the settings; returns its text and the records per store. */
export async function exportLibrary(deps: ExportDeps): Promise<{ text: string; counts: Record<StoreName, number> }> {
  const readAll = async <K extends StoreName>(name: K): Promise<StoreRecords[K][]> => {
    const all: StoreRecords[K][] = [];
    let after: string | undefined;
    do {
      const page = await deps.read(name, after, deps.chunk ?? TRANSFER_CHUNK);
      all.push(...page.records);
      after = page.next;
    } while (after !== undefined);
    return all;
  };
  const stores = {} as { [K in StoreName]: StoreRecords[K][] };
  for (const name of STORE_NAMES) (stores as Record<StoreName, unknown[]>)[name] = await readAll(name);
  const counts = Object.fromEntries(STORE_NAMES.map((n) => [n, stores[n].length])) as Record<StoreName, number>;
  return {
    text: serializeExport({ settings: deps.settings, stores, now: deps.now, extension: deps.extension }),
    counts,
  };
}

export interface ImportDeps {
  /** Merges a chunk into a store (the background's `importRecords`); `last` marks a store's final chunk. */
  write: <K extends StoreName>(store: K, records: StoreRecords[K][], last: boolean) => Promise<MergeCount>;
  /** The settings now. */
  settings: Settings;
  saveSettings: (patch: Partial<Settings>) => Promise<Settings>;
  /** Records written so far out of all the file's records. */
  onProgress?: (done: number, total: number) => void;
  /** Records per request; default `TRANSFER_CHUNK`. */
  chunk?: number;
}

export type ImportResult =
  | {
      ok: true;
      stores: Record<StoreName, MergeCount>;
      /** Whether the file's settings were applied. */
      settings: boolean;
      /** What else a person should know, as sentences. */
      notes: string[];
    }
  | { ok: false; reason: string };

/**
 * Imports an export file's text: validates the whole file first (a bad or foreign file is refused and nothing is
 * written), merges each store by id with the store's own rule (newer data is never lost), then applies the file's
 * settings — except "badges on all sites", which needs the browser's permission and so is only ever turned on by
 * the user's own click. Never throws: a failure part-way says how far it got (what was merged stays, and merging
 * the same file again completes it).
 */
export async function importLibrary(text: string, deps: ImportDeps): Promise<ImportResult> {
  const read = parseExport(text);
  if (!read.ok) return read;
  const { file } = read;
  const total = STORE_NAMES.reduce((n, name) => n + file.stores[name].length, 0);
  const stores = Object.fromEntries(STORE_NAMES.map((n) => [n, { added: 0, updated: 0, unchanged: 0 }])) as Record<
    StoreName,
    MergeCount
  >;
  const size = deps.chunk ?? TRANSFER_CHUNK;
  let done = 0;
  deps.onProgress?.(0, total);
  for (const name of STORE_NAMES) {
    const records = file.stores[name];
    for (let i = 0; i < records.length; i += size) {
      const chunk = records.slice(i, i + size);
      try {
        const count = await deps.write(name, chunk, i + size >= records.length);
        stores[name].added += count.added;
        stores[name].updated += count.updated;
        stores[name].unchanged += count.unchanged;
      } catch (e) {
        return {
          ok: false,
          reason:
            `The import stopped after ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} records: ` +
            `${(e as Error).message}. What was imported is kept; import the file again to finish.`,
        };
      }
      done += chunk.length;
      deps.onProgress?.(done, total);
    }
  }
  const notes: string[] = [];
  if (file.settings) {
    const { badgesEverywhere, ...rest } = file.settings;
    if (badgesEverywhere && !deps.settings.badgesEverywhere) {
      notes.push('Badges on all sites were on in the file: turn them on below (your browser asks for the permission).');
    }
    await deps.saveSettings(rest);
  }
  return { ok: true, stores, settings: file.settings !== undefined, notes };
}

/** What each store's records are called in `describeImport`: one and several. */
const STORE_NOUNS: Record<StoreName, [string, string]> = {
  papers: ['paper', 'papers'],
  history: ['reading-history entry', 'reading-history entries'],
  saved: ['saved paper', 'saved papers'],
  follows: ['follow', 'follows'],
};

/** `a, b and c`. */
function joinAnd(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

/** `1,234 papers`, `1 follow`. */
function countOf(name: StoreName, n: number): string {
  const [one, many] = STORE_NOUNS[name];
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * One sentence on what an export saved: `Exported 1,234 papers, 12 reading-history entries and the settings to
 * paper-radar-2026-08-07.json.` Papers are always named; another store only when it held some.
 */
export function describeExport(counts: Record<StoreName, number>, fileName: string): string {
  const items = STORE_NAMES.filter((name) => name === 'papers' || counts[name] > 0).map((name) =>
    countOf(name, counts[name]),
  );
  return `Exported ${joinAnd([...items, 'the settings'])} to ${fileName}.`;
}

/**
 * One sentence on what an import did: `Imported 1,234 papers (1,200 new, 34 updated), 12 reading-history entries
 * (12 new) and the settings.` Papers are always named; another store only when the file held some.
 */
export function describeImport(result: Extract<ImportResult, { ok: true }>): string {
  const items = STORE_NAMES.flatMap((name) => {
    const c = result.stores[name];
    const n = c.added + c.updated + c.unchanged;
    if (n === 0 && name !== 'papers') return [];
    const parts = [
      c.added > 0 ? `${c.added.toLocaleString('en-US')} new` : '',
      c.updated > 0 ? `${c.updated.toLocaleString('en-US')} updated` : '',
      c.unchanged > 0 ? `${c.unchanged.toLocaleString('en-US')} already up to date` : '',
    ].filter(Boolean);
    return [`${countOf(name, n)}${parts.length ? ` (${parts.join(', ')})` : ''}`];
  });
  if (result.settings) items.push('the settings');
  return `Imported ${joinAnd(items)}.`;
}
