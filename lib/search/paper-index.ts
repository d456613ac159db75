/**
 * The typed-search index of the papers: built by the background, brought up to date after each sync
 * (`updateIndex`: only new, changed and removed papers are touched), serialized to one JSON string for IndexedDB, and
 * loaded (never rebuilt) when the service worker restarts.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { Paper } from '../feed/paper';
import { indexOptions, searchSignature, type StoredPaper } from './options';
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

/**
 * A loaded or freshly built index. Only `updateIndex` and `addToIndex` change its engine (and then hand back a new
 * `PaperIndex` over it); treat it as read-only otherwise.
 */
export interface PaperIndex {
  /** The MiniSearch instance, configured with `indexOptions(abstractStopTerms)`. */
  readonly engine: MiniSearch<Paper>;
  /**
   * Term → number of papers whose title, keywords or abstract contain it (authors are not counted), for the
   * inverse document frequency of "more like this" queries. Terms found in exactly one paper are not kept (to
   * keep the persisted index small): `documentFrequency` answers 1 for any term it does not hold.
   */
  readonly docFreq: ReadonlyMap<string, number>;
  /** The newest `listDate` among the papers, `''` for an empty index: the default "now" for recency. */
  readonly latestListDate: string;
  /** The common terms left out of abstracts (see `COMMON_TERM_RATIO`), as chosen by the last full build. */
  readonly abstractStopTerms: ReadonlySet<string>;
  /** How many papers the last full build indexed (`updateIndex` builds afresh once the count drifts far from it). */
  readonly builtWith: number;
}

/** `loadIndex`'s answer: the index, or why the stored string cannot be used (then rebuild it from the papers). */
export type LoadIndexResult = { ok: true; index: PaperIndex } | { ok: false; reason: string };

interface SerializedIndex {
  format: typeof FORMAT_NAME;
  version: number;
  latestListDate: string;
  abstractStopTerms: string[];
  builtWith: number;
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

/**
 * Term → number of papers whose title, keywords or abstract contain it, for terms in 2 or more papers (`docFreq`).
 * Analyzes every paper; `buildIndex` and `updateIndex` take these counts ready-made when the caller has them (the
 * related-papers index counts the same terms: `docFreqOf` in `./related-index`).
 */
export function countDocFreq(papers: Iterable<Paper>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of papers) {
    const terms = new Set(analyze(`${p.title} ; ${p.keywords.join(' ; ')} ; ${p.abstract}`));
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  for (const [t, n] of counts) if (n < 2) counts.delete(t);
  return counts;
}

function lastById(papers: Iterable<Paper>): Map<string, Paper> {
  const byId = new Map<string, Paper>();
  for (const p of papers) {
    byId.delete(p.id);
    byId.set(p.id, p);
  }
  return byId;
}

function newestListDate(papers: Iterable<Paper>): string {
  let latest = '';
  for (const p of papers) if (p.listDate > latest) latest = p.listDate;
  return latest;
}

/**
 * Builds the index of `papers`: title, keywords, abstract, authors and organization searchable (common terms, see
 * `COMMON_TERM_RATIO`, left out of abstracts); title, upvotes, list date, day rank and `searchSignature` stored. When
 * an id occurs more than once the last occurrence wins. `docFreq` (see `countDocFreq`) saves one analysis pass when
 * the caller has it. Synchronous and CPU-bound (seconds for 10,000 papers, see `bench/search-node.ts`): run it in the
 * background, never when the popup opens.
 */
export function buildIndex(papers: Iterable<Paper>, docFreq?: ReadonlyMap<string, number>): PaperIndex {
  const byId = lastById(papers);
  const counts = docFreq ?? countDocFreq(byId.values());
  const common = thresholdFor(byId.size, COMMON_TERM_RATIO);
  const abstractStopTerms = new Set([...counts].filter(([, n]) => n > common).map(([t]) => t));
  const engine = new MiniSearch<Paper>(indexOptions(abstractStopTerms));
  engine.addAll([...byId.values()]);
  return {
    engine,
    docFreq: new Map(counts),
    latestListDate: newestListDate(byId.values()),
    abstractStopTerms,
    builtWith: byId.size,
  };
}

/**
 * The index drifts from a fresh build when the number of papers moves by more than this share since its last full
 * build (its common terms were chosen for another corpus size): `updateIndex` then builds afresh.
 */
export const REBUILD_DRIFT = 0.25;

/** What `updateIndex` did. */
export interface IndexUpdate {
  index: PaperIndex;
  /** `true` when it built afresh (see `REBUILD_DRIFT`), else the papers it added, replaced and removed. */
  rebuilt: boolean;
  added: number;
  replaced: number;
  removed: number;
}

/**
 * Brings `previous` up to `papers`: adds new papers, replaces changed ones (`searchSignature`), removes gone ones,
 * and keeps the rest as indexed — a sync's work instead of the whole corpus's. Builds afresh (`buildIndex`) instead
 * when the paper count moved by more than `REBUILD_DRIFT` since `previous`'s last full build. `previous.engine` is
 * updated in place and must not be used through `previous` afterwards. Searches give the same results as on a fresh
 * build except where the common terms a fresh build would choose differ (bounded by `REBUILD_DRIFT`).
 */
export function updateIndex(
  previous: PaperIndex,
  papers: Iterable<Paper>,
  docFreq?: ReadonlyMap<string, number>,
): IndexUpdate {
  const byId = lastById(papers);
  if (Math.abs(byId.size - previous.builtWith) > REBUILD_DRIFT * Math.max(1, previous.builtWith)) {
    return { index: buildIndex(byId.values(), docFreq), rebuilt: true, added: byId.size, replaced: 0, removed: 0 };
  }
  const { engine } = previous;
  let added = 0;
  let replaced = 0;
  let removed = 0;
  for (const r of engine.search(MiniSearch.wildcard)) {
    const id = String(r.id);
    if (!byId.has(id)) {
      engine.discard(id);
      removed++;
    }
  }
  for (const p of byId.values()) {
    const stored = engine.getStoredFields(p.id) as Partial<StoredPaper> | undefined;
    if (stored === undefined) {
      engine.add(p);
      added++;
    } else if (stored.sig !== searchSignature(p)) {
      engine.replace(p);
      replaced++;
    }
  }
  return {
    index: {
      engine,
      docFreq: new Map(docFreq ?? countDocFreq(byId.values())),
      latestListDate: newestListDate(byId.values()),
      abstractStopTerms: previous.abstractStopTerms,
      builtWith: previous.builtWith,
    },
    rebuilt: false,
    added,
    replaced,
    removed,
  };
}

/**
 * Adds `papers` to `previous`: new ones added, ones whose `searchSignature` changed replaced, the rest left; the
 * newest list date follows. Common terms and document frequencies stay those of the last build (a sync's
 * `updateIndex` afterwards brings them up to date). Cost: the given papers only. Like `updateIndex`, it changes
 * `previous.engine` in place and hands back the index over it, with how many papers were added or replaced.
 */
export function addToIndex(previous: PaperIndex, papers: Iterable<Paper>): { index: PaperIndex; changed: number } {
  const { engine } = previous;
  let latestListDate = previous.latestListDate;
  let changed = 0;
  for (const p of lastById(papers).values()) {
    const stored = engine.getStoredFields(p.id) as Partial<StoredPaper> | undefined;
    if (stored === undefined) engine.add(p);
    else if (stored.sig !== searchSignature(p)) engine.replace(p);
    else continue;
    changed++;
    if (p.listDate > latestListDate) latestListDate = p.listDate;
  }
  return { index: { ...previous, latestListDate }, changed };
}

/** The index as one JSON string, to persist and later pass to `loadIndex`. */
export function serializeIndex(index: PaperIndex): string {
  const data: SerializedIndex = {
    format: FORMAT_NAME,
    version: INDEX_FORMAT_VERSION,
    latestListDate: index.latestListDate,
    abstractStopTerms: [...index.abstractStopTerms],
    builtWith: index.builtWith,
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
  if (!Array.isArray(d.abstractStopTerms) || typeof d.builtWith !== 'number') {
    return { ok: false, reason: 'search index: abstractStopTerms or builtWith missing' };
  }
  return { ok: true, data: d as SerializedIndex };
}

function assemble(data: SerializedIndex, engine: MiniSearch<Paper>): PaperIndex {
  return {
    engine,
    docFreq: new Map(Object.entries(data.docFreq)),
    latestListDate: typeof data.latestListDate === 'string' ? data.latestListDate : '',
    abstractStopTerms: new Set(data.abstractStopTerms),
    builtWith: data.builtWith,
  };
}

/**
 * Loads a string made by `serializeIndex`, synchronously (parses once; MiniSearch's `loadJS` with the options it was
 * built with, `indexOptions(abstractStopTerms)`, so that `updateIndex` adds papers to it as the build did).
 * Returns `{ ok: false, reason }` for a string that is not JSON, not a search index, of another
 * `INDEX_FORMAT_VERSION`, or that MiniSearch rejects: the caller should then rebuild.
 */
export function loadIndex(json: string): LoadIndexResult {
  const checked = checkEnvelope(json);
  if (!checked.ok) return checked;
  try {
    const options = indexOptions(new Set(checked.data.abstractStopTerms));
    return { ok: true, index: assemble(checked.data, MiniSearch.loadJS<Paper>(checked.data.engine, options)) };
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
    const options = indexOptions(new Set(checked.data.abstractStopTerms));
    const engine = await MiniSearch.loadJSAsync<Paper>(checked.data.engine, options);
    return { ok: true, index: assemble(checked.data, engine) };
  } catch (e) {
    return { ok: false, reason: `search index: ${(e as Error).message}` };
  }
}
