/**
 * The benchmark corpora, all derived from the real recorded feed in ../shared/data/feed.
 *
 * `realPapers()`: every distinct paper of every recorded response (~9,500).
 * `scaledPapers(n)`: `n` papers made from the real ones by cycling through them; copy k > 0 of a paper gets a new,
 * valid and unused id (`<15+k><month>.<5-digit sequence>`: years 2016–2020, which the feed never
 * lists), its title suffixed with words from another real title, and its list date shifted back k×7 days — sizes and text statistics stay those of the real feed.
 */
import { addDays } from '../lib/feed/dates';
import { parseFeed } from '../lib/feed/parse';
import type { Paper } from '../lib/feed/paper';

// The recorded responses are read by the same loader the tests use, so benchmarks and tests see one corpus.
export {
  FEED_DIR,
  recordedFiles as recordedResponses,
  type RecordedFile as RecordedResponse,
} from '../tests/helpers/recorded-feed';
import { recordedFiles as recordedResponses } from '../tests/helpers/recorded-feed';

let real: Paper[] | undefined;

export function realPapers(): Paper[] {
  if (real) return real;
  const byId = new Map<string, Paper>();
  for (const r of recordedResponses()) {
    const parsed = parseFeed(r.text, { seenAt: 1, ...(r.date ? { listDate: r.date } : {}) });
    if (parsed.ok) for (const p of parsed.papers) byId.set(p.id, p);
  }
  real = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  return real;
}

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
