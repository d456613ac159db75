/**
 * The user's own data on the production build in real Chromium: the reading history that visits to arXiv pages
 * fill, "for you" from it, clearing it from the options page, followed keywords marking the entries of the recorded
 * hep-th listing, the day and week views, and saved papers surviving a browser restart on the same profile.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toIsoDay } from '../../lib/feed/dates';
import { PERIOD_PAGE, rankPeriod, type Period } from '../../lib/feed/periods';
import type { Paper } from '../../lib/feed/paper';
import { recordedDay, recordedPage } from '../helpers/recorded-feed';
import { asNewestDays, newestDaysFeed, papersOf, recordedDatesBeforeSnapshot, syncNow } from './feed';
import { launch, type Harness } from './harness';

const DAYS = 6;
/**
 * The `DAYS` fullest of the 40 recorded list dates before the snapshot's, newest first. Served as the newest days,
 * they split across weeks and months by today's date; any 3 of them hold more than a reader's page (checked in the
 * period test), so the widest week and month page whatever the date. (The 6 dates just before the snapshot held 135
 * papers, and from 2 December the widest month's 4 of them only 93: no paging, and the test failed by the calendar.)
 */
const bodies = recordedDatesBeforeSnapshot(40)
  .map((d) => recordedDay(d)!)
  .map((body) => ({ body, n: (JSON.parse(body) as unknown[]).length }))
  .map((day, i) => ({ ...day, i }))
  .sort((a, b) => b.n - a.n || a.i - b.i)
  .slice(0, DAYS)
  .sort((a, b) => a.i - b.i)
  .map((d) => d.body);
const { feed } = newestDaysFeed(bodies);
const papers = papersOf(asNewestDays(bodies).values());
const LIST_URL = 'https://arxiv.org/list/hep-th/new';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** An arXiv abstract page for `p`, with the meta tags arXiv's pages carry. */
function absPage(p: Paper): string {
  return `<!doctype html><html><head><title>[${p.id}] ${esc(p.title)}</title>
  <meta name="citation_title" content="${esc(p.title)}"><meta name="citation_arxiv_id" content="${p.id}">
  <meta name="citation_abstract" content="${esc(p.abstract)}"></head><body>
  <h1 class="title mathjax"><span class="descriptor">Title:</span>${esc(p.title)}</h1>
  <td class="tablecell subjects"><span class="primary-subject">Computation and Language (cs.CL)</span></td>
  <blockquote class="abstract mathjax"><span class="descriptor">Abstract:</span>${esc(p.abstract)}</blockquote>
  </body></html>`;
}

/** Three served papers sharing an AI keyword phrase that at least four served papers have: a reader's topic. */
function threeRelated(): Paper[] {
  const byKeyword = new Map<string, Paper[]>();
  for (const p of papers.values()) {
    for (const k of new Set(p.keywords.map((x) => x.toLowerCase()))) {
      byKeyword.set(k, [...(byKeyword.get(k) ?? []), p]);
    }
  }
  const [, group] = [...byKeyword]
    .filter(([, ps]) => ps.length >= 4 && ps.length <= 12)
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
  return group.slice(0, 3);
}

const ids = (page: Page, role: string) =>
  page
    .locator(`[data-paper-radar="${role}"]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id') ?? ''));

let h: Harness;
const read = threeRelated();

beforeAll(async () => {
  h = await launch({ feed });
  for (const p of read) await h.servePage(`https://arxiv.org/abs/${p.id}`, absPage(p));
  await h.servePage(LIST_URL, recordedPage('arxiv-list-hep-th-new-2024-08-09.html'));
  await syncNow(h, papers.size);
});
afterAll(async () => {
  await h?.close();
});

async function forYouIds(): Promise<string[]> {
  const reader = await h.open('reader.html?view=for-you');
  await expect.poll(async () => (await ids(reader, 'for-you')).length, { timeout: 15_000 }).toBeGreaterThan(9);
  const list = await ids(reader, 'for-you');
  await reader.close();
  return list;
}

async function historyIds(options: Page): Promise<string[]> {
  return options
    .locator('[data-history-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-history-id') ?? ''));
}

describe('the reading history and "for you"', () => {
  let before: string[];

  it('with an empty history, "for you" lists recent papers by upvotes', async () => {
    before = await forYouIds();
    const upvotes = before.map((id) => papers.get(id)!.upvotes);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
  });

  it('visiting three arXiv abstract pages fills the history and changes "for you"', async () => {
    for (const p of read) {
      const tab = await h.context.newPage();
      await tab.goto(`https://arxiv.org/abs/${p.id}`);
      await tab.locator('[data-paper-radar="badge"]').first().waitFor({ timeout: 15_000 });
      await tab.close();
    }
    const options = await h.open('options.html');
    await expect.poll(() => historyIds(options), { timeout: 15_000 }).toHaveLength(3);
    // Newest visit first.
    expect(await historyIds(options)).toEqual(read.map((p) => p.id).reverse());
    await options.close();

    const reader = await h.open('reader.html?view=for-you');
    await expect.poll(() => reader.locator('.pr-because').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const after = await ids(reader, 'for-you');
    expect(after).not.toEqual(before);
    for (const p of read) expect(after).not.toContain(p.id);
    // The first recommendation says which read paper it follows.
    const because = await reader.locator('[data-paper-radar="for-you"]').first().locator('.pr-because').textContent();
    expect(read.some((p) => because?.includes(p.title))).toBe(true);
    await reader.close();

    // The popup shows the same recommendations, the first ones before "Show all".
    const popup = await h.open('popup.html');
    await expect.poll(() => ids(popup, 'for-you'), { timeout: 15_000 }).toEqual(after.slice(0, 5));
    await popup.locator('[data-paper-radar="more"]').last().click();
    await expect.poll(() => ids(popup, 'for-you')).toEqual(after.slice(0, 20));
    await popup.close();
  });

  it('clearing the history empties it at once, "for you" falls back to trending, and Undo brings it back', async () => {
    const options = await h.open('options.html');
    await expect.poll(() => historyIds(options), { timeout: 15_000 }).toHaveLength(3);
    await options.locator('[data-paper-radar="clear-history"]').click();
    await expect.poll(() => historyIds(options)).toEqual([]);
    expect(await forYouIds()).toEqual(before);

    await options.locator('[data-action="undo"]').click();
    await expect.poll(() => historyIds(options)).toHaveLength(3);
    await options.locator('[data-paper-radar="clear-history"]').click();
    await expect.poll(() => historyIds(options)).toEqual([]);
    await options.close();
  });
});

describe('followed keywords on an arXiv listing', () => {
  it('marks exactly the entries of the recorded hep-th listing that match, beside their badges', async () => {
    const options = await h.open('options.html');
    const field = options.locator('input[name="follow"]');
    await field.waitFor({ timeout: 10_000 });
    await field.fill('black hole');
    await options.getByRole('button', { name: 'Follow', exact: true }).click();
    await options.locator('[data-follow="keyword:black hole"]').waitFor({ timeout: 10_000 });
    await options.locator('input[name="followRegex"]').check();
    await field.fill('axions?');
    await options.getByRole('button', { name: 'Follow', exact: true }).click();
    await options.locator('[data-follow="regex:axions?"]').waitFor({ timeout: 10_000 });
    // An invalid pattern is refused with a message, and nothing is added.
    await field.fill('(unclosed');
    await options.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect
      .poll(() => options.locator('[data-follow-error]').textContent(), { timeout: 10_000 })
      .toMatch(/Not a valid regular expression/);
    expect(await options.locator('[data-follow]').count()).toBe(2);
    await options.close();

    const listing = await h.context.newPage();
    await listing.goto(LIST_URL);
    // What should match, computed on the page independently of the extension: each entry's text (title, authors,
    // abstract) tested with the browser's own regular expressions.
    const expected = await listing.evaluate(() => {
      const out: Record<string, string[]> = {};
      for (const dt of document.querySelectorAll('dl > dt')) {
        const id = /abs\/([^\s"?#]+)/.exec(dt.querySelector('a[href*="/abs/"]')?.getAttribute('href') ?? '')?.[1];
        const text = dt.nextElementSibling?.textContent ?? '';
        const labels = [
          ...(/\bblack[^\p{L}\p{N}]+holes?\b/iu.test(text) ? ['black hole'] : []),
          ...(/axions?/i.test(text) ? ['/axions?/'] : []),
        ];
        if (id && labels.length > 0) out[id] = labels;
      }
      return out;
    });
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    const marks = () =>
      listing
        .locator('[data-paper-radar="follow-mark"]')
        .evaluateAll((els) =>
          Object.fromEntries(
            els.map((e) => [
              e.getAttribute('data-arxiv-id') ?? '',
              (e.shadowRoot?.querySelector('span')?.textContent ?? '').replace(/^★\s*/, '').split(', '),
            ]),
          ),
        );
    await expect.poll(marks, { timeout: 15_000 }).toEqual(expected);
    // Each mark sits in its entry's title block, and nothing is dimmed (dimming is off by default).
    expect(await listing.locator('.list-title [data-paper-radar="follow-mark"]').count()).toBe(
      Object.keys(expected).length,
    );
    expect(await listing.locator('[data-pr-dim]').count()).toBe(0);
    await listing.close();
  });
});

describe('periods', () => {
  const newest = [...papers.values()]
    .map((p) => p.listDate)
    .sort()
    .at(-1)!;

  /** The Monday of `day`'s ISO week, computed here independently of `lib/feed/periods`. */
  const monday = (day: string) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  };
  const samePeriod: Record<Period, (a: string, b: string) => boolean> = {
    day: (a, b) => a === b,
    week: (a, b) => monday(a) === monday(b),
    month: (a, b) => a.slice(0, 7) === b.slice(0, 7),
  };

  /** The period's papers, best first, computed from the served feed alone. */
  function expected(period: Period, day: string): string[] {
    return rankPeriod([...papers.values()].filter((p) => samePeriod[period](p.listDate, day))).map((p) => p.id);
  }

  /**
   * The reader's rows after loading every page: "Show more" (the keyboard's way: focus, Enter) until it is gone,
   * each press adding the next page; the count in the heading is checked against the rows.
   */
  async function rowIds(page: Page, pages = { pressed: 0 }): Promise<string[]> {
    const more = page.locator('[data-paper-radar="more"]');
    const rows = page.locator('[data-paper-radar="paper"]');
    while ((await more.count()) > 0) {
      const before = await rows.count();
      await more.first().focus();
      await page.keyboard.press('Enter');
      pages.pressed++;
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(before);
    }
    return ids(page, 'paper');
  }

  /** A served day whose `period` holds the most served days (at least 3 of the 6 consecutive ones). */
  function widest(period: Period): string {
    const served = Array.from({ length: DAYS }, (_, i) => addDays(newest, -i));
    const held = (d: string) => served.filter((x) => samePeriod[period](x, d)).length;
    const day = served.reduce((best, d) => (held(d) > held(best) ? d : best));
    expect(held(day)).toBeGreaterThanOrEqual(3);
    return day;
  }

  it("`?view=day|week|month&date=` lists exactly that period's papers, best first", async () => {
    // The premise of the paging checks below, whatever today's date: any 3 served days hold more than one page.
    const perDay = [...papers.values()].reduce((m, p) => m.set(p.listDate, (m.get(p.listDate) ?? 0) + 1), new Map());
    const fewest3 = [...perDay.values()].sort((a, b) => a - b).slice(0, 3);
    expect(fewest3.reduce((a, b) => a + b, 0)).toBeGreaterThan(PERIOD_PAGE);
    const cases: [Period, string][] = [
      ['day', newest],
      ['week', widest('week')],
      ['month', widest('month')],
    ];
    let paged = 0;
    for (const [period, day] of cases) {
      const want = expected(period, day);
      expect(want.length).toBeGreaterThan(0);
      const reader = await h.open(`reader.html?view=${period}&date=${day}`);
      const rows = reader.locator('[data-paper-radar="paper"]');
      // The first page: the best PERIOD_PAGE papers, before any "Show more".
      await expect.poll(() => ids(reader, 'paper'), { timeout: 15_000 }).toEqual(want.slice(0, PERIOD_PAGE));
      const pages = { pressed: 0 };
      await expect.poll(() => rowIds(reader, pages), { timeout: 30_000 }).toEqual(want);
      expect(pages.pressed).toBe(Math.ceil(want.length / PERIOD_PAGE) - 1);
      paged += pages.pressed;
      // Focus is on the first row of the last page loaded (the keyboard goes on where the list grew).
      if (pages.pressed > 0) {
        const focused = await reader.evaluate(() =>
          document.activeElement?.closest('[data-arxiv-id]')?.getAttribute('data-arxiv-id'),
        );
        expect(focused).toBe(want[pages.pressed * PERIOD_PAGE]);
      }
      expect(await rows.count()).toBe(want.length);
      await reader.close();
    }
    // The served month holds more than one page: the paging itself was driven.
    expect(paged).toBeGreaterThan(0);
  });

  it('`&date=` that names no real day lists today’s period, as no `date` does', async () => {
    expect(newest).toBe(toIsoDay(Date.now()));
    const reader = await h.open('reader.html?view=day&date=2026-13-45');
    await expect
      .poll(() => ids(reader, 'paper'), { timeout: 15_000 })
      .toEqual(expected('day', newest).slice(0, PERIOD_PAGE));
    expect(await reader.locator('.pr-notice').allTextContents()).toEqual([]);
    await reader.close();
  });

  it("a topic filter keeps exactly the period's papers of that topic, in the same order", async () => {
    const reader = await h.open(`reader.html?view=month&date=${widest('month')}`);
    const select = reader.locator('select[name="topic"]');
    await expect.poll(() => select.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    const all = expected('month', widest('month'));
    await expect.poll(() => rowIds(reader), { timeout: 15_000 }).toEqual(all);
    const topic = await select.locator('option').nth(1).getAttribute('value');
    // The papers whose rows carry the topic's chip, before filtering.
    const tagged = await reader
      .locator(`[data-paper-radar="paper"]:has([data-topic="${topic}"])`)
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id') ?? ''));
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.length).toBeLessThan(all.length);
    await select.selectOption(topic!);
    await expect.poll(() => rowIds(reader), { timeout: 15_000 }).toEqual(tagged);
    await reader.close();
  });
});

describe('a topic filter on search', () => {
  const months = [...new Set([...papers.values()].map((p) => p.listDate.slice(0, 7)))];

  /** Every cached paper's topics, as the month views' rows show them (every served day is in one of `months`). */
  async function topicsOfPapers(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const month of months) {
      const reader = await h.open(`reader.html?view=month&date=${month}-15`);
      const rows = reader.locator('[data-paper-radar="paper"]');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const more = reader.locator('[data-paper-radar="more"]');
      while ((await more.count()) > 0) {
        const before = await rows.count();
        await more.first().click();
        await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(before);
      }
      const found = await rows.evaluateAll((els) =>
        els.map((e) => [
          e.getAttribute('data-arxiv-id') ?? '',
          [...e.querySelectorAll('[data-topic]')].map((t) => t.getAttribute('data-topic') ?? ''),
        ]),
      );
      for (const [id, topics] of found) out.set(id as string, topics as string[]);
      await reader.close();
    }
    expect(out.size).toBe(papers.size);
    return out;
  }

  const resultIds = (page: Page) => ids(page, 'result');

  /**
   * A query with fewer results than the reader shows (100), the topic holding the most of them but not all, and
   * those results of it (at least two), from the first of a few common words that gives such a case.
   */
  async function queryCase(members: Map<string, string[]>) {
    for (const q of ['language', 'reasoning', 'video', 'image', 'agent', 'diffusion', 'benchmark', 'model']) {
      const reader = await h.open(`reader.html?q=${encodeURIComponent(q)}`);
      // Answered: results, or the "no match" notice, and nothing loading.
      const answered = async () =>
        (await reader.locator('[aria-label="Search results"][aria-busy="false"]').count()) === 1 &&
        (await resultIds(reader)).length + (await reader.locator('.pr-notice--none').count()) > 0;
      await expect.poll(answered, { timeout: 15_000 }).toBe(true);
      const all = await resultIds(reader);
      await reader.close();
      if (all.length === 0 || all.length >= 100) continue;
      const counts = new Map<string, number>();
      for (const id of all) for (const t of members.get(id) ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
      const best = [...counts]
        .filter(([, n]) => n < all.length)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
      if (!best || best[1] < 2) continue;
      return { q, all, topic: best[0], want: all.filter((id) => members.get(id)?.includes(best[0])) };
    }
    throw new Error('no query with a topic holding two of its results');
  }

  it('`reader.html?q=…&topic=…` lists exactly the results of that topic, in the same order', async () => {
    const { q, all, topic, want } = await queryCase(await topicsOfPapers());
    expect(want.length).toBeGreaterThan(1);
    expect(want.length).toBeLessThan(all.length);

    const filtered = await h.open(`reader.html?q=${encodeURIComponent(q)}&topic=${encodeURIComponent(topic)}`);
    await expect.poll(() => resultIds(filtered), { timeout: 15_000 }).toEqual(want);
    // The select shows the topic; choosing "All topics" brings every result back and the URL follows.
    const select = filtered.locator('select[name="topic"]');
    await expect.poll(() => select.inputValue(), { timeout: 15_000 }).toBe(topic);
    await select.selectOption('');
    await expect.poll(() => resultIds(filtered), { timeout: 15_000 }).toEqual(all);
    expect(new URL(filtered.url()).searchParams.get('topic')).toBeNull();
    await select.selectOption(topic);
    await expect.poll(() => resultIds(filtered), { timeout: 15_000 }).toEqual(want);
    expect(new URL(filtered.url()).searchParams.get('topic')).toBe(topic);
    await filtered.close();

    // The popup: the same filter under its search box (its 20 first results).
    const popup = await h.open('popup.html');
    await popup.locator('[data-paper-radar="search"]').fill(q);
    await expect.poll(() => resultIds(popup), { timeout: 15_000 }).toEqual(all.slice(0, 20));
    await popup.locator('select[name="topic"]').selectOption(topic);
    await expect.poll(() => resultIds(popup), { timeout: 15_000 }).toEqual(want.slice(0, 20));
    await popup.close();
  });
});

describe('saved papers', () => {
  it('survive a browser restart on the same profile', async () => {
    const newest = [...papers.values()]
      .map((p) => p.listDate)
      .sort()
      .at(-1)!;
    const reader = await h.open(`reader.html?view=day&date=${newest}`);
    const rows = reader.locator('[data-paper-radar="paper"]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(2);
    const chosen = (await ids(reader, 'paper')).slice(0, 2);
    for (const id of chosen) {
      await reader.locator(`[data-paper-radar="paper"][data-arxiv-id="${id}"] [data-action="save"]`).click();
      await reader
        .locator(`[data-paper-radar="paper"][data-arxiv-id="${id}"] [data-action="save"][aria-pressed="true"]`)
        .waitFor({ timeout: 10_000 });
    }
    await reader.close();

    const profile = h.userDataDir;
    await h.close({ keepProfile: true });
    h = await launch({ feed, userDataDir: profile });
    const again = await h.open('reader.html?view=saved');
    await expect.poll(async () => (await ids(again, 'paper')).sort(), { timeout: 20_000 }).toEqual([...chosen].sort());
    await again.close();
  });

  it('the Saved view exports the saved papers as BibTeX and lists the papers related to them as a set, never a saved one', async () => {
    const reader = await h.open('reader.html?view=saved');
    await expect.poll(async () => (await ids(reader, 'paper')).length, { timeout: 20_000 }).toBeGreaterThan(1);
    const savedIds = await ids(reader, 'paper');
    const related = reader.locator('section[aria-labelledby="pr-related-saved-h"] [data-paper-radar="related"]');
    await expect.poll(() => related.count(), { timeout: 20_000 }).toBeGreaterThan(4);
    const relatedIds = await ids(reader, 'related');
    for (const id of savedIds) expect(relatedIds).not.toContain(id);
    // The why names phrases of the set's titles and keywords a row shares (rows related through abstracts have none).
    expect(await related.locator('.pr-why').count()).toBeGreaterThan(0);
    // The same ranking the background gives for the set as one source (the two saved papers together).
    const direct = await reader.evaluate(async (papers) => {
      const { chrome } = globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<{ hits: { id: string }[]; shared?: string[] }> } };
      };
      return chrome.runtime.sendMessage({ type: 'related', source: { papers }, limit: 20 });
    }, savedIds);
    expect(relatedIds).toEqual(direct.hits.map((x) => x.id));
    // What the saved papers share as a whole, when they share a keyword, named above the rows as the background did.
    const terms = reader.locator('section[aria-labelledby="pr-related-saved-h"] [data-paper-radar="set-terms"]');
    if (direct.shared && direct.shared.length > 0) {
      expect(await terms.textContent()).toBe(`These papers share: ${direct.shared.join(', ')}`);
    } else expect(await terms.count()).toBe(0);
    // "Export all as BibTeX" downloads one arXiv-shaped entry per saved paper.
    const [bib] = await Promise.all([
      reader.waitForEvent('download'),
      reader.locator('[data-action="export-bibtex"]').click(),
    ]);
    expect(bib.suggestedFilename()).toBe('paper-radar-saved.bib');
    const text = readFileSync((await bib.path())!, 'utf8');
    expect(text.match(/^@misc\{/gm)).toHaveLength(savedIds.length);
    for (const id of savedIds) expect(text).toContain(`eprint={${id}},`);
    await reader.close();
  });

  it('survive an export and an import into a fresh profile, with the reading history and the follows', async () => {
    // One visit, so the history has an entry to carry (the tests above cleared it; the browser was restarted).
    await h.servePage(`https://arxiv.org/abs/${read[0]!.id}`, absPage(read[0]!));
    const tab = await h.context.newPage();
    await tab.goto(`https://arxiv.org/abs/${read[0]!.id}`);
    await tab.locator('[data-paper-radar="badge"]').first().waitFor({ timeout: 15_000 });
    await tab.close();
    const saved = await h.open('reader.html?view=saved');
    await expect.poll(async () => (await ids(saved, 'paper')).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const savedIds = (await ids(saved, 'paper')).sort();
    await saved.close();
    const options = await h.open('options.html');
    await expect.poll(() => historyIds(options), { timeout: 15_000 }).toEqual([read[0]!.id]);
    const followsOf = (page: Page) =>
      page.locator('[data-follow]').evaluateAll((els) => els.map((e) => e.getAttribute('data-follow') ?? '').sort());
    const follows = await followsOf(options);
    expect(follows.length).toBeGreaterThan(0);
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.locator('button[name="export"]').click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'pr-e2e-export-')), 'export.json');
    await download.saveAs(file);
    await options.close();

    // A fresh profile, nothing synced by hand: the import alone brings the saved papers, the history and the follows.
    const fresh = await launch({ feed });
    try {
      const target = await fresh.open('options.html');
      await target.locator('input[name="import"]').setInputFiles(file);
      await expect
        .poll(() => target.locator('[data-library="note"]').textContent(), { timeout: 60_000 })
        .toMatch(/^Imported .*saved/);
      await target.reload();
      await expect.poll(() => historyIds(target), { timeout: 15_000 }).toEqual([read[0]!.id]);
      await expect.poll(() => followsOf(target), { timeout: 15_000 }).toEqual(follows);
      await target.close();
      const reader = await fresh.open('reader.html?view=saved');
      await expect.poll(async () => (await ids(reader, 'paper')).sort(), { timeout: 20_000 }).toEqual(savedIds);
      await reader.close();
      expect(fresh.leaks).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('requests nothing but the feed', () => {
    expect(h.leaks).toEqual([]);
  });
});
