/**
 * The extension pages on the production build: the reader (listing, `?q=`, `#ID`, offline), the options page and
 * the popup, with 12 recorded list dates served as the 12 newest days (more papers than the reader's first page).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedDay, recordedPage } from '../helpers/recorded-feed';
import {
  asNewestDays,
  distinctiveWord as pickDistinctiveWord,
  newestDaysFeed,
  papersOf,
  paperWithAbstract as pickPaperWithAbstract,
  recordedDatesBeforeSnapshot,
  syncNow,
} from './feed';
import { launch, type Harness } from './harness';

/** The reader's first page (components/reader-view.tsx `READER_PAGE_SIZE`). */
const PAGE_SIZE = 200;
const DAYS = 12;

const recorded = recordedDatesBeforeSnapshot(DAYS);
const bodies = recorded.map((d) => recordedDay(d)!);
const { feed } = newestDaysFeed(bodies);
const papers = papersOf(asNewestDays(bodies).values());
const distinctiveWord = () => pickDistinctiveWord(papers);
const paperWithAbstract = (skip = 0) => pickPaperWithAbstract(papers, skip);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const ids = (page: Page, role: string) =>
  page
    .locator(`[data-paper-radar="${role}"]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id') ?? ''));

let h: Harness;

beforeAll(async () => {
  // Served from the first request on: the install-time sync fetches them all.
  h = await launch({ feed });
  await syncNow(h, papers.size);
});
afterAll(async () => {
  await h?.close();
});

describe('the reader', () => {
  it('lists the first page of cached papers, newest list date first, and "Show more" adds the rest', async () => {
    expect(papers.size).toBeGreaterThan(PAGE_SIZE);
    const reader = await h.open('reader.html');
    const listed = reader.locator('[data-paper-radar="paper"]');
    await expect.poll(() => listed.count(), { timeout: 15_000 }).toBe(PAGE_SIZE);
    const first = await ids(reader, 'paper');
    const newestDate = [...papers.values()]
      .map((p) => p.listDate)
      .sort()
      .at(-1);
    expect(papers.get(first[0]!)!.listDate).toBe(newestDate);
    // A click event without scrolling: scrolled into view, the button presses itself (an IntersectionObserver)
    // and, when that shows the rest, is gone before a scrolling click could land.
    expect(papers.size).toBeLessThanOrEqual(2 * PAGE_SIZE);
    await reader.locator('[data-action="show-more"]').dispatchEvent('click');
    await expect.poll(() => listed.count()).toBe(papers.size);
    expect(new Set(await ids(reader, 'paper'))).toEqual(new Set(papers.keys()));
    await expect
      .poll(() => reader.locator('[data-paper-radar="sync-status"]').getAttribute('data-count'))
      .toBe(String(papers.size));
    await reader.close();
  });

  it("opens on `#ID` with that paper's abstract, and follows hash changes", async () => {
    const a = paperWithAbstract(0);
    const b = paperWithAbstract(1);
    const reader = await h.open(`reader.html#${a.paper.id}`);
    await reader.getByText(a.snippet).waitFor({ timeout: 15_000 });
    await reader.evaluate((id) => (location.hash = id), b.paper.id);
    await reader.getByText(b.snippet).waitFor({ timeout: 15_000 });
    expect(await reader.getByText(a.snippet).count()).toBe(0);
    // An id as arXiv writes it (a version, a prefix) opens the cached paper, not "not in the cached feed".
    await reader.evaluate((id) => (location.hash = `arXiv:${id}v2`), a.paper.id);
    await reader.getByText(a.snippet).waitFor({ timeout: 15_000 });
    await reader.close();
  });

  it('opens on `?q=` with that search, and keeps `?q=` in step with the search box', async () => {
    const { word, paper } = distinctiveWord();
    const reader = await h.open(`reader.html?q=${encodeURIComponent(word)}`);
    const search = reader.locator('[data-paper-radar="search"]');
    expect(await search.inputValue()).toBe(word);
    await search.fill('diffusion');
    await expect.poll(() => new URL(reader.url()).searchParams.get('q')).toBe('diffusion');
    await search.fill(word);
    await expect.poll(() => ids(reader, 'result'), { timeout: 10_000 }).toContain(paper.id);
    await reader.close();
  });

  it('still lists the cache with the network off', async () => {
    await h.context.setOffline(true);
    try {
      const reader = await h.open('reader.html');
      await expect
        .poll(() => reader.locator('[data-paper-radar="paper"]').count(), { timeout: 15_000 })
        .toBe(PAGE_SIZE);
      await reader.locator('[data-notice="offline"]').waitFor({ timeout: 5_000 });
      await reader.close();
    } finally {
      await h.context.setOffline(false);
    }
  });

  it('still searches the cache with the network off', async () => {
    const { word, paper } = distinctiveWord();
    await h.context.setOffline(true);
    try {
      const reader = await h.open(`reader.html?q=${encodeURIComponent(word)}`);
      await expect.poll(() => ids(reader, 'result'), { timeout: 10_000 }).toContain(paper.id);
      await reader.close();
    } finally {
      await h.context.setOffline(false);
    }
  });
});

describe('the popup', () => {
  it('shows the sync status line and the sync-now button', async () => {
    const popup = await h.open('popup.html');
    const status = popup.locator('[data-paper-radar="sync-status"]');
    await expect.poll(() => status.getAttribute('data-count'), { timeout: 10_000 }).toBe(String(papers.size));
    expect(await status.getAttribute('data-state')).toBe('idle');
    expect(await popup.locator('[data-paper-radar="sync-now"]').isVisible()).toBe(true);
    await popup.close();
  });

  it('with `?tabId=N`, lists the papers on tab N with their Hugging Face status', async () => {
    const { paper } = paperWithAbstract(2);
    const url = `https://arxiv.org/abs/${paper.id}`;
    await h.servePage(
      url,
      `<!doctype html><html><head><title>[${paper.id}] ${esc(paper.title)}</title>
      <meta name="citation_title" content="${esc(paper.title)}"><meta name="citation_arxiv_id" content="${paper.id}">
      </head><body><h1 class="title mathjax"><span class="descriptor">Title:</span>${esc(paper.title)}</h1>
      <blockquote class="abstract mathjax"><span class="descriptor">Abstract:</span>${esc(paper.abstract)}</blockquote>
      </body></html>`,
    );
    const tab = await h.context.newPage();
    await tab.goto(url);
    const tabId = await h.tabIdOf(url);
    expect(tabId).toBeTypeOf('number');
    const popup = await h.open(`popup.html?tabId=${tabId}`);
    await expect.poll(() => ids(popup, 'detected'), { timeout: 10_000 }).toContain(paper.id);
    const row = popup.locator(`[data-paper-radar="detected"][data-arxiv-id="${paper.id}"]`);
    expect(await row.textContent()).toContain(`▲ ${paper.upvotes}`);
    // Related trending papers for it: several, never the paper itself, each saying why.
    await expect.poll(async () => (await ids(popup, 'related')).length, { timeout: 10_000 }).toBeGreaterThan(2);
    expect(await ids(popup, 'related')).not.toContain(paper.id);
    await popup.close();
    await tab.close();
  });

  it('relates a real arXiv abstract page whose paper is not in the feed, from its meta tags', async () => {
    const url = 'https://arxiv.org/abs/1902.02534';
    await h.servePage(url, recordedPage('arxiv-abs-1902.02534-layout2026.html'));
    const tab = await h.context.newPage();
    await tab.goto(url);
    const tabId = await h.tabIdOf(url);
    const popup = await h.open(`popup.html?tabId=${tabId}`);
    await expect.poll(() => ids(popup, 'detected'), { timeout: 10_000 }).toEqual(['1902.02534']);
    await expect.poll(async () => (await ids(popup, 'related')).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const related = await ids(popup, 'related');
    expect(related.every((id) => papers.has(id))).toBe(true);
    await popup.close();
    await tab.close();
  });

  it('shows results as you type', async () => {
    const { word, paper } = distinctiveWord();
    const popup = await h.open('popup.html');
    await popup.locator('[data-paper-radar="search"]').pressSequentially(word, { delay: 20 });
    await expect.poll(() => ids(popup, 'result'), { timeout: 10_000 }).toContain(paper.id);
    await popup.close();
  });
});

describe('the options page', () => {
  it('has the sync-now button, and a changed backfill window survives a reload', async () => {
    const options = await h.open('options.html');
    await options.locator('[data-paper-radar="sync-now"]').waitFor({ timeout: 10_000 });
    const field = options.locator('input[name="backfillDays"]');
    expect(await field.inputValue()).toBe('60');
    await field.fill('45');
    await field.press('Tab');
    await options.getByText('Saved.').waitFor({ timeout: 5_000 });
    await options.reload();
    await expect.poll(() => options.locator('input[name="backfillDays"]').inputValue(), { timeout: 10_000 }).toBe('45');
    await options.close();
  });
});
