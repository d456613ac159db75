/**
 * The one loader of the real recorded data — Daily Papers responses, web pages, detection cases and relatedness
 * judgments — for tests, benchmarks (`bench/`) and eval (`npm run eval`) alike, and a fake `fetch` that answers
 * from the recorded responses.
 *
 * Where it reads from:
 * - by default, the copies vendored in `tests/fixtures/recorded/` (Brotli-compressed; `npm run fixtures` rebuilds
 *   them; their PROVENANCE.md names the sources). Tests always read these, so a fresh clone runs every test, and
 *   runs the same ones as a machine that has the original data;
 * - with `PAPER_RADAR_DATA=shared` in the environment (`npm run bench`, `npm run eval` and `npm run snapshot` set
 *   it), the original files in ../shared/data when that folder is there, else the vendored copies: parse timings
 *   then see the responses byte for byte as recorded. `PAPER_RADAR_DATA=fixtures` forces the copies.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { mergePaper } from '../../lib/db/queries';
import { parseFeed } from '../../lib/feed/parse';
import type { Paper } from '../../lib/feed/paper';

/** The vendored copies of the recorded data. */
export const FIXTURES_DIR = join(import.meta.dirname, '../fixtures/recorded');
/** The original data, next to the repository (absent in a fresh clone). */
export const SHARED_DATA_DIR = join(import.meta.dirname, '../../../shared/data');

/** One vendored archive: files by their path under ../shared/data (`feed/days/2024-03-12.json`). */
export type RecordedArchive = { name: string; text: string }[];

/** The folders of ../shared/data that are vendored, one archive each. */
export type RecordedFolder = 'feed' | 'pages' | 'cases' | 'relatedness';

/** Where this process reads the recorded data from (see the file's comment). */
export const DATA_SOURCE: 'fixtures' | 'shared' =
  process.env.PAPER_RADAR_DATA === 'shared' && existsSync(join(SHARED_DATA_DIR, 'feed/days')) ? 'shared' : 'fixtures';

/** Where the recorded data is read from, as a sentence for benchmark and eval output. */
export function dataSourceNote(): string {
  return DATA_SOURCE === 'shared'
    ? 'Data: the original recorded files in ../shared/data.'
    : 'Data: the copies vendored in tests/fixtures/recorded (feed responses trimmed to the fields Paper Radar ' +
        'reads; ../shared/data was not used).';
}

const archives = new Map<RecordedFolder, Map<string, string>>();

function filesIn(dir: string, prefix: string): RecordedArchive {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const name = `${prefix}/${e.name}`;
      return e.isDirectory() ? filesIn(dir, name) : [{ name, text: readFileSync(join(dir, name), 'utf8') }];
    });
}

/** Every file of `folder`, by path under ../shared/data. */
function archive(folder: RecordedFolder): Map<string, string> {
  let files = archives.get(folder);
  if (!files) {
    const list: RecordedArchive =
      DATA_SOURCE === 'shared'
        ? filesIn(SHARED_DATA_DIR, folder)
        : (JSON.parse(
            brotliDecompressSync(readFileSync(join(FIXTURES_DIR, `${folder}.json.br`))).toString('utf8'),
          ) as RecordedArchive);
    files = new Map(list.map((f) => [f.name, f.text]));
    archives.set(folder, files);
  }
  return files;
}

/**
 * The text of the recorded file at `path` under ../shared/data (`cases/detect/01-arxiv-ftp-url.html`,
 * `relatedness/sections.jsonl`). Throws a clear error when there is none.
 */
export function recordedData(path: string): string {
  const folder = path.split('/')[0] as RecordedFolder;
  const text = ['feed', 'pages', 'cases', 'relatedness'].includes(folder) ? archive(folder).get(path) : undefined;
  if (text === undefined) throw new Error(`paper-radar test data: no recorded file ${path}`);
  return text;
}

/** The paths of the recorded files under `prefix` (`cases/detect/`), sorted. */
export function recordedDataNames(prefix: string): string[] {
  const folder = prefix.split('/')[0] as RecordedFolder;
  return [...archive(folder).keys()].filter((name) => name.startsWith(prefix)).sort();
}

export interface RecordedFile {
  /** `days/2024-03-12.json` */
  name: string;
  /** The list date the response answers, when it answers one. */
  date?: string;
  text: string;
}

let feedFiles: RecordedFile[] | undefined;

/** Every recorded response, `days/` then `raw/`, sorted by name. */
export function recordedFiles(): RecordedFile[] {
  feedFiles ??= ['days', 'raw'].flatMap((dir) =>
    recordedDataNames(`feed/${dir}/`)
      .filter((path) => path.endsWith('.json'))
      .map((path) => {
        const file = path.slice('feed/'.length);
        const date = /^\w+\/(\d{4}-\d{2}-\d{2})\.json$/.exec(file)?.[1];
        return { name: file, text: recordedData(path), ...(date ? { date } : {}) };
      }),
  );
  return feedFiles;
}

/** A recorded web page of ../shared/data/pages (`arxiv-abs-1902.02534-layout2026.html`), as text. */
export function recordedPage(name: string): string {
  return recordedData(`pages/${name}`);
}

/** A detection case page of ../shared/data/cases/detect (`01-arxiv-ftp-url.html`), as text. */
export function recordedCase(name: string): string {
  return recordedData(`cases/detect/${name}`);
}

/** One section of the public relatedness judgments (../shared/data/relatedness/SOURCES.md says how it was built). */
export interface JudgedSection {
  /** The awesome list it comes from (`owner/repo`), and the file and commit it was read at. */
  list: string;
  path: string;
  commit: string;
  /** The path of headings of the section (`Papers > 2. Efficient Attention > 2.1 Sparse Attention`). */
  heading: string;
  /** The section's arXiv ids that are in the recorded corpus. */
  ids: string[];
  /** How many arXiv ids the section lists before intersecting with the corpus. */
  all_ids_in_section: number;
  /** True for catch-all sections: leave them out of scoring. */
  broad: boolean;
}

/** The public relatedness judgments (`relatedness/sections.jsonl`), one section per line. */
export function judgedSections(): JudgedSection[] {
  return recordedData('relatedness/sections.jsonl')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JudgedSection);
}

/** The `days/` response for `date`, if recorded. */
export function recordedDay(date: string): string | undefined {
  return recordedFiles().find((f) => f.name === `days/${date}.json`)?.text;
}

/** `seenAt` of every recorded paper: they count as seen by one sync (not 0, which marks unconfirmed snapshot papers). */
export const RECORDED_SEEN_AT = 1;

let papers: Paper[] | undefined;

/**
 * Every distinct paper of the recorded responses (`days/`, `raw/`; ~9,500), as the extension's store would hold
 * them after one sync that fetched them all: each response is parsed with `parseFeed` (its `?date=` as the list
 * date when the file name gives one) and a paper seen in several responses is merged with the store's own rule,
 * `mergePaper` (the earliest list date wins with its day rank; other fields from the later list). Sorted by id, so
 * every run sees the same order. Throws when a recorded response does not parse. Cached: do not mutate.
 */
export function recordedPapers(): Paper[] {
  if (papers) return papers;
  const byId = new Map<string, Paper>();
  for (const file of recordedFiles()) {
    const r = parseFeed(file.text, { seenAt: RECORDED_SEEN_AT, ...(file.date ? { listDate: file.date } : {}) });
    if (!r.ok) throw new Error(`paper-radar test data: ${file.name}: ${r.reason}`);
    for (const p of r.papers) byId.set(p.id, mergePaper(byId.get(p.id), p));
  }
  papers = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  return papers;
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
