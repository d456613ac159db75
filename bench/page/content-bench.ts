/**
 * Bundled by bench/content.ts and evaluated in a real Chromium page: the content script's own work — read the page
 * (`scanPage`: links, ids, and the text for titles), have its text matched against the cached titles (the
 * background's `TitleIndex.match`, run here in the page's V8 as a stand-in for the service worker's, after a
 * structured clone standing in for the message), and put a badge on each paper (every paper counted as in the feed:
 * the worst case) — timed in the page.
 */
import { findListingTargets, isArxivListing } from '../../lib/badges/arxiv-listing';
import { BadgeLayer } from '../../lib/badges/layer';
import { scanPage } from '../../lib/detect/find-papers';
import { CONFIDENT } from '../../lib/detect/mention';
import { createTitleIndex, type TitleEntry, type TitleIndex } from '../../lib/detect/title-index';
import type { BadgeInfo } from '../../lib/feed/summary';

let layer: BadgeLayer | undefined;
let index: TitleIndex | undefined;

/** Builds the title index (as the background does once per store change); returns its build time. */
function buildIndex(titles: TitleEntry[]): { ms: number; size: number } {
  const t = performance.now();
  index = createTitleIndex(titles);
  return { ms: performance.now() - t, size: index.size };
}

function run(
  withTitles: boolean,
  inFeed = 1,
): {
  scanMs: number;
  cloneMs: number;
  matchMs: number;
  badgeMs: number;
  hits: number;
  badges: number;
  textKB: number;
  titleHits: number;
} {
  layer?.clear();
  let t = performance.now();
  // What the content script does: the structural fast path on listings, scanPage elsewhere.
  const listing = !withTitles && isArxivListing(location.href) ? findListingTargets(document) : undefined;
  const scan = listing ? undefined : scanPage(document, { url: location.href });
  const scanMs = performance.now() - t;
  let cloneMs = 0;
  let matchMs = 0;
  let titleHits = 0;
  let mentions: { id: string; anchor?: Element | undefined }[] = listing ?? scan?.mentions ?? [];
  if (withTitles && scan && index) {
    t = performance.now();
    const sent = structuredClone(scan.text);
    cloneMs = performance.now() - t;
    t = performance.now();
    const matches = structuredClone(index.match(sent, { minConfidence: CONFIDENT }));
    const metaIds = scan.metaTitle ? index.lookup(scan.metaTitle.title) : [];
    matchMs = performance.now() - t;
    t = performance.now();
    mentions = scan.withTitles(matches, metaIds);
    cloneMs += performance.now() - t;
    titleHits = matches.length;
  }
  const infos: Record<string, BadgeInfo> = {};
  // A fraction `inFeed` of the page's papers is in the cached feed (1: all, the worst case).
  mentions.forEach((h, i) => {
    if (i % Math.round(1 / inFeed) === 0)
      infos[h.id] = { id: h.id, title: h.id, upvotes: 12, comments: 1, listDate: '2026-08-06', dayRank: 3 };
  });
  t = performance.now();
  layer = new BadgeLayer(document, `bench-${Math.random()}`);
  const badges = layer.place(
    mentions.filter((h) => h.anchor).map((h) => ({ id: h.id, anchor: h.anchor! })),
    infos,
  );
  // Force the style and layout the badges cause, as the next frame would.
  void document.body.offsetHeight;
  const badgeMs = performance.now() - t;
  const textKB = scan ? scan.text.runs.reduce((n, r) => n + r.length, 0) / 1024 : 0;
  return { scanMs, cloneMs, matchMs, badgeMs, hits: mentions.length, badges, textKB, titleHits };
}

(globalThis as unknown as { __prContent: unknown }).__prContent = { run, buildIndex };
