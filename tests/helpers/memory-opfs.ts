/**
 * A small in-memory stand-in for the origin-private file system's directory and file handles (the parts
 * `opfsIndexFiles` uses: `getDirectoryHandle`, `getFileHandle`, `removeEntry`, `getFile`, `createWritable` with
 * `write`/`close`/`abort`), so Node tests run the real OPFS code. A writable replaces the file only on `close`,
 * as browsers do. `failWrites` makes every `write` throw (a full disk, say).
 */
export interface MemoryOpfs {
  root: () => Promise<FileSystemDirectoryHandle>;
  /** Every file's bytes, by path (`indexes/related-index.bin`). */
  files: Map<string, Uint8Array>;
  failWrites: boolean;
}

const notFound = (name: string) => Object.assign(new Error(`${name} not found`), { name: 'NotFoundError' });

export function memoryOpfs(): MemoryOpfs {
  const state: MemoryOpfs = { root: async () => dir(''), files: new Map(), failWrites: false };
  const dirs = new Set<string>(['']);
  const dir = (path: string): FileSystemDirectoryHandle =>
    ({
      async getDirectoryHandle(name: string, options?: { create?: boolean }) {
        const child = `${path}${name}/`;
        if (!dirs.has(child)) {
          if (!options?.create) throw notFound(name);
          dirs.add(child);
        }
        return dir(child);
      },
      async getFileHandle(name: string, options?: { create?: boolean }) {
        const key = `${path}${name}`;
        if (!state.files.has(key)) {
          if (!options?.create) throw notFound(name);
          state.files.set(key, new Uint8Array(0));
        }
        return file(key);
      },
      async removeEntry(name: string) {
        if (!state.files.delete(`${path}${name}`)) throw notFound(name);
      },
    }) as unknown as FileSystemDirectoryHandle;
  const file = (key: string): FileSystemFileHandle =>
    ({
      async getFile() {
        const bytes = state.files.get(key);
        if (!bytes) throw notFound(key);
        return new Blob([bytes.slice()]);
      },
      async createWritable() {
        const chunks: Blob[] = [];
        return {
          async write(data: Blob | BufferSource) {
            if (state.failWrites) throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
            chunks.push(data instanceof Blob ? data : new Blob([data]));
          },
          async close() {
            state.files.set(key, new Uint8Array(await new Blob(chunks).arrayBuffer()));
          },
          async abort() {
            chunks.length = 0;
          },
        };
      },
    }) as unknown as FileSystemFileHandle;
  return state;
}
