/**
 * The detection benchmarks' corpora, shared by the Node (happy-dom) and Chromium runs; how each is derived from
 * ../shared/data is told in bench/detect-node.ts.
 */
import { join } from 'node:path';
import type { TitleEntry } from '../lib/detect/title-index';
import { recordedPapers } from '../tests/helpers/recorded-feed';

export const DATA = join(import.meta.dirname, '../../shared/data');
export const PAGES = join(DATA, 'pages');

/** The recorded feed's titles by id (from `recordedPapers`, the tests' loader), sorted by id. */
export function feedTitles(): TitleEntry[] {
  return recordedPapers().map((p) => ({ id: p.id, title: p.title }));
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

/** The hep-th listing with its 49 entries repeated to `count`, each copy's own id made unique. */
export function bigListing(html: string, count: number): string {
  const open = html.indexOf('<dt>');
  const close = html.lastIndexOf('</dl>');
  const entries = html
    .slice(open, close)
    .split(/(?=<dt>)/)
    .filter((e) => e.includes('title="Abstract"'));
  const body: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = entries[i % entries.length] as string;
    const id = /<a href ="\/abs\/([^"]+)"/.exec(entry)?.[1] as string;
    const fresh = `2409.${String(10000 + i).padStart(5, '0')}`;
    body.push(entry.split(id).join(fresh));
  }
  return `${html.slice(0, open)}${body.join('')}${html.slice(close)}`;
}
