/**
 * The search index of the papers: built by the background after each sync, serialized to one JSON string for
 * IndexedDB, and loaded (never rebuilt) by the popup and the content script.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { Paper } from '../feed/paper';
import { INDEX_OPTIONS, indexOptions } from './options';
import { analyze } from './text';

/**
 * Version of the serialized form. Bump it whenever `INDEX_OPTIONS`, the analysis in `./text` or the envelope
 * changes: `loadIndex` then answers `{ ok: false }` and the caller rebuilds from the database.
 */
export const INDEX_FORMAT_VERSION = 2;

/**
 * Share of the papers above which a term is common (`generation`, `benchmark`, `reasoning`… in the recorded feed;
 * see `commonThreshold`). Common terms are not indexed in abstracts, where they are weak evidence with the longest
 * posting lists; typed and related queries match them in titles and keywords only.
 */
export const COMMON_TERM_RATIO = 0.05;

const FORMAT_NAME = 'paper-radar/search-index';

/** A loaded or freshly built index. Treat as immutable: rebuild rather than add papers to it. */
export interface PaperIndex {
  /** The MiniSearch instance, configured with `INDEX_OPTIONS`. */
  readonly engine: MiniSearch<Paper>;
  /**
   * Term → number of papers whose title, keywords or abstract contain it (authors are not counted), for the
   * inverse document frequency of "more like this" queries. Terms found in exactly one paper are not kept (to
   * keep the persisted index small): `documentFrequency` answers 1 for any term it does not hold.
   */
  readonly docFreq: ReadonlyMap<string, number>;
  /** The newest `listDate` among the papers, `''` for an empty index: the default "now" for recency. */
  readonly latestListDate: string;
}

/** `loadIndex`'s answer: the index, or why the stored string cannot be used (then rebuild it from the papers). */
export type LoadIndexResult = { ok: true; index: PaperIndex } | { ok: false; reason: string };

interface SerializedIndex {
  format: typeof FORMAT_NAME;
  version: number;
  latestListDate: string;
  /** `[term, documentFrequency]` pairs with a frequency of 2 or more. */
  docFreq: Record<string, number>;
  engine: AsPlainObject;
}

/**
 * Number of indexed papers containing `term` (a processed term, as `analyze` returns) in their title, keywords or
 * abstract. Answers 1 for terms the index does not list, which includes terms no paper contains: a caller that
 * needs to tell them apart must search for them.
 */
export function documentFrequency(index: PaperIndex, term: string): number {
  return index.docFreq.get(term) ?? 1;
}

/**
 * A term is never treated as common (dropped or kept out of abstracts by related and typed queries) while it occurs
 * in at most this many papers, however small the index: in a 40-paper index, 5 % would be 2 papers.
 */
export const COMMON_TERM_MIN_DOCS = 50;

/**
 * The document frequency above which a term counts as common for `ratio` (a share of the indexed papers):
 * `max(COMMON_TERM_MIN_DOCS, ratio × documentCount)`.
 */
export function commonThreshold(index: PaperIndex, ratio: number): number {
  return thresholdFor(index.engine.documentCount, ratio);
}

function thresholdFor(documentCount: number, ratio: number): number {
  return Math.max(COMMON_TERM_MIN_DOCS, ratio * documentCount);
}

/** Whether `term` is common in the index: its document frequency is above `commonThreshold(COMMON_TERM_RATIO)`. */
export function isCommonTerm(index: PaperIndex, term: string): boolean {
  return documentFrequency(index, term) > commonThreshold(index, COMMON_TERM_RATIO);
}

function countDocFreq(papers: Iterable<Paper>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of papers) {
    const terms = new Set(analyze(`${p.title} ; ${p.keywords.join(' ; ')} ; ${p.abstract}`));
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  for (const [t, n] of counts) if (n < 2) counts.delete(t);
  return counts;
}

/**
 * Builds the index of `papers`: title, keywords, abstract and authors searchable (common terms, see
 * `COMMON_TERM_RATIO`, left out of abstracts); title, upvotes, list date and day rank stored. When an id occurs more
 * than once the last occurrence wins. Synchronous and CPU-bound (seconds for 10,000 papers, see
 * `bench/search-node.ts`): run it in the background after a sync, never when the popup opens.
 */
export function buildIndex(papers: Iterable<Paper>): PaperIndex {
  const byId = new Map<string, Paper>();
  for (const p of papers) {
    byId.delete(p.id);
    byId.set(p.id, p);
  }
  const docFreq = countDocFreq(byId.values());
  const common = thresholdFor(byId.size, COMMON_TERM_RATIO);
  const abstractStopTerms = new Set([...docFreq].filter(([, n]) => n > common).map(([t]) => t));
  const engine = new MiniSearch<Paper>(indexOptions(abstractStopTerms));
  engine.addAll([...byId.values()]);
  let latestListDate = '';
  for (const p of byId.values()) if (p.listDate > latestListDate) latestListDate = p.listDate;
  return { engine, docFreq, latestListDate };
}

/** The index as one JSON string, to persist and later pass to `loadIndex`. */
export function serializeIndex(index: PaperIndex): string {
  const data: SerializedIndex = {
    format: FORMAT_NAME,
    version: INDEX_FORMAT_VERSION,
    latestListDate: index.latestListDate,
    docFreq: Object.fromEntries(index.docFreq),
    engine: index.engine.toJSON(),
  };
  return JSON.stringify(data);
}

function checkEnvelope(json: string): { ok: true; data: SerializedIndex } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, reason: `search index: not JSON (${(e as Error).message})` };
  }
  const d = data as Partial<SerializedIndex> | null;
  if (typeof d !== 'object' || d === null || d.format !== FORMAT_NAME) {
    return { ok: false, reason: 'search index: not a Paper Radar search index' };
  }
  if (d.version !== INDEX_FORMAT_VERSION) {
    return { ok: false, reason: `search index: format version ${String(d.version)}, expected ${INDEX_FORMAT_VERSION}` };
  }
  if (typeof d.engine !== 'object' || d.engine === null || typeof d.docFreq !== 'object' || d.docFreq === null) {
    return { ok: false, reason: 'search index: engine or docFreq missing' };
  }
  return { ok: true, data: d as SerializedIndex };
}

function assemble(data: SerializedIndex, engine: MiniSearch<Paper>): PaperIndex {
  return {
    engine,
    docFreq: new Map(Object.entries(data.docFreq)),
    latestListDate: typeof data.latestListDate === 'string' ? data.latestListDate : '',
  };
}

/**
 * Loads a string made by `serializeIndex`, synchronously (parses once; MiniSearch's `loadJS` with `INDEX_OPTIONS`).
 * Returns `{ ok: false, reason }` for a string that is not JSON, not a search index, of another
 * `INDEX_FORMAT_VERSION`, or that MiniSearch rejects: the caller should then rebuild.
 */
export function loadIndex(json: string): LoadIndexResult {
  const checked = checkEnvelope(json);
  if (!checked.ok) return checked;
  try {
    return { ok: true, index: assemble(checked.data, MiniSearch.loadJS<Paper>(checked.data.engine, INDEX_OPTIONS)) };
  } catch (e) {
    return { ok: false, reason: `search index: ${(e as Error).message}` };
  }
}

/**
 * Like `loadIndex`, but MiniSearch rebuilds its tree in batches that yield to the event loop (`loadJSAsync`), so a
 * large index does not freeze a page. The JSON parse itself is still one synchronous step.
 */
export async function loadIndexAsync(json: string): Promise<LoadIndexResult> {
  const checked = checkEnvelope(json);
  if (!checked.ok) return checked;
  try {
    const engine = await MiniSearch.loadJSAsync<Paper>(checked.data.engine, INDEX_OPTIONS);
    return { ok: true, index: assemble(checked.data, engine) };
  } catch (e) {
    return { ok: false, reason: `search index: ${(e as Error).message}` };
  }
}
