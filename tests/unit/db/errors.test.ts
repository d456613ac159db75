import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { isBrokenDatabaseError, isQuotaError } from '../../../lib/db/errors';

/** A Dexie write failure as Chromium gives it on a full disk: the failed requests, and the transaction's cause. */
function fullDisk(cause: DOMException): Error {
  const e = new Dexie.BulkError('papers.bulkPut(): 1911 of 2000 operations failed', [
    new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError'),
  ]);
  (e as { cause?: unknown }).cause = cause;
  return e;
}

describe('isQuotaError', () => {
  it.each([
    ['a QuotaExceededError', new DOMException('quota', 'QuotaExceededError')],
    ['Dexie wrapping one', new Dexie.AbortError('aborted', new DOMException('quota', 'QuotaExceededError'))],
    ['a bulk write whose transaction hit the quota', fullDisk(new DOMException('x', 'QuotaExceededError'))],
    [
      "Chromium's full disk (message recorded in tests/e2e/storage-faults)",
      fullDisk(
        new DOMException(
          'Connection is closing because of: IO error: .../chrome-extension_x_0.indexeddb.leveldb/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)',
          'UnknownError',
        ),
      ),
    ],
  ])('recognizes %s', (_what, e) => {
    expect(isQuotaError(e)).toBe(true);
    expect(isBrokenDatabaseError(e)).toBe(false);
  });

  it.each([
    ['a constraint error', new DOMException('key exists', 'ConstraintError')],
    ['an abort of another cause', fullDisk(new DOMException('version change', 'AbortError'))],
    ['not an error', 'QuotaExceededError'],
  ])('does not take %s for a full disk', (_what, e) => {
    expect(isQuotaError(e)).toBe(false);
  });
});

describe('isBrokenDatabaseError', () => {
  it.each([
    ['an open failure', new Dexie.OpenFailedError('cannot open', new DOMException('x', 'UnknownError'))],
    ['a newer schema on disk', new DOMException('version', 'VersionError')],
    ['a closed database', new Dexie.DatabaseClosedError('closed')],
  ])('recognizes %s', (_what, e) => {
    expect(isBrokenDatabaseError(e)).toBe(true);
  });
  it('does not take a constraint error for a broken database', () => {
    expect(isBrokenDatabaseError(new DOMException('key exists', 'ConstraintError'))).toBe(false);
  });
});
