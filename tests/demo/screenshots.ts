/**
 * The demo: the production Chrome build in headless Chromium (the end-to-end harness), with the recorded arXiv pages
 * and recorded feed answered by routes (nothing reaches the network), photographed where a person meets the
 * extension. `npm run demo` writes the PNGs to demo/; tests/e2e/demo.e2e.test.ts runs the same into a temp folder.
 *
 * The recorded arXiv pages are older than (or outside) the recorded feed, so the newest day served also carries
 * entries for the papers on those pages: the abstract page's paper with its own title and abstract (from the page's
 * `citation_*` meta tags, so the badge, popup and page agree), and five listing entries re-keyed from real entries.
 * The arXiv pages' own styles and scripts are not recorded, so they show unstyled.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { newestRecordedDays, rekeyedEntries, serveAsNewestDays, syncNow } from '../e2e/feed';
import { launch } from '../e2e/harness';
import { recordedPage } from '../helpers/recorded-feed';

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

/** The content of a page's `<meta name="citation_<name>">`, entities decoded. */
function citationMeta(html: string, name: string): string {
  const m = new RegExp(`<meta name="citation_${name}" content="([^"]*)"`).exec(html);
  if (!m) throw new Error(`paper-radar demo: no citation_${name} in the page`);
  return m[1]!
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Today's list: the pages' papers first (see above), then the newest recorded day as it is. */
function todaysList(absHtml: string, newest: string): string {
  const [abs, ...listed] = JSON.parse(rekeyedEntries(newest, ['1902.02534', ...LISTED])) as {
    paper: Record<string, unknown>;
    title?: string;
  }[];
  const title = citationMeta(absHtml, 'title');
  const own = { ...abs!, title, paper: { ...abs!.paper, title, summary: citationMeta(absHtml, 'abstract') } };
  return JSON.stringify([own, ...listed, ...(JSON.parse(newest) as unknown[])]);
}

/** Waits for the page to settle (fonts, the last paint) before a screenshot. */
async function shoot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, animations: 'disabled' });
}

/** Writes every screenshot of `DEMO_SHOTS` to `outDir` (created if missing), from the build in .output/chrome-mv3. */
export async function takeScreenshots(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const out = (name: (typeof DEMO_SHOTS)[number]) => join(outDir, name);
  const absHtml = recordedPage('arxiv-abs-1902.02534-layout2026.html');
  const [newest, ...older] = newestRecordedDays(7);
  const h = await launch();
  try {
    await h.servePage(ABS_URL, absHtml);
    await h.servePage(LIST_URL, recordedPage('arxiv-list-hep-th-new-2024-08-09.html'));
    const { ids } = serveAsNewestDays(h, [todaysList(absHtml, newest!), ...older]);
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
    await shoot(settings, out('settings.png'));
    await settings.close();
    if (h.leaks.length > 0)
      throw new Error(`paper-radar demo: the extension asked the network for ${h.leaks.join(', ')}`);
  } finally {
    await h.close();
  }
}
