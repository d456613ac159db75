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
  const out: BadgeTarget[] = [];
  const add = (id: string | undefined, anchor: Element | null | undefined) => {
    if (id && anchor) out.push({ id, anchor });
  };
  const entries = doc.querySelectorAll('dl > dt');
  const results = doc.querySelectorAll('li.arxiv-result');
  if (entries.length === 0 && results.length === 0) return undefined;
  for (const dt of Array.from(entries)) {
    const link = dt.querySelector('a[title="Abstract"], a[href*="/abs/"]');
    const id = idOf(link);
    const dd = dt.nextElementSibling?.localName === 'dd' ? dt.nextElementSibling : null;
    add(id, dd?.querySelector('.list-title') ?? link);
    // Papers an entry's abstract or comments link to, badged at their link.
    for (const a of Array.from(dd?.querySelectorAll('a[href*="/abs/"]') ?? [])) {
      const other = idOf(a);
      if (other && other !== id) add(other, a);
    }
  }
  for (const li of Array.from(results)) {
    const link = li.querySelector('.list-title a[href*="/abs/"]');
    add(idOf(link), li.querySelector('p.title') ?? link);
  }
  return out;
}
