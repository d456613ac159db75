/** Quick stamps (`QuickStamps`) kept in a map, for tests of the index files. */
import type { QuickStamps } from '../../lib/background/search-service';

export function memoryStamps(): QuickStamps & { stamps: Map<string, string> } {
  const stamps = new Map<string, string>();
  return {
    stamps,
    get: async (name) => stamps.get(name),
    set: async (name, stamp) => {
      if (stamp === undefined) stamps.delete(name);
      else stamps.set(name, stamp);
    },
  };
}
