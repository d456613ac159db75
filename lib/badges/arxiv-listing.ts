/**
 * arXiv listing and search-result pages, read from their structure: each entry's id from its abstract link and
 * its badge place at its title, plus papers linked from inside entries. On a 2,000-entry listing this is a few
 * selector queries instead of a walk over every text node (see BENCHMARKS.md), so the content script uses it on
 * those pages and `findPapers` everywhere else.
 */
import { arxivIdFromUrl } from '../arxiv/urls';
import type { BadgeTarget } from './layer';

/** Listing (`/list/…`, `/catchup`) and search (`/search/…`) paths on arXiv hosts. */
const LISTING_URL = /^https?:\/\/(?:www\.|export\.|browse\.)?arxiv\.org\/(?:list|search|catchup)\b/i;

/** Whether `url` is an arXiv listing or search-results page. */
export function isArxivListing(url: string): boolean {
  return LISTING_URL.test(url);
}

const BASE = 'https://arxiv.org/';

function idOf(link: Element | null): string | undefined {
  const href = link?.getAttribute('href');
  return href ? arxivIdFromUrl(href, BASE) : undefined;
}

/**
 * The papers of an arXiv listing (`dl > dt` + `dd` pairs) or search-results page (`li.arxiv-result`), in page
 * order. Returns `undefined` when the page has neither structure (the caller then runs `findPapers`).
 */
export function findListingTargets(doc: Document): BadgeTarget[] | undefined {
  const targets = listingTargets(doc);
  return targets && [...targets];
}

/**
 * `findListingTargets` one entry at a time, so a caller can stop between entries and let the page run (a
 * 10,000-entry listing takes hundreds of milliseconds in one go). `undefined` when the page is not a listing.
 * The entries are those of the document when this is called.
 */
export function listingTargets(doc: Document): Iterable<BadgeTarget> | undefined {
  const entries = doc.querySelectorAll('dl > dt');
  const results = doc.querySelectorAll('li.arxiv-result');
  if (entries.length === 0 && results.length === 0) return undefined;
  return walkListing(entries, results);
}

function* walkListing(entries: NodeListOf<Element>, results: NodeListOf<Element>): Generator<BadgeTarget> {
  const seen = new Set<string>();
  let n = 0;
  // The same paper twice at one place (a link and its text) is one target; the same paper in two entries is two.
  function* add(id: string | undefined, anchor: Element | null | undefined, entry: number): Generator<BadgeTarget> {
    if (!id || !anchor) return;
    const key = `${id} ${entry}`;
    if (seen.has(key)) return;
    seen.add(key);
    yield { id, anchor };
  }
  for (const dt of entries) {
    const entry = n++;
    const link = dt.querySelector('a[title="Abstract"], a[href*="/abs/"]');
    const id = idOf(link);
    const dd = dt.nextElementSibling?.localName === 'dd' ? dt.nextElementSibling : null;
    yield* add(id, dd?.querySelector('.list-title') ?? link, entry);
    // Papers an entry's abstract or comments link to, badged at their link.
    for (const a of dd?.querySelectorAll('a[href*="/abs/"]') ?? []) {
      const other = idOf(a);
      if (other && other !== id) yield* add(other, a, entry);
    }
  }
  for (const li of results) {
    const link = li.querySelector('.list-title a[href*="/abs/"]');
    yield* add(idOf(link), li.querySelector('p.title') ?? link, n++);
  }
}
