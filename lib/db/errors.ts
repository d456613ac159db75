/**
 * Telling IndexedDB's failures apart: a full disk (the sync makes room or stops with a clear message) and a
 * database that cannot be opened at all (the background rebuilds it). Dexie wraps the browser's `DOMException`s,
 * so both the outer error's name and its `inner` one are read.
 */
import Dexie from 'dexie';

function names(e: unknown): string[] {
  const out: string[] = [];
  for (let x = e as { name?: unknown; inner?: unknown } | null | undefined, i = 0; x && i < 4; i++) {
    if (typeof x.name === 'string') out.push(x.name);
    x = x.inner as typeof x;
  }
  return out;
}

/** Whether `e` (or the error it wraps) is the browser's storage quota being exceeded. */
export function isQuotaError(e: unknown): boolean {
  return names(e).includes('QuotaExceededError') || (e instanceof Dexie.DexieError && /quota/i.test(e.message));
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
