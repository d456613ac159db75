/**
 * The production Firefox build on real pages: inline badges on arXiv's abstract, listing and HTML pages, the popup
 * describing a tab (`popup.html?tabId=N`: detected, related, search), the reader (`?q=`, `#ID`) and the options page.
 * The feed is the one the Chromium badge test serves (see tests/e2e/badges.e2e.test.ts for why some entries are
 * re-keyed), so both browsers are held to the same answers.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordedDay, recordedFiles, recordedPage } from '../helpers/recorded-feed';
import { distinctiveWord, paperWithAbstract, papersOf, rekeyedEntries, serveAsNewestDays } from '../e2e/feed';
import { clickOn, idsOf, launch, syncNow, type FirefoxHarness } from './harness';

const ABS_URL = 'https://arxiv.org/abs/1902.02534';
const LIST_URL = 'https://arxiv.org/list/hep-th/new';
const HTML_URL = 'https://arxiv.org/html/2501.11120v1';
const LISTED = ['2408.04000', '2408.04052', '2408.04389', '2408.02720', '2408.04626'];
const CITED = ['2410.13787', '2403.13799'];

const bodies = [
  rekeyedEntries(recordedDay('2026-08-06')!, ['1902.02534', ...LISTED]),
  recordedDay('2024-10-21')!,
  recordedFiles().find((f) => f.name === 'raw/2024-03-21.json')!.text,
];
const papers = papersOf(bodies);

let h: FirefoxHarness;

beforeAll(async () => {
  h = await launch();
  h.servePage(ABS_URL, recordedPage('arxiv-abs-1902.02534-layout2026.html'));
  h.servePage(LIST_URL, recordedPage('arxiv-list-hep-th-new-2024-08-09.html'));
  h.servePage(HTML_URL, recordedPage('arxiv-html-2501.11120v1.html'));
  const { ids } = serveAsNewestDays(h, bodies);
  expect(ids).toEqual(new Set(papers.keys()));
  await syncNow(h, ids.size);
});
afterAll(async () => {
  await h?.close();
});

/**
 * Polls `check` every 100 ms until it is true, up to 15 s. Not `page.waitForFunction`: with Debian's Firefox ESR
 * 140.12 it builds its predicate with `Function()` inside the page, which an extension page's CSP blocks.
 */
async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`paper-radar test: still waiting for ${what}`);
    },
    { timeout: 15_000, interval: 100 },
  );
}

/** Waits until `page` shows at least `n` elements of `role` and returns their ids. */
async function waitForIds(page: Page, role: string, n = 1): Promise<string[]> {
  await waitUntil(async () => (await page.$$(`[data-paper-radar="${role}"]`)).length >= n, `${n} ${role}`);
  return idsOf(page, role);
}

/** Waits until the page's visible text (whitespace folded) contains `text`. */
async function waitForText(page: Page, text: string): Promise<void> {
  await waitUntil(async () => (await pageText(page)).includes(text), `the text ${text}`);
}

const pageText = (page: Page) => page.evaluate(() => document.body.innerText.replace(/\s+/g, ' '));

describe('inline badges in Firefox', () => {
  it("badges the abstract page's own paper in its title, linking to Hugging Face", async () => {
    const p = await h.open(ABS_URL);
    expect(await waitForIds(p, 'badge')).toEqual(['1902.02534']);
    expect(await p.$$eval('h1.title [data-paper-radar="badge"]', (els) => els.length)).toBe(1);
    const link = await p.$eval('[data-paper-radar="badge"]', (e) => e.shadowRoot?.querySelector('a')?.href);
    expect(link).toBe('https://huggingface.co/papers/1902.02534');
    await p.close();
  });

  it('badges exactly the listing entries that are in the feed', async () => {
    const p = await h.open(LIST_URL);
    await waitForIds(p, 'badge', LISTED.length);
    expect((await idsOf(p, 'badge')).sort()).toEqual([...LISTED].sort());
    expect(await pageText(p)).toContain('New submissions');
    await p.close();
  });

  it('badges the cited papers of an HTML full text that were on Daily Papers', async () => {
    const p = await h.open(HTML_URL);
    await waitForIds(p, 'badge', CITED.length);
    expect((await idsOf(p, 'badge')).sort()).toEqual([...CITED].sort());
    await p.close();
  });
});

describe('the popup in Firefox', () => {
  it('with `?tabId=N`, lists the paper on tab N and related trending papers, never the paper itself', async () => {
    const tab = await h.open(ABS_URL);
    await waitForIds(tab, 'badge');
    const popup = await h.open(`popup.html?tabId=${await h.tabIdOf(ABS_URL)}`);
    expect(await waitForIds(popup, 'detected')).toEqual(['1902.02534']);
    const related = await waitForIds(popup, 'related');
    expect(related).not.toContain('1902.02534');
    expect(related.filter((id) => !papers.has(id))).toEqual([]);
    await popup.close();
    await tab.close();
  });

  it('shows search results as you type', async () => {
    const { word, paper } = distinctiveWord(papers);
    const popup = await h.open('popup.html');
    const search = await popup.waitForSelector('[data-paper-radar="search"]', { visible: true });
    await search!.type(word);
    await popup.waitForSelector(`[data-paper-radar="result"][data-arxiv-id="${paper.id}"]`, { timeout: 15_000 });
    await popup.close();
  });
});

describe('the reader in Firefox', () => {
  it('lists the cached papers', async () => {
    const reader = await h.open('reader.html');
    const listed = await waitForIds(reader, 'paper', papers.size);
    expect(new Set(listed)).toEqual(new Set(papers.keys()));
    await reader.close();
  });

  it('opens on `?q=` with that search', async () => {
    const { word, paper } = distinctiveWord(papers);
    const reader = await h.open(`reader.html?q=${encodeURIComponent(word)}`);
    await reader.waitForSelector(`[data-paper-radar="result"][data-arxiv-id="${paper.id}"]`, { timeout: 15_000 });
    expect(await reader.$eval('[data-paper-radar="search"]', (e) => (e as HTMLInputElement).value)).toBe(word);
    await reader.close();
  });

  it("opens on `#ID` with that paper's abstract, and follows hash changes", async () => {
    const a = paperWithAbstract(papers, 0);
    const b = paperWithAbstract(papers, 1);
    const reader = await h.open(`reader.html#${a.paper.id}`);
    await waitForText(reader, a.snippet);
    await reader.evaluate((id) => (location.hash = id), b.paper.id);
    await waitForText(reader, b.snippet);
    expect(await pageText(reader)).not.toContain(a.snippet);
    await reader.close();
  });
});

describe('the options page in Firefox', () => {
  it('syncs on "sync now"', async () => {
    const options = await h.open('options.html');
    await options.waitForSelector('[data-paper-radar="sync-now"]', { timeout: 15_000 });
    const asked = h.feedRequests.length;
    await clickOn(options, '[data-paper-radar="sync-now"]');
    await expect.poll(() => h.feedRequests.length, { timeout: 15_000 }).toBeGreaterThan(asked);
    await options.close();
  });
});

describe('what the extension did in Firefox', () => {
  it('requested nothing but the feed, and logged no error', () => {
    expect(h.feedRequests.every((u) => u.startsWith('https://huggingface.co/api/daily_papers?'))).toBe(true);
    expect(h.leaks).toEqual([]);
    // The pages' own scripts and styles were asked for (and aborted in the browser), so the proxy saw only the
    // extension's requests.
    expect(h.pageRequests.length).toBeGreaterThan(0);
    expect(h.extensionErrors).toEqual([]);
  });
});
