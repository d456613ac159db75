/**
 * The benchmark corpora, all derived from the real recorded feed in ../shared/data/feed.
 *
 * `realPapers()`: every distinct paper of every recorded response (~9,500).
 * `scaledPapers(n)`: `n` papers made from the real ones by cycling through them; copy k > 0 of a paper gets a new,
 * valid and unused id (`<15+k><month>.<5-digit sequence>`: years 2016–2020, which the feed never
 * lists), its title suffixed with words from another real title, and its list date shifted back k×7 days — sizes and text statistics stay those of the real feed.
 */
import { addDays } from '../lib/feed/dates';
import type { Paper } from '../lib/feed/paper';
import { recordedPapers } from '../tests/helpers/recorded-feed';

// The recorded corpus is read by the loader the tests and eval use, so benchmarks, tests and eval see one corpus.
export { recordedFiles as recordedResponses } from '../tests/helpers/recorded-feed';

/** Every distinct paper of the recorded feed (`recordedPapers`: the store's merge rule). */
export const realPapers = recordedPapers;

export function scaledPapers(n: number): Paper[] {
  const base = realPapers();
  const out: Paper[] = [];
  for (let i = 0; i < n; i++) {
    const p = base[i % base.length]!;
    const k = Math.floor(i / base.length);
    if (k === 0) {
      out.push(p);
      continue;
    }
    const donor = base[(i * 7919) % base.length]!.title.split(' ');
    out.push({
      ...p,
      id: `${String(15 + k)}${String((i % 12) + 1).padStart(2, '0')}.${String(i).padStart(5, '0')}`,
      title: `${p.title} ${donor.slice(-3).join(' ')}`,
      listDate: addDays(p.listDate, -7 * k),
    });
  }
  return out;
}
