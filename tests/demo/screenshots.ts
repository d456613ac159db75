/**
 * The demo: the production Chrome build in headless Chromium (the end-to-end harness), with the recorded arXiv pages
 * and recorded feed answered by routes (nothing reaches the network), photographed where a person meets the
 * extension. `npm run demo` writes the PNGs to demo/; tests/e2e/demo.e2e.test.ts runs the same into a temp folder.
 *
 * The recorded arXiv pages are older than (or outside) the recorded feed, so the newest day served also carries
 * entries for papers on those pages — the abstract page's and five of the listing's, with the titles, abstracts and
 * authors the pages give them (so badge, popup, reader and page agree) and the numbers of real entries. The arXiv
 * pages' own styles and scripts are not recorded, so they show unstyled.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Window } from 'happy-dom';
import { recordedDatesBeforeSnapshot, serveAsNewestDays, syncNow } from '../e2e/feed';
import { launch } from '../e2e/harness';
import { recordedDay, recordedPage } from '../helpers/recorded-feed';

const ABS_URL = 'https://arxiv.org/abs/1902.02534';
const LIST_URL = 'https://arxiv.org/list/hep-th/new';
const LISTED = ['2408.04000', '2408.04052', '2408.04389', '2408.02720', '2408.04626'];

/** The screenshots the demo writes, by file name. */
export const DEMO_SHOTS = [
  'arxiv-listing.png',
  'arxiv-abstract.png',
  'popup-light.png',
  'popup-dark.png',
  'reader.png',
  'settings.png',
] as const;

interface PagePaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
}

/** The papers the recorded pages show, read from the pages themselves: the abstract page's and five listing entries. */
function pagePapers(absHtml: string, listHtml: string): PagePaper[] {
  const win = new Window();
  const parse = (html: string) => new win.DOMParser().parseFromString(html, 'text/html');
  const text = (e: { textContent: string | null } | null | undefined) =>
    (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const abs = parse(absHtml);
  const meta = (name: string) =>
    [...abs.querySelectorAll(`meta[name="citation_${name}"]`)].map((m) => m.getAttribute('content') ?? '');
  const papers: PagePaper[] = [
    {
      id: meta('arxiv_id')[0]!,
      title: meta('title')[0]!,
      abstract: meta('abstract')[0]!,
      authors: meta('author').map((a) => a.split(', ').reverse().join(' ')),
    },
  ];
  const list = parse(listHtml);
  for (const id of LISTED) {
    const entry = list.getElementById(id)?.closest('dt')?.nextElementSibling;
    if (!entry) throw new Error(`paper-radar demo: ${id} is not on the listing`);
    papers.push({
      id,
      title: text(entry.querySelector('.list-title')).replace(/^Title:\s*/, ''),
      abstract: text(entry.querySelector('p.mathjax')),
      authors: [...entry.querySelectorAll('.list-authors a')].map(text),
    });
  }
  void win.happyDOM.close();
  return papers;
}

/**
 * Today's list: an entry for each paper of the pages (in the feed's 2024 shape, the fewest fields) with the upvotes
 * and comment counts of a real, older day's entries, then the newest recorded day as it is.
 */
function todaysList(pages: PagePaper[], numbersFrom: string, newest: string): string {
  const real = JSON.parse(numbersFrom) as { paper: { upvotes: number }; numComments?: number }[];
  const publishedAt = new Date().toISOString();
  const own = pages.map((p, i) => ({
    paper: {
      id: p.id,
      title: p.title,
      summary: p.abstract,
      upvotes: real[i]!.paper.upvotes,
      publishedAt,
      authors: p.authors.map((name, k) => ({ _id: `demo-${i}-${k}`, name, hidden: false })),
    },
    publishedAt,
    title: p.title,
    numComments: real[i]!.numComments ?? 0,
  }));
  return JSON.stringify([...own, ...(JSON.parse(newest) as unknown[])]);
}

/** Waits for the page to settle (fonts, the last paint) before a screenshot. */
async function shoot(page: Page, file: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, animations: 'disabled', fullPage });
}

/** Writes every screenshot of `DEMO_SHOTS` to `outDir` (created if missing), from the build in .output/chrome-mv3. */
export async function takeScreenshots(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const out = (name: (typeof DEMO_SHOTS)[number]) => join(outDir, name);
  const absHtml = recordedPage('arxiv-abs-1902.02534-layout2026.html');
  const listHtml = recordedPage('arxiv-list-hep-th-new-2024-08-09.html');
  // Seven recorded days served as the newest seven; the eighth lends its numbers to the pages' papers. They are
  // the days just before the bundled snapshot's: served re-dated as today's, papers the snapshot also holds would
  // keep the snapshot's older list date and be pruned as out of the window.
  const days = recordedDatesBeforeSnapshot(8).map((d) => recordedDay(d)!);
  const [newest, ...older] = days.slice(0, 7);
  const h = await launch();
  try {
    await h.servePage(ABS_URL, absHtml);
    await h.servePage(LIST_URL, listHtml);
    const today = todaysList(pagePapers(absHtml, listHtml), days[7]!, newest!);
    const { ids } = serveAsNewestDays(h, [today, ...older]);
    await syncNow(h, ids.size);

    const listing = await h.context.newPage();
    await listing.setViewportSize({ width: 1100, height: 700 });
    await listing.goto(LIST_URL);
    const firstBadge = listing.locator('[data-paper-radar="badge"]').first();
    await firstBadge.waitFor({ timeout: 15_000 });
    await firstBadge.evaluate((e) => e.closest('dd')?.previousElementSibling?.scrollIntoView({ block: 'start' }));
    await shoot(listing, out('arxiv-listing.png'));
    await listing.close();

    const abs = await h.context.newPage();
    await abs.setViewportSize({ width: 1100, height: 700 });
    await abs.goto(ABS_URL);
    await abs.locator('[data-paper-radar="badge"]').waitFor({ timeout: 15_000 });
    // Unstyled, the page opens on its logos drawn full width: start at the paper instead.
    await abs
      .locator('h1.title')
      .evaluate((e) => e.closest('#abs, .leftcolumn, main')?.scrollIntoView({ block: 'start' }) ?? e.scrollIntoView());
    await shoot(abs, out('arxiv-abstract.png'));

    const tabId = await h.worker.evaluate(async (url) => {
      type Tabs = { query(q: { url: string }): Promise<{ id?: number }[]> };
      const { chrome } = globalThis as unknown as { chrome: { tabs: Tabs } };
      return (await chrome.tabs.query({ url }))[0]?.id;
    }, ABS_URL);
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await h.context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tabId=${tabId}`);
      await popup.locator('[data-paper-radar="detected"]').first().waitFor({ timeout: 15_000 });
      await popup.locator('[data-paper-radar="related"]').first().waitFor({ timeout: 15_000 });
      await shoot(popup, out(`popup-${scheme}.png`));
      await popup.close();
    }
    await abs.close();

    const reader = await h.open('reader.html');
    await reader.setViewportSize({ width: 1280, height: 800 });
    await reader.locator('[data-paper-radar="paper"]').first().waitFor({ timeout: 15_000 });
    await shoot(reader, out('reader.png'));
    await reader.close();

    const settings = await h.open('options.html');
    await settings.setViewportSize({ width: 1000, height: 700 });
    await settings.locator('[data-paper-radar="sync-now"]').waitFor({ timeout: 15_000 });
    await shoot(settings, out('settings.png'), true);
    await settings.close();
    if (h.leaks.length > 0)
      throw new Error(`paper-radar demo: the extension asked the network for ${h.leaks.join(', ')}`);
  } finally {
    await h.close();
  }
}
