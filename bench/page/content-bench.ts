/**
 * Bundled by bench/content.ts and evaluated in a real Chromium page: the content script's own work — detect the
 * page's papers and put a badge on each (every paper counted as in the feed: the worst case) — timed in the page.
 */
import { findListingTargets, isArxivListing } from '../../lib/badges/arxiv-listing';
import { BadgeLayer } from '../../lib/badges/layer';
import { findPapers } from '../../lib/detect/find-papers';
import { createTitleMatcher, type TitleEntry } from '../../lib/detect/title-matcher';
import type { BadgeInfo } from '../../lib/feed/summary';

let layer: BadgeLayer | undefined;

function run(
  titles?: TitleEntry[],
  inFeed = 1,
): { detectMs: number; badgeMs: number; hits: number; badges: number; matcherMs: number } {
  layer?.clear();
  let t = performance.now();
  const matcher = titles ? createTitleMatcher(titles) : undefined;
  const matcherMs = performance.now() - t;
  t = performance.now();
  // What the content script does: the structural fast path on listings, findPapers elsewhere.
  const listing = !matcher && isArxivListing(location.href) ? findListingTargets(document) : undefined;
  const hits = listing ?? findPapers(document, { url: location.href, ...(matcher ? { titles: matcher } : {}) });
  const detectMs = performance.now() - t;
  const infos: Record<string, BadgeInfo> = {};
  // A fraction `inFeed` of the page's papers is in the cached feed (1: all, the worst case).
  hits.forEach((h, i) => {
    if (i % Math.round(1 / inFeed) === 0)
      infos[h.id] = { id: h.id, title: h.id, upvotes: 12, comments: 1, listDate: '2026-08-06', dayRank: 3 };
  });
  t = performance.now();
  layer = new BadgeLayer(document, `bench-${Math.random()}`);
  const badges = layer.place(
    hits.filter((h) => h.anchor).map((h) => ({ id: h.id, anchor: h.anchor! })),
    infos,
  );
  // Force the style and layout the badges cause, as the next frame would.
  void document.body.offsetHeight;
  const badgeMs = performance.now() - t;
  return { detectMs, badgeMs, hits: hits.length, badges, matcherMs };
}

(globalThis as unknown as { __prContent: unknown }).__prContent = { run };
