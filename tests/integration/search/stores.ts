/** Fresh stores for the search service's integration tests. */
import { afterEach } from 'vitest';
import { createDatabase, type PaperRadarDB } from '../../../lib/db/database';
import type { Paper } from '../../../lib/feed/paper';
import { upsertPapers } from '../../../lib/db/queries';
import { CORPUS } from '../../unit/search/fixtures';

/**
 * For one test file: a function that opens a new database named `<prefix>-<n>` holding `papers` (the fixture
 * corpus by default). Every database it opened is deleted after each test.
 */
export function testStores(prefix: string): (papers?: readonly Paper[]) => Promise<PaperRadarDB> {
  let n = 0;
  const open: PaperRadarDB[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.delete()));
  });
  return async (papers = CORPUS) => {
    const db = createDatabase(`${prefix}-${++n}`);
    open.push(db);
    await upsertPapers(db, [...papers]);
    return db;
  };
}
