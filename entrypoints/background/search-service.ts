/** Placeholder until lib/search lands: the background's search and related-paper answers. */
import type { PaperRadarDB } from '../../lib/db/database';
import type { PaperHit, Source } from '../../lib/ext/protocol';

export function createSearchService(_db: PaperRadarDB) {
  return {
    async rebuild(): Promise<void> {},
    async search(_query: string, _limit = 20): Promise<PaperHit[]> {
      return [];
    },
    async related(_source: Source | undefined, _limit = 10): Promise<PaperHit[]> {
      return [];
    },
  };
}
