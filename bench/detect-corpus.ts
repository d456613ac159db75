/**
 * The detection benchmarks' corpora, shared by the Node (happy-dom) and Chromium runs; how each is derived from
 * ../shared/data is told in bench/detect-node.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TitleEntry } from '../lib/detect/title-matcher';
import { parseFeed } from '../lib/feed/parse';

export const DATA = join(import.meta.dirname, '../../shared/data');
export const PAGES = join(DATA, 'pages');

export function feedTitles(): TitleEntry[] {
  const byId = new Map<string, TitleEntry>();
  for (const dir of ['days', 'raw']) {
    for (const file of readdirSync(join(DATA, 'feed', dir))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const date = /^(\d{4}-\d{2}-\d{2})\.json$/.exec(file)?.[1];
      const r = parseFeed(readFileSync(join(DATA, 'feed', dir, file), 'utf8'), {
        seenAt: 0,
        ...(date ? { listDate: date } : {}),
      });
      if (r.ok) for (const p of r.papers) byId.set(p.id, { id: p.id, title: p.title });
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** `count` titles from the real ones, as described in bench/detect-node.ts. */
export function deriveTitles(real: readonly TitleEntry[], count: number): TitleEntry[] {
  const out: TitleEntry[] = [];
  const n = real.length;
  for (let k = 0; out.length < count; k++) {
    for (let i = 0; i < n && out.length < count; i++) {
      const base = real[i] as TitleEntry;
      if (k === 0) {
        out.push(base);
        continue;
      }
      const donor = (real[(i + 7919 * k) % n] as TitleEntry).title.split(' ');
      out.push({ id: `${base.id}~${k}`, title: `${base.title} ${donor.slice(-k).join(' ')}` });
    }
  }
  return out;
}

/** The hep-th listing with its 49 entries repeated to `count`, each copy's own id made unique (with abstracts). */
export { bigListing } from '../tests/helpers/big-pages';
