/**
 * The benchmark corpora, all derived from the real recorded feed in ../shared/data/feed.
 *
 * `realPapers()`: every distinct paper of every recorded response (~9,500).
 * `scaledPapers(n)`: `n` papers made from the real ones by cycling through them; copy k > 0 of a paper gets a new,
 * valid and unused id (`<15+k><month>.<5-digit sequence>`: years 2016–2020, which the feed never lists), its title suffixed with words from another real title, and its list
 * date shifted back k×7 days — sizes and text statistics stay those of the real feed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../lib/feed/dates';
import { parseFeed } from '../lib/feed/parse';
import type { Paper } from '../lib/feed/paper';

export const FEED_DIR = join(import.meta.dirname, '../../shared/data/feed');

export interface RecordedResponse {
  name: string;
  date?: string;
  text: string;
}

export function recordedResponses(): RecordedResponse[] {
  return ['days', 'raw'].flatMap((dir) =>
    readdirSync(join(FEED_DIR, dir))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const date = /^(\d{4}-\d{2}-\d{2})\.json$/.exec(f)?.[1];
        return { name: `${dir}/${f}`, text: readFileSync(join(FEED_DIR, dir, f), 'utf8'), ...(date ? { date } : {}) };
      }),
  );
}

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
