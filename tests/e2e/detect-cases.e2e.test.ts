/**
 * The detection cases of ../shared/data/cases/detect/ end to end: each page served at its URL in real Chromium with
 * the production build, the feed days it needs synced, the toolbar button pressed (the `activeTab` grant a person
 * gives), and the popup's `detected` list compared with the README's answer; case 10's badges followed through a
 * single-page navigation; and a tab opened before the feed arrives badged once it does.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedCase, recordedDay } from '../helpers/recorded-feed';
import { serveAsNewestDays, syncNow } from './feed';
import { launch, type Harness } from './harness';

const caseHtml = (file: string) => recordedCase(file);

/** The README's table: file, URL, expected detected ids. */
const TABLE: [file: string, url: string, expected: string[]][] = [
  ['01-arxiv-ftp-url.html', 'https://example.org/reading-list', ['1312.7288', '1110.2832']],
  ['04-readme-arxiv-bibtex.html', 'https://github.com/example/some-model', ['1706.03762']],
  [
    '05-x-tweet-split-url.html',
    'https://x.com/someone/status/1879000000000000000',
    ['2501.06252', '2507.13347', '2503.08120'],
  ],
  ['06-superscript-title.html', 'https://example.org/reading-group', ['2501.06252', '2507.13347', '2503.08120']],
  ['07-generic-title-false-positive.html', 'https://example.org/workshop/cfp', []],
  [
    '14-titles-in-running-text.html',
    'https://example.org/lesekreis',
    ['2506.13585', '2506.11763', '2506.13654', '2506.08343', '2506.13759', '2506.12915'],
  ],
];
/** Every feed day the cases need (README), served as the newest list dates. */
const DAYS = ['2025-01-14', '2025-03-12', '2025-07-18', '2025-06-17', '2026-08-06', '2026-02-20'];

let h: Harness;
let inFeed: Set<string>;

const ids = (page: Page, role: string) =>
  page.locator(`[data-paper-radar="${role}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id')));

/** The id of the open tab showing `url`, asked of the extension's service worker. */
function tabIdOf(url: string): Promise<number | undefined> {
  return h.worker.evaluate(async (u) => {
    type Tabs = { query(q: object): Promise<{ id?: number; url?: string }[]> };
    const { chrome } = globalThis as unknown as { chrome: { tabs: Tabs } };
    return (await chrome.tabs.query({})).find((t) => t.url === u)?.id;
  }, url);
}

/**
 * The id of the tab showing `url`, once the browser's tab list shows that URL: after a `pushState` it may lag the
 * page (the popup was once opened with `?tabId=undefined`, described no tab, and found no paper).
 */
async function tabIdShowing(url: string): Promise<number> {
  await expect.poll(() => tabIdOf(url), { timeout: 20_000 }).toBeTypeOf('number');
  return (await tabIdOf(url))!;
}

/** Opens `url` in a tab, presses the toolbar button on it, and opens the popup describing it. */
async function popupFor(url: string): Promise<{ tab: Page; popup: Page }> {
  const tab = await h.context.newPage();
  await tab.goto(url);
  await h.clickToolbarButton(tab);
  const popup = await h.open(`popup.html?tabId=${await tabIdShowing(tab.url())}`);
  return { tab, popup };
}

/**
 * The popup's detected list once it has settled: its rows, or its notice that the page was read and holds none
 * (a page the popup could not read fails the test: that would be a missing `activeTab` grant, not an answer).
 */
async function detected(popup: Page): Promise<string[]> {
  // Only the detected section's notice counts: the related and period sections have notices of their own, which
  // come and go while they load (one vanishing between a count and a read once held a CI run for 30 s).
  const section = popup.locator('section[aria-labelledby="pr-detected-title"]');
  await section
    .locator('[data-paper-radar="detected"], .pr-notice--none, .pr-notice--error')
    .first()
    .waitFor({ timeout: 20_000 });
  const notices = await section.locator('.pr-notice--none, .pr-notice--error').allTextContents();
  for (const text of notices) expect(text).toBe('No arXiv papers found on this page.');
  return (await ids(popup, 'detected')) as string[];
}

/** For a failure message: the popup's detected section and the tab's URL, load state and text as they are now. */
async function whatWasShown(popup: Page, tab: Page): Promise<string> {
  const section = await popup
    .locator('section[aria-labelledby="pr-detected-title"]')
    .innerText()
    .catch((e: unknown) => `(unreadable: ${String(e)})`);
  const page = await tab
    .evaluate(() => `${location.href} ${document.readyState}: ${document.body?.innerText.slice(0, 200)}`)
    .catch((e: unknown) => `(unreadable: ${String(e)})`);
  return `popup ${popup.url()} showed ${JSON.stringify(section)}; the tab was ${JSON.stringify(page)}`;
}

beforeAll(async () => {
  h = await launch();
  const served = serveAsNewestDays(
    h,
    DAYS.map((d) => recordedDay(d)!),
  );
  inFeed = served.ids;
  await syncNow(h, inFeed.size);
});
afterAll(async () => {
  await h?.close();
});

describe('the detection cases in the popup’s detected list', () => {
  it.each(TABLE)('%s at %s', async (file, url, expected) => {
    await h.servePage(url, caseHtml(file));
    const { tab, popup } = await popupFor(url);
    const found = await detected(popup);
    const sorted = [...found].sort();
    const wanted = [...expected].sort();
    // A mismatch says what the popup and the tab showed (a CI run once found none on case 05, not reproduced).
    const context = sorted.join() === wanted.join() ? undefined : await whatWasShown(popup, tab);
    expect(sorted, context).toEqual(wanted);
    // Papers on Daily Papers come before those that are not.
    const firstAbsent = found.findIndex((id) => !inFeed.has(id));
    if (firstAbsent >= 0) expect(found.slice(firstAbsent).every((id) => !inFeed.has(id))).toBe(true);
    // Each row says why it is there; none shows a bare id when the page gave a title.
    for (const id of found) {
      const row = popup.locator(`[data-paper-radar="detected"][data-arxiv-id="${id}"]`);
      expect(await row.locator('.pr-chip').count()).toBeGreaterThan(0);
    }
    if (file.startsWith('04-')) {
      const row = popup.locator('[data-paper-radar="detected"][data-arxiv-id="1706.03762"]');
      expect(await row.locator('.pr-item__title').textContent()).toBe('Attention Is All You Need');
    }
    await popup.close();
    await tab.close();
  });

  it('01 also from the tab’s URL: an arXiv file-tree PDF address', async () => {
    const url = 'https://arxiv.org/ftp/arxiv/papers/1312/1312.7288.pdf';
    await h.servePage(url, '<!doctype html><title>1312.7288.pdf</title><embed type="application/pdf">');
    const { tab, popup } = await popupFor(url);
    expect(await detected(popup)).toEqual(['1312.7288']);
    await popup.close();
    await tab.close();
  });
});

describe('detection case 10: a single-page app', () => {
  const url = 'https://www.alphaxiv.org/abs/2501.06252';

  it('badges the paper, follows pushState to the next one, drops the stale badge, and the popup agrees', async () => {
    await h.servePage(url, caseHtml('10-spa-navigation.html'));
    const tab = await h.context.newPage();
    await tab.goto(url);
    const badges = () =>
      tab.locator('[data-paper-radar="badge"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id')));
    await expect.poll(badges, { timeout: 20_000 }).toEqual(['2501.06252']);
    expect(await tab.locator('h1 [data-paper-radar="badge"]').count()).toBe(1);

    // What the app does: history.pushState, then the same <h1> and <a> updated in place.
    await tab.evaluate(() => {
      history.pushState({}, '', '/abs/2507.13347');
      document.querySelector('h1')!.textContent = 'π^3: Scalable Permutation-Equivariant Visual Geometry Learning';
      document.querySelector('#arxiv-link')!.setAttribute('href', 'https://arxiv.org/abs/2507.13347');
    });
    await expect.poll(badges, { timeout: 20_000 }).toEqual(['2507.13347']);

    // The popup describes the page as it is now.
    await h.clickToolbarButton(tab);
    const popup = await h.open(`popup.html?tabId=${await tabIdShowing(tab.url())}`);
    expect(await detected(popup)).toEqual(['2507.13347']);
    await popup.close();

    // Apps that edit the heading's text node in place leave our badge in it: it must still go.
    await tab.evaluate(() => {
      history.pushState({}, '', '/abs/2503.08120');
      const h1 = document.querySelector('h1')!;
      const text = [...h1.childNodes].find((n) => n.nodeType === Node.TEXT_NODE) as Text;
      text.data = 'UniF²ace: Fine-grained Face Understanding and Generation with Unified Multimodal Models';
      document.querySelector('#arxiv-link')!.setAttribute('href', 'https://arxiv.org/abs/2503.08120');
    });
    await expect.poll(badges, { timeout: 20_000 }).toEqual(['2503.08120']);
    await tab.close();
  });
});

describe('a tab open before its papers are cached', () => {
  it('gets its badges once the feed that holds them arrives, without a reload', async () => {
    // A real paper of a day not synced yet, on an abstract page that also links to a cached paper.
    const day = recordedDay('2025-02-20')!;
    const paper = (JSON.parse(day) as { paper: { id: string } }[])[0]!.paper;
    expect(inFeed.has(paper.id)).toBe(false);
    expect(inFeed.has('2501.06252')).toBe(true);
    const url = `https://arxiv.org/abs/${paper.id}`;
    await h.servePage(
      url,
      `<!doctype html><html><head><meta name="citation_arxiv_id" content="${paper.id}"></head>
       <body><h1 class="title mathjax">Title: a paper</h1>
       <blockquote class="abstract">We build on <a href="https://arxiv.org/abs/2501.06252">Transformer²</a>.</blockquote>
       </body></html>`,
    );
    const tab = await h.context.newPage();
    await tab.goto(url);
    const badges = () =>
      tab.locator('[data-paper-radar="badge"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id')));
    // The cached paper's badge shows the content script has looked: the page's own paper is not in the cache yet.
    await expect.poll(badges, { timeout: 20_000 }).toEqual(['2501.06252']);

    const served = serveAsNewestDays(h, [day, ...DAYS.map((d) => recordedDay(d)!)]);
    await syncNow(h, served.ids.size);
    await expect
      .poll(async () => (await badges()).sort(), { timeout: 20_000 })
      .toEqual(['2501.06252', paper.id].sort());
    expect(await tab.locator('h1 [data-paper-radar="badge"]').getAttribute('data-arxiv-id')).toBe(paper.id);
    await tab.close();
  });
});
