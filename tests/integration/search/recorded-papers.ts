/** Every distinct paper of the recorded Daily Papers responses, as the search index would hold them. */
import type { Paper } from '../../../lib/feed/paper';
import { assignDayRanks, parseFeed } from '../../../lib/feed/parse';
import { recordedFiles } from '../../helpers/recorded-feed';

let cache: Paper[] | undefined;

/**
 * The papers of all recorded responses (`days/`, `raw/`), parsed with `parseFeed`. A paper listed more than once
 * keeps the occurrence with the latest list date (then the most upvotes), as repeated syncs would; day ranks are
 * recomputed over the whole set. Sorted by id.
 */
export function recordedPapers(): Paper[] {
  if (cache) return cache;
  const byId = new Map<string, Paper>();
  for (const file of recordedFiles()) {
    const r = parseFeed(file.text, { seenAt: 0, ...(file.date ? { listDate: file.date } : {}) });
    if (!r.ok) throw new Error(`${file.name}: ${r.reason}`);
    for (const p of r.papers) {
      const old = byId.get(p.id);
      if (!old || old.listDate < p.listDate || (old.listDate === p.listDate && old.upvotes < p.upvotes))
        byId.set(p.id, p);
    }
  }
  cache = assignDayRanks([...byId.values()].sort((a, b) => a.id.localeCompare(b.id)));
  return cache;
}
