import { describe, expect, it } from 'vitest';
import { INDEX_FOLDER, openIndexFiles, opfsIndexFiles } from '../../../lib/background/index-files';
import { IndexFileError } from '../../../lib/search/index-file';
import { memoryOpfs } from '../../helpers/memory-opfs';

const VALUE = { format: 'x', version: 1, ids: new Int32Array([4, 5, 6]) };

describe('opfsIndexFiles', () => {
  it('writes a file in the index folder, reads it back and removes it', async () => {
    const opfs = memoryOpfs();
    const files = opfsIndexFiles(opfs.root);
    expect(await files.read('related-index')).toBeUndefined();
    await files.write('related-index', VALUE);
    expect([...opfs.files.keys()]).toEqual([`${INDEX_FOLDER}/related-index.bin`]);
    expect(await files.read('related-index')).toEqual(VALUE);
    await files.remove('related-index');
    expect(opfs.files.size).toBe(0);
    expect(await files.read('related-index')).toBeUndefined();
    // Removing what is not there is nothing.
    await files.remove('related-index');
  });

  it('throws an IndexFileError for a damaged file, and the storage’s error for a failed write', async () => {
    const opfs = memoryOpfs();
    const files = opfsIndexFiles(opfs.root);
    await files.write('search-index', VALUE);
    const key = `${INDEX_FOLDER}/search-index.bin`;
    opfs.files.set(key, opfs.files.get(key)!.subarray(0, 40));
    await expect(files.read('search-index')).rejects.toThrow(IndexFileError);
    await expect(files.read('search-index')).rejects.toThrow(/index file: length 40, the header says/);
    opfs.failWrites = true;
    await expect(files.write('search-index', VALUE)).rejects.toThrow(/disk full/);
    // The failed write left the file as it was (a writable replaces it only when closed).
    expect(opfs.files.get(key)).toHaveLength(40);
  });

  it('tries the root again after it was refused', async () => {
    const opfs = memoryOpfs();
    let refuse = true;
    const files = opfsIndexFiles(async () => {
      if (refuse) throw Object.assign(new Error('not allowed'), { name: 'SecurityError' });
      return opfs.root();
    });
    await expect(files.read('related-index')).rejects.toThrow(/not allowed/);
    refuse = false;
    await files.write('related-index', VALUE);
    expect(await files.read('related-index')).toEqual(VALUE);
  });
});

describe('openIndexFiles', () => {
  const scope = (navigator: unknown, handle?: unknown) =>
    ({ navigator, FileSystemFileHandle: handle }) as unknown as typeof globalThis;
  const writable = { prototype: { createWritable() {} } };

  it('answers undefined where there is no OPFS, or no writable files (the caller keeps IndexedDB records)', () => {
    expect(openIndexFiles(scope(undefined, writable))).toBeUndefined();
    expect(openIndexFiles(scope({ storage: {} }, writable))).toBeUndefined();
    expect(openIndexFiles(scope({ storage: { getDirectory() {} } }, undefined))).toBeUndefined();
    expect(openIndexFiles(scope({ storage: { getDirectory() {} } }, { prototype: {} }))).toBeUndefined();
  });

  it('answers the OPFS index files where both are there', async () => {
    const opfs = memoryOpfs();
    const files = openIndexFiles(scope({ storage: { getDirectory: opfs.root } }, writable));
    expect(files).toBeDefined();
    await files!.write('related-index', VALUE);
    expect(opfs.files.size).toBe(1);
  });
});
