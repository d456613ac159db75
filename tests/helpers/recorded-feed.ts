/** The recorded Daily Papers responses in ../shared/data/feed, and a fake `fetch` that answers from them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FEED_DIR = join(import.meta.dirname, '../../../shared/data/feed');
export const PAGES_DIR = join(import.meta.dirname, '../../../shared/data/pages');

export interface RecordedFile {
  /** `days/2024-03-12.json` */
  name: string;
  /** The list date the response answers, when it answers one. */
  date?: string;
  text: string;
}

let cache: RecordedFile[] | undefined;

/** Every recorded response, `days/` then `raw/`, sorted by name. */
export function recordedFiles(): RecordedFile[] {
  cache ??= ['days', 'raw'].flatMap((dir) =>
    readdirSync(join(FEED_DIR, dir))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const date = /^(\d{4}-\d{2}-\d{2})\.json$/.exec(f)?.[1];
        return { name: `${dir}/${f}`, text: readFileSync(join(FEED_DIR, dir, f), 'utf8'), ...(date ? { date } : {}) };
      }),
  );
  return cache;
}

/** A recorded web page of ../shared/data/pages (`arxiv-abs-1902.02534-layout2026.html`), as text. */
export function recordedPage(name: string): string {
  return readFileSync(join(PAGES_DIR, name), 'utf8');
}

/** The `days/` response for `date`, if recorded. */
export function recordedDay(date: string): string | undefined {
  return recordedFiles().find((f) => f.name === `days/${date}.json`)?.text;
}

export interface FakeFeedOptions {
  /** Answer for a date: return a Response to override, or undefined for the recorded file (`[]` when none). */
  override?: (date: string | null, url: URL, call: number) => Response | Promise<Response> | undefined;
}

/** A `fetch` that answers `daily_papers?date=` from the recorded days, `[]` for unrecorded dates. */
export function fakeFeedFetch(options: FakeFeedOptions = {}) {
  const calls: string[] = [];
  const perDate = new Map<string, number>();
  const fetch = async (input: string, init?: { signal?: AbortSignal }): Promise<Response> => {
    init?.signal?.throwIfAborted();
    calls.push(input);
    const url = new URL(input);
    const date = url.searchParams.get('date');
    const key = date ?? url.search;
    const n = (perDate.get(key) ?? 0) + 1;
    perDate.set(key, n);
    const custom = await options.override?.(date, url, n);
    if (custom) return custom;
    if (!date) return new Response('[]', { status: 200 });
    return new Response(recordedDay(date) ?? '[]', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, calls };
}
