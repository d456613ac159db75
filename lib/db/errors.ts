/**
 * Telling IndexedDB's failures apart: a full disk (the sync makes room or stops with a clear message) and a
 * database that cannot be opened at all (the background rebuilds it). Dexie wraps the browser's `DOMException`s,
 * so the errors it wraps are read too.
 */
import Dexie from 'dexie';

/**
 * `e` and the errors it wraps: Dexie's `inner`, a standard `cause` (set by `lib/db/queries.ts` to the transaction's
 * own error), and a `BulkError`'s first `failures`.
 */
function wrapped(e: unknown, depth = 0): { name?: unknown; message?: unknown }[] {
  const x = e as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown; failures?: unknown } | null;
  if (!x || typeof x !== 'object' || depth > 4) return [];
  const out = [x];
  for (const next of [x.inner, x.cause]) out.push(...wrapped(next, depth + 1));
  if (Array.isArray(x.failures)) for (const f of x.failures.slice(0, 3)) out.push(...wrapped(f, depth + 1));
  return out;
}

function names(e: unknown): string[] {
  return wrapped(e).flatMap((x) => (typeof x.name === 'string' ? [x.name] : []));
}

/**
 * Chromium's words when the disk itself is full: IndexedDB then fails with an `UnknownError` naming LevelDB's
 * `FILE_ERROR_NO_SPACE` (and closes the connection) rather than a `QuotaExceededError` (seen in
 * tests/e2e/storage-faults.e2e.test.ts).
 */
const NO_SPACE = /FILE_ERROR_NO_SPACE|No space left|disk is full/i;

/**
 * Whether `e` (or an error it wraps) says storage is full: the quota exceeded (by error name, `QuotaExceededError`,
 * never by message text, which differs between browsers), or Chromium's error naming LevelDB's no-space error (an
 * `UnknownError`, or Dexie's wrapper of it: the one case whose only mark is its message).
 */
export function isQuotaError(e: unknown): boolean {
  return wrapped(e).some(
    (x) => x.name === Dexie.errnames.QuotaExceeded || (typeof x.message === 'string' && NO_SPACE.test(x.message)),
  );
}

/**
 * Whether `e` says the database itself is unusable: it cannot be opened (`OpenFailedError`, a newer schema
 * version on disk `VersionError`, a damaged backing store `UnknownError`/`DataError` while opening) or it was
 * closed under us (`DatabaseClosedError`, `InvalidStateError`). A full disk is not: that is `isQuotaError`.
 */
export function isBrokenDatabaseError(e: unknown): boolean {
  if (isQuotaError(e)) return false;
  const n = names(e);
  return ['OpenFailedError', 'VersionError', 'DatabaseClosedError', 'InvalidStateError', 'UnknownError'].some((k) =>
    n.includes(k),
  );
}
