import type { Page } from 'playwright-core';
import type { browser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedDay, recordedFiles, recordedPage } from '../helpers/recorded-feed';
import { launch, tabIdOf, type Harness } from './harness';
import { rekeyedEntries, serveAsNewestDays, syncNow } from './feed';

const page = recordedPage;
const ABS_URL = 'https://arxiv.org/abs/1902.02534';
const LIST_URL = 'https://arxiv.org/list/hep-th/new';
const HTML_URL = 'https://arxiv.org/html/2501.11120v1';

// The recorded arXiv pages predate (or sit outside) the recorded feed, so for the abstract page and the listing the
// feed is real entries re-keyed to ids on those pages. The HTML full text cites two papers that really were on
// Daily Papers (2410.13787 on 2024-10-21, 2403.13799 on 2024-03-21): their recorded days are served as they are.
const LISTED = ['2408.04000', '2408.04052', '2408.04389', '2408.02720', '2408.04626'];
const CITED = ['2410.13787', '2403.13799'];

// The abstract page's own paper comes with hostile markup in its title and AI summary: it must show as text.
const HOSTILE_TITLE = `<img src=x onerror="document.documentElement.dataset.pwned='title'">Hostile <b>title</b>`;
const HOSTILE_SUMMARY = `<script>document.documentElement.dataset.pwned='summary'</script><svg onload="document.documentElement.dataset.pwned='svg'"></svg>`;

/** `body` with the entry of paper `id` given a hostile title and AI summary. */
function withHostileText(body: string, id: string): string {
  const entries = JSON.parse(body) as { title?: string; paper: { id: string; title: string; ai_summary?: string } }[];
  return JSON.stringify(
    entries.map((e) =>
      e.paper.id === id
        ? { ...e, title: HOSTILE_TITLE, paper: { ...e.paper, title: HOSTILE_TITLE, ai_summary: HOSTILE_SUMMARY } }
        : e,
    ),
  );
}

let h: Harness;
let served: Set<string>;

beforeAll(async () => {
  h = await launch();
  await h.servePage(ABS_URL, page('arxiv-abs-1902.02534-layout2026.html'));
  await h.servePage(LIST_URL, page('arxiv-list-hep-th-new-2024-08-09.html'));
  await h.servePage(HTML_URL, page('arxiv-html-2501.11120v1.html'));
  const raw = recordedFiles().find((f) => f.name === 'raw/2024-03-21.json')!.text;
  ({ ids: served } = serveAsNewestDays(h, [
    withHostileText(rekeyedEntries(recordedDay('2026-08-06')!, ['1902.02534', ...LISTED]), '1902.02534'),
    recordedDay('2024-10-21')!,
    raw,
  ]));
  await syncNow(h, served.size);
});
afterAll(async () => {
  await h?.close();
});

/** The run id (`data-pr-run`) of every badge, in document order: which content-script run placed it. */
async function runsOf(p: Page): Promise<string[]> {
  return p
    .locator('[data-paper-radar="badge"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-pr-run') ?? ''));
}

async function badgeIds(p: Page): Promise<string[]> {
  return p
    .locator('[data-paper-radar="badge"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id') ?? ''));
}

/** The page's text and layout with our hosts taken out: what the page itself shows. */
async function pageOwnText(p: Page): Promise<string> {
  return p.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('[data-paper-radar]').forEach((e) => e.remove());
    return clone.innerText;
  });
}

describe('inline badges on arXiv pages', () => {
  it("badges the abstract page's own paper next to its title", async () => {
    const p = await h.context.newPage();
    await p.goto(ABS_URL);
    await expect.poll(() => badgeIds(p), { timeout: 15_000 }).toEqual(['1902.02534']);
    const inTitle = await p.locator('h1.title [data-paper-radar="badge"]').count();
    expect(inTitle).toBe(1);
    const link = await p.locator('[data-paper-radar="badge"]').evaluate((e) => e.shadowRoot?.querySelector('a')?.href);
    expect(link).toBe('https://huggingface.co/papers/1902.02534');
    await p.close();
  });

  it("badges exactly the listing entries that are in the feed, and leaves the page's text alone", async () => {
    const plain = await h.context.newPage();
    // The same page with the extension's badges stripped is the reference for the page's own text.
    await plain.goto(LIST_URL);
    await expect.poll(async () => (await badgeIds(plain)).length, { timeout: 15_000 }).toBe(LISTED.length);
    expect((await badgeIds(plain)).sort()).toEqual([...LISTED].sort());
    const ownText = await pageOwnText(plain);
    expect(ownText).toContain('New submissions');
    // Each badge sits in its entry's title block.
    const inTitles = await plain
      .locator('.list-title [data-paper-radar="badge"], .list-title + [data-paper-radar="badge"]')
      .count();
    expect(inTitles).toBe(LISTED.length);

    // Running the content script again (as after an extension update) leaves one badge per paper per place. The
    // new run tags its badges with its own run id: wait until every badge carries a new one (proof that the
    // re-injected script ran and placed its badges), then count.
    const before = await runsOf(plain);
    expect(new Set(before).size).toBe(1);
    const tabId = await h.worker.evaluate(async (url) => {
      // Runs in the extension's service worker, where `chrome` is the extension API.
      const chrome = (globalThis as unknown as { chrome: typeof browser }).chrome;
      const [tab] = await chrome.tabs.query({ url });
      await chrome.scripting.executeScript({ target: { tabId: tab!.id! }, files: ['/arxiv-badges.js'] });
      return tab!.id!;
    }, LIST_URL);
    expect(tabId).toBeGreaterThan(0);
    await expect
      .poll(async () => (await runsOf(plain)).filter((r) => r !== before[0]).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(LISTED.length);
    expect(new Set(await runsOf(plain)).size).toBe(1);
    expect((await badgeIds(plain)).sort()).toEqual([...LISTED].sort());
    expect(await pageOwnText(plain)).toBe(ownText);
    await plain.close();
  });

  it('makes no line taller: a badge that fits on its line leaves its block the height it had', async () => {
    // A badge taller than the line it joins grows its title and moves everything below it: on a 2,000-entry
    // listing each frame of insertions then re-laid out and pre-painted the rest of the page (BENCHMARKS.md, issue
    // 13). Each badge's block is measured with the badge and with it hidden: the same height, or a whole line more
    // where the badge wrapped to a line of its own (no room left on the title's last line).
    const growth: number[] = [];
    for (const [url, count] of [
      [LIST_URL, LISTED.length],
      [ABS_URL, 1],
      [HTML_URL, CITED.length],
    ] as const) {
      const p = await h.context.newPage();
      await p.goto(url);
      await expect.poll(async () => (await badgeIds(p)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
      const measure = async () =>
        await p.locator('[data-paper-radar="badge"]').evaluateAll((hosts) =>
          // A host the badge script replaced meanwhile (a later update of the same badge) is no longer in a block.
          hosts.flatMap((host) => {
            const block = host.parentElement;
            if (!block) return [];
            const withBadge = block.getBoundingClientRect().height;
            (host as HTMLElement).style.display = 'none';
            const without = block.getBoundingClientRect().height;
            (host as HTMLElement).style.display = '';
            return [withBadge - without];
          }),
        );
      // Measured once the badges have settled (a badge may still be replaced by its own later update).
      let last: number[] = [];
      await expect
        .poll(
          async () => {
            last = await measure();
            return last.filter((g) => g > 0.01 && g < 10);
          },
          { timeout: 10_000 },
        )
        .toEqual([]);
      growth.push(...last);
      await p.close();
    }
    expect(growth.length).toBeGreaterThanOrEqual(LISTED.length + 1 + CITED.length);
    expect(growth.filter((g) => g > 0.01 && g < 10)).toEqual([]);
    expect(growth.filter((g) => Math.abs(g) <= 0.01).length).toBeGreaterThanOrEqual(LISTED.length);
  });

  it('badges the cited papers of an HTML full text that were on Daily Papers', async () => {
    const p = await h.context.newPage();
    await p.goto(HTML_URL);
    await expect.poll(async () => (await badgeIds(p)).sort(), { timeout: 15_000 }).toEqual([...CITED].sort());
    await p.close();
  });

  it("renders a badge's hostile feed text as text: no element made of it, no script run", async () => {
    const p = await h.context.newPage();
    await p.goto(ABS_URL);
    await expect.poll(() => badgeIds(p), { timeout: 15_000 }).toEqual(['1902.02534']);
    const badge = await p.locator('[data-paper-radar="badge"]').evaluate((e) => {
      const root = e.shadowRoot!;
      return {
        tooltip: root.querySelector('a')?.title ?? '',
        // The badge's own radar mark (an empty span.mark drawn by its styles) is the only drawing it makes.
        injected: [...root.querySelectorAll('img, script, svg, b')].map((el) => el.tagName),
        marks: [...root.querySelectorAll('.mark')].map((m) => `${m.tagName.toLowerCase()}:${m.childNodes.length}`),
        tags: [...new Set([...root.querySelectorAll('*')].map((el) => el.tagName.toLowerCase()))].sort(),
      };
    });
    // The markup arrived (as the tooltip's text) …
    expect(badge.tooltip).toContain(HOSTILE_TITLE);
    expect(badge.tooltip).toContain(HOSTILE_SUMMARY);
    // … and made no element: the badge is its link, its text spans, its mark and (without adopted sheets) its style.
    expect(badge.injected).toEqual([]);
    expect(badge.marks).toEqual(['span:0']);
    expect(badge.tags.filter((t) => !['a', 'span', 'style'].includes(t))).toEqual([]);
    const pwned = await p.evaluate(() => document.documentElement.dataset.pwned ?? null);
    expect(pwned).toBeNull();
    await p.close();
  });

  it('shows no badge on the next load of an arXiv page once badges on arXiv are turned off in the settings', async () => {
    const options = await h.open('options.html');
    const arxivBox = options.locator('input[name="badgesOnArxiv"]');
    /** Clicks the settings' box and waits until the stored setting (which the box shows) has the new value. */
    const setBadges = async (on: boolean) => {
      await arxivBox.click();
      await expect.poll(() => arxivBox.isChecked(), { timeout: 5_000 }).toBe(on);
    };
    await setBadges(false);

    const p = await h.context.newPage();
    await p.goto(ABS_URL);
    // The popup's one-off scan of the tab reads the page after the content script's start (document idle) and finds
    // the paper, so the page was read and the badge's absence is the setting's doing, not a page not yet scanned.
    const popup = await h.open(`popup.html?tabId=${await tabIdOf(h, ABS_URL)}`);
    await expect
      .poll(
        () =>
          popup
            .locator('[data-paper-radar="detected"]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id'))),
        {
          timeout: 15_000,
        },
      )
      .toEqual(['1902.02534']);
    expect(await p.locator('[data-paper-radar="badge"]').count()).toBe(0);
    await popup.close();

    // Turned on again, the next load has its badge (so the check above could see one).
    await setBadges(true);
    await p.reload();
    await expect.poll(() => badgeIds(p), { timeout: 15_000 }).toEqual(['1902.02534']);
    await p.close();
    await options.close();
  });

  it('requests nothing but the feed', () => {
    expect(h.feedRequests.length).toBeGreaterThan(0);
    expect(h.feedRequests.every((u) => u.startsWith('https://huggingface.co/api/daily_papers?'))).toBe(true);
    expect(h.leaks).toEqual([]);
  });
});
