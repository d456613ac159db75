/**
 * "Related to the N papers this page cites" on the production build in real Chromium: an arXiv HTML full-text page
 * of a cached paper whose bibliography cites four cached papers (and one the cache does not hold), built from the
 * recorded feed of the repository's fixtures. The popup's section must list exactly the background's ranking for the
 * cited set with the own paper excluded, never the own paper nor a cited one, and name what the set shares.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../lib/feed/paper';
import { recordedDay } from '../helpers/recorded-feed';
import { escapeHtml } from '../helpers/paper-pages';
import { asNewestDays, newestDaysFeed, papersOf, recordedDatesBeforeSnapshot, syncNow } from './feed';
import { launch, type Harness } from './harness';

const bodies = recordedDatesBeforeSnapshot(6).map((d) => recordedDay(d)!);
const { feed } = newestDaysFeed(bodies);
const papers = papersOf(asNewestDays(bodies).values());

/** Four served papers sharing an AI keyword phrase (the most common one held by 5 to 12 papers): a topic. */
function fourOnOneTopic(): Paper[] {
  const byKeyword = new Map<string, Paper[]>();
  for (const p of papers.values()) {
    for (const k of new Set(p.keywords.map((x) => x.toLowerCase()))) {
      byKeyword.set(k, [...(byKeyword.get(k) ?? []), p]);
    }
  }
  const [, group] = [...byKeyword]
    .filter(([k, ps]) => k.includes(' ') && ps.length >= 5 && ps.length <= 12)
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
  return group.slice(0, 4);
}

const cited = fourOnOneTopic();
/** A cited arXiv id the cache does not hold (identified on the page, not part of the query). */
const UNCACHED = '2101.00001';

/** The page arXiv serves for a paper's HTML full text: its meta tags, its text, its bibliography. */
function fullTextPage(p: Paper, refs: readonly Paper[]): string {
  const bib = [...refs.map((r) => ({ id: r.id, title: r.title })), { id: UNCACHED, title: 'An uncached preprint' }]
    .map(
      (r, i) =>
        `<li id="bib.bib${i + 1}" class="ltx_bibitem"><span class="ltx_tag">[${i + 1}]</span> ` +
        `<span class="ltx_bibblock">${escapeHtml(r.title)}. ` +
        `<a href="https://arxiv.org/abs/${r.id}" class="ltx_ref">arXiv:${r.id}</a></span></li>`,
    )
    .join('\n');
  return `<!doctype html><html><head><title>${escapeHtml(p.title)}</title>
  <meta name="citation_title" content="${escapeHtml(p.title)}"><meta name="citation_arxiv_id" content="${p.id}">
  </head><body><article class="ltx_document"><h1 class="ltx_title ltx_title_document">${escapeHtml(p.title)}</h1>
  <div class="ltx_abstract"><h6>Abstract</h6><p class="ltx_p">${escapeHtml(p.abstract)}</p></div>
  <section class="ltx_bibliography" id="bib"><h2 class="ltx_title ltx_title_bibliography">References</h2>
  <ul class="ltx_biblist">${bib}</ul></section></article></body></html>`;
}

const ids = (page: Page, role: string) =>
  page
    .locator(`[data-paper-radar="${role}"]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id') ?? ''));

type Reply = { kind: string; hits: { id: string }[]; shared?: string[] };

/** The background's answer to a `related` request, asked from an extension page. */
function related(page: Page, source: unknown): Promise<Reply> {
  return page.evaluate(async (source) => {
    const { chrome } = globalThis as unknown as {
      chrome: { runtime: { sendMessage(m: unknown): Promise<Reply> } };
    };
    return chrome.runtime.sendMessage({ type: 'related', source, limit: 10 });
  }, source);
}

let h: Harness;
let own: Paper;
let url: string;

beforeAll(async () => {
  h = await launch({ feed });
  await syncNow(h, papers.size);
  // The page's own paper is the one most related to what it cites: left in, it would be the section's first row.
  const page = await h.open('popup.html');
  const first = (await related(page, { papers: cited.map((p) => p.id) })).hits[0]!.id;
  await page.close();
  own = papers.get(first)!;
  url = `https://arxiv.org/html/${own.id}v1`;
  await h.servePage(url, fullTextPage(own, cited));
});
afterAll(async () => {
  await h?.close();
});

describe('the popup on a page with a paper of its own that cites several papers', () => {
  it('lists the background’s ranking for the cited set, never the own paper nor a cited one, with what they share', async () => {
    const tab = await h.context.newPage();
    await tab.goto(url);
    const popup = await h.open(`popup.html?tabId=${await h.tabIdOf(url)}`);
    const rows = popup.locator('[data-paper-radar="cited-related"]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(4);
    // The own paper's list is there too, unchanged in role.
    expect(await popup.locator('[data-paper-radar="related"]').count()).toBeGreaterThan(0);
    const shown = await ids(popup, 'cited-related');
    expect(shown).not.toContain(own.id);
    for (const p of cited) expect(shown).not.toContain(p.id);
    expect(shown).not.toContain(UNCACHED);
    // The page's cited papers are detected (the uncached one too), the four cached ones make the query. The
    // detected list has its own lookup, which may land after the cited rows (a CI run read it while still loading).
    const missing = async () => {
      const detected = new Set(await ids(popup, 'detected'));
      return [own.id, ...cited.map((p) => p.id), UNCACHED].filter((id) => !detected.has(id));
    };
    await expect.poll(missing, { timeout: 30_000 }).toEqual([]);
    expect(await popup.locator('#pr-cited-title').textContent()).toBe(
      `Related to the ${cited.length} papers this page cites`,
    );
    // The same ranking the background gives for the cited set as one source, the own paper excluded.
    const direct = await related(popup, { papers: [...cited.map((p) => p.id), UNCACHED], exclude: [own.id] });
    expect(direct.kind).toBe('related');
    expect(shown).toEqual(direct.hits.map((x) => x.id));
    // What the set shares, named above the rows as the background computed it.
    expect(direct.shared?.length ?? 0).toBeGreaterThan(0);
    expect(await popup.locator('[data-section="cited"] [data-paper-radar="set-terms"]').textContent()).toBe(
      `These papers share: ${direct.shared!.join(', ')}`,
    );
    await popup.close();
    await tab.close();
  });
});
