/**
 * The names of the persisted index files (`index-files.ts`) and of their stamps' quick copies, in a module of their
 * own so a page reading the files (`lib/ext/related-local.ts`) does not pull in the search service, the database or
 * MiniSearch.
 */

/** The blob (and index file) holding the serialized MiniSearch index. */
export const INDEX_BLOB = 'search-index';
/** The blob (and index file) holding the related-papers index (typed arrays, stored by structured clone). */
export const RELATED_BLOB = 'related-index';

/**
 * The index file of the related papers' rows (`related-rows.ts`): what a related reply takes from each paper's
 * record, so a woken worker answers before its database is open. A file only (no record where files fail).
 */
export const RELATED_ROWS = 'related-rows';

/**
 * The index file of the title matcher's entries (`title-entries.ts`): every stored paper's id, title and first
 * authors, so a woken worker's title matcher does not read every whole record. A file only, trusted only through
 * its quick stamp (cleared before every change of the store, as the rows file's is).
 */
export const TITLE_ENTRIES = 'title-entries';
