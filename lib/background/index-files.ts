/**
 * Where the persisted search indexes live: files in the origin-private file system (OPFS), one per index, in the
 * `index-file.ts` container. Read in one call (`getFile().arrayBuffer()`) and never part of the database, so the
 * database stays small and opens fast (at 50,000 papers it held 67 MB of index records and took ~1.9 s to open).
 * Where the browser has no OPFS (or refuses it), `openIndexFiles` answers undefined and the search service keeps
 * the indexes as IndexedDB records, as before.
 */
import { decodeIndexFile, encodeIndexFile, type IndexFileValue } from '../search/index-file';

/** The persisted indexes' files, by name. */
export interface IndexFiles {
  /**
   * The file `name`'s record, or undefined when there is no such file. Throws an `IndexFileError` when the file is
   * there but damaged (see `decodeIndexFile`), and the storage's own error when it cannot be read.
   */
  read(name: string): Promise<IndexFileValue | undefined>;
  /**
   * The file `name` itself, for reading parts of it (`openIndexFileParts`), or undefined when there is none; the
   * storage's own error when it cannot be opened.
   */
  file(name: string): Promise<Blob | undefined>;
  /** Replaces the file `name` with `value` as a whole: a reader sees the old file or the new one, never a part. */
  write(name: string, value: IndexFileValue): Promise<void>;
  /** Deletes the file `name`; nothing when there is none. */
  remove(name: string): Promise<void>;
}

/** The folder of the OPFS root the index files are kept in. */
export const INDEX_FOLDER = 'indexes';

const isNotFound = (e: unknown) => e instanceof Error && e.name === 'NotFoundError';

/**
 * The index files in the OPFS folder `INDEX_FOLDER` of `root` (default: `navigator.storage.getDirectory()`).
 * Writes go through `createWritable`, which writes a swap file and replaces the file on `close` (so a worker
 * stopped mid-write leaves the old file); `createSyncAccessHandle` is for dedicated workers only.
 */
export function opfsIndexFiles(root: () => Promise<FileSystemDirectoryHandle>): IndexFiles {
  let folder: Promise<FileSystemDirectoryHandle> | undefined;
  const dir = () => {
    folder ??= root().then((r) => r.getDirectoryHandle(INDEX_FOLDER, { create: true }));
    // A failure is not kept: the next call tries again.
    folder.catch(() => (folder = undefined));
    return folder;
  };
  const fileOf = (name: string) => `${name}.bin`;
  const open = async (name: string): Promise<Blob | undefined> => {
    try {
      return await (await (await dir()).getFileHandle(fileOf(name))).getFile();
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  };
  return {
    async read(name) {
      const file = await open(name);
      return file ? decodeIndexFile(await file.arrayBuffer()) : undefined;
    },
    file: open,
    async write(name, value) {
      const handle = await (await dir()).getFileHandle(fileOf(name), { create: true });
      const writable = await handle.createWritable();
      try {
        await writable.write(new Blob(encodeIndexFile(value) as BlobPart[]));
        await writable.close();
      } catch (e) {
        await writable.abort().catch(() => undefined);
        throw e;
      }
    },
    async remove(name) {
      try {
        await (await dir()).removeEntry(fileOf(name));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  };
}

/**
 * The OPFS index files when this context has OPFS with writable files (`navigator.storage.getDirectory` and
 * `FileSystemFileHandle.prototype.createWritable`), else undefined: the caller keeps its IndexedDB records.
 * Whether the browser then lets this origin use it shows on first use (a refusal is an error there, which the
 * search service answers by falling back to the records).
 */
export function openIndexFiles(scope: typeof globalThis = globalThis): IndexFiles | undefined {
  const storage = (scope.navigator as Navigator | undefined)?.storage;
  const handle = (scope as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle;
  if (typeof storage?.getDirectory !== 'function' || !handle || !('createWritable' in handle.prototype)) {
    return undefined;
  }
  return opfsIndexFiles(() => storage.getDirectory());
}
