/**
 * A page's own related answer from the persisted files, for when the service worker is asleep: Chrome stops an idle
 * worker after ~30 s, and a woken one answers a popup only after its start (~200 ms from its start to its first
 * line of code here), its bundle's evaluation and its own read of the same files. The page reads the related index
 * file and the related rows file from the extension's origin-private file system (`lib/background/index-files.ts`),
 * trusts them only when both stamps are their quick stamps (`storage.local`, written by the worker after each file
 * and cleared before every change of the store), and answers exactly as the worker would from those files
 * (`relatedFromRows`). Nothing leaves the browser; nothing is written.
 *
 * Loaded by a dynamic `import()` so the popup's first bundle does not carry the ranking code.
 */
import { openIndexFiles, type IndexFiles } from '../background/index-files';
import { RELATED_BLOB, RELATED_ROWS } from '../background/index-names';
import { relatedFromRows, type RelatedList } from '../background/related-answer';
import { openStampedRows } from '../background/related-rows';
import type { RelatedSource } from '../search/related';
import { loadRelatedIndex } from '../search/related-index';
import { quickStamps } from './storage';

/** The persisted related index and rows files, opened in this page: answers related lists as the worker would. */
export interface LocalRelated {
  /**
   * The related list of `source` (at most `limit` papers), or undefined when the reply would not be a related list
   * (nothing close: trending instead, which needs the database). Throws an `IndexFileError` on a damaged row.
   */
  related(source: RelatedSource, limit: number): Promise<RelatedList | undefined>;
}

/**
 * Opens the persisted related files in this page, or undefined when they cannot answer: no index files here, a
 * file missing or not vouched for by its quick stamp (a sync under way, a rebuild not yet written), or `wanted()`
 * turned false before a costly step (the worker answered first). `files`: the index files (default: this page's
 * OPFS). Throws on a damaged file or a storage error (the caller falls back to the worker).
 */
export async function openLocalRelated(
  wanted: () => boolean = () => true,
  files: IndexFiles | undefined = openIndexFiles(),
): Promise<LocalRelated | undefined> {
  if (!files) return undefined;
  const [indexStamp, rowsStamp] = await Promise.all([quickStamps.get(RELATED_BLOB), quickStamps.get(RELATED_ROWS)]);
  if (indexStamp === undefined || rowsStamp === undefined || !wanted()) return undefined;
  const [value, rowsFile] = await Promise.all([files.read(RELATED_BLOB), files.file(RELATED_ROWS)]);
  if (!value || value.stamp !== indexStamp || !rowsFile || !wanted()) return undefined;
  const loaded = loadRelatedIndex(value);
  if (!loaded.ok) return undefined;
  const rows = await openStampedRows(rowsFile, rowsStamp);
  if (!rows || !wanted()) return undefined;
  const index = loaded.index;
  return { related: (source, limit) => relatedFromRows(index, rows, source, limit) };
}

/** `openLocalRelated`, then the related list of `source` from it (see `LocalRelated.related`). */
export async function relatedFromFiles(
  source: RelatedSource,
  limit: number,
  wanted: () => boolean = () => true,
  files: IndexFiles | undefined = openIndexFiles(),
): Promise<RelatedList | undefined> {
  const local = await openLocalRelated(wanted, files);
  return local?.related(source, limit);
}
