/**
 * "For you" measured against people's judgments, in real Chromium on the production build: `npx tsx bench/for-you.ts`.
 *
 * The recorded feed (every distinct entry of ../shared/data/feed but the ~600 of the bundled snapshot, see
 * `snapshotIds`: ~8,950 papers) is served as the 30 newest list dates (`FOR_YOU_WINDOW_DAYS`: each entry re-dated to
 * one of them), so the candidate pool — the recent window "for you" draws from — is the whole store, and the same
 * pool serves all three rankers. For each trial of
 * `judgedTrials` (one per non-broad judged section with more than three papers in the corpus) the reading history
 * is cleared, the reader opens the arXiv abstract pages of the trial's three papers in tabs (routed pages with the
 * paper's meta tags; the content script records each visit), and the top 10 are read from:
 * - "for you": `reader.html?view=for-you`, rows `data-paper-radar="for-you"`;
 * - trending alone: "for you" with an empty history (the pool by upvotes), read papers left out;
 * - related to the last paper read: the background's `related` answer for it (the popup's list), read papers out.
 * P@10 per trial = hits in the top 10 / min(10, section papers not read); the mean over trials is reported.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { addDays, toIsoDay } from '../lib/feed/dates';
import type { Paper } from '../lib/feed/paper';
import { FOR_YOU_WINDOW_DAYS } from '../lib/background/personal';
import { launch } from '../tests/e2e/harness';
import { papersOf } from '../tests/e2e/feed';
import { recordedResponses } from './corpus';
import { judgedTrials, mean, precisionAt10, type Trial } from './for-you-judged';

type RawEntry = { paper: { id: string; submittedOnDailyAt?: string } } & Record<string, unknown>;

/**
 * The ids of the bundled first-run snapshot (`public/snapshot.json`, the 30 newest recorded list dates). They are
 * left out of the served window: their first-run copies keep their true, older list date (the store's merge rule:
 * the earliest listing wins) and leave with retention, so serving them would not put them in the pool.
 */
function snapshotIds(): Set<string> {
  const snapshot = JSON.parse(readFileSync(join(import.meta.dirname, '../public/snapshot.json'), 'utf8')) as {
    days: string[];
  };
  const days = new Set(snapshot.days);
  const ids = new Set<string>();
  for (const r of recordedResponses()) {
    if (!r.date || !days.has(r.date)) continue;
    for (const e of JSON.parse(r.text) as RawEntry[]) if (typeof e?.paper?.id === 'string') ids.add(e.paper.id);
  }
  return ids;
}

/** Every distinct recorded entry but the snapshot's, re-dated over the newest `days` list dates. */
function windowBodies(days: number, today: string): Map<string, string> {
  const seen = snapshotIds();
  const entries: RawEntry[] = [];
  for (const r of recordedResponses()) {
    for (const e of JSON.parse(r.text) as RawEntry[]) {
      if (typeof e?.paper?.id !== 'string' || seen.has(e.paper.id)) continue;
      seen.add(e.paper.id);
      entries.push(e);
    }
  }
  const per = Math.ceil(entries.length / days);
  const out = new Map<string, string>();
  for (let d = 0; d < days; d++) {
    const date = addDays(today, -d);
    const chunk = entries.slice(d * per, (d + 1) * per).map((e) => ({
      ...e,
      paper: { ...e.paper, submittedOnDailyAt: `${date}T12:00:00.000Z` },
    }));
    out.set(date, JSON.stringify(chunk));
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function absPage(p: Paper): string {
  return `<!doctype html><html><head><title>[${p.id}] ${esc(p.title)}</title>
  <meta name="citation_title" content="${esc(p.title)}"><meta name="citation_arxiv_id" content="${p.id}">
  <meta name="citation_abstract" content="${esc(p.abstract)}"></head><body>
  <h1 class="title mathjax">${esc(p.title)}</h1><blockquote class="abstract mathjax">${esc(p.abstract)}</blockquote>
  </body></html>`;
}

/** Sends a protocol request from an extension page. */
function ask<T>(page: Page, request: unknown): Promise<T> {
  return page.evaluate(
    (r) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage(r),
    request,
  ) as Promise<T>;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`for-you bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface ForYouBenchResult {
  pool: number;
  trials: number;
  trending: number;
  lastRead: number;
  forYou: number;
  perTrial: { name: string; trending: number; lastRead: number; forYou: number }[];
}

export async function measureForYou(): Promise<ForYouBenchResult> {
  const today = toIsoDay(Date.now());
  const byDate = windowBodies(FOR_YOU_WINDOW_DAYS, today);
  const papers = papersOf(byDate.values());
  const trials = judgedTrials(new Set(papers.keys()));
  const h = await launch({ feed: (url) => ({ body: byDate.get(url.searchParams.get('date') ?? '') ?? '[]' }) });
  try {
    for (const t of trials)
      for (const id of t.reads) await h.servePage(`https://arxiv.org/abs/${id}`, absPage(papers.get(id)!));
    const control = await h.open('options.html');
    await control
      .locator(`[data-paper-radar="sync-status"][data-state="idle"][data-count="${papers.size}"]`)
      .waitFor({ timeout: 600_000 });
    const forYouTop = async (): Promise<string[]> => {
      const reader = await h.open('reader.html?view=for-you');
      const rows = reader.locator('[data-paper-radar="for-you"]');
      await rows.nth(9).waitFor({ timeout: 60_000 });
      const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id') ?? ''));
      await reader.close();
      return ids;
    };
    await ask(control, { type: 'historyClear' });
    const trendingAll = (await ask<{ hits: { id: string }[] }>(control, { type: 'forYou', limit: 50 })).hits.map(
      (x) => x.id,
    );
    const perTrial: ForYouBenchResult['perTrial'] = [];
    for (const [i, t] of trials.entries()) {
      await ask(control, { type: 'historyClear' });
      for (const id of t.reads) {
        const tab = await h.context.newPage();
        await tab.goto(`https://arxiv.org/abs/${id}`);
        await waitFor(
          async () => (await ask<{ id: string }[]>(control, { type: 'history' })).some((e) => e.id === id),
          `the visit of ${id}`,
        );
        await tab.close();
      }
      const reads = new Set(t.reads);
      const forYou = await forYouTop();
      const last = t.reads.at(-1)!;
      const related = (
        await ask<{ hits: { id: string }[] }>(control, {
          type: 'related',
          source: { id: last, title: papers.get(last)!.title },
          limit: 20,
        })
      ).hits.map((x) => x.id);
      const row = {
        name: t.name,
        trending: precisionAt10(
          trendingAll.filter((id) => !reads.has(id)),
          t,
        ),
        lastRead: precisionAt10(
          related.filter((id) => !reads.has(id)),
          t,
        ),
        forYou: precisionAt10(forYou, t),
      };
      perTrial.push(row);
      process.stderr.write(
        `  ${i + 1}/${trials.length} ${row.forYou.toFixed(2)} ${row.lastRead.toFixed(2)} ${t.name}\n`,
      );
    }
    if (h.leaks.length > 0) throw new Error(`for-you bench: requests left the browser: ${h.leaks.join(', ')}`);
    return {
      pool: papers.size,
      trials: trials.length,
      trending: mean(perTrial.map((r) => r.trending)),
      lastRead: mean(perTrial.map((r) => r.lastRead)),
      forYou: mean(perTrial.map((r) => r.forYou)),
      perTrial,
    };
  } finally {
    await h.close();
  }
}

/** Trials where "for you" is checked: used by the report only. */
export type { Trial };

async function main(): Promise<void> {
  const r = await measureForYou();
  console.log(`## "For you" against the judged sections (real Chromium, production build)\n`);
  console.log(
    `Candidate pool: ${r.pool} papers (the recorded feed but the bundled snapshot's papers, served as the ${FOR_YOU_WINDOW_DAYS} newest list dates); ` +
      `${r.trials} trials (non-broad sections with more than 3 papers), k = 3 papers read per trial.\n`,
  );
  console.log('| ranker | P@10 |');
  console.log('|---|---:|');
  console.log(`| trending alone (most upvoted in the pool) | ${r.trending.toFixed(4)} |`);
  console.log(`| related to the last paper read | ${r.lastRead.toFixed(4)} |`);
  console.log(`| **for you** (the three reads) | **${r.forYou.toFixed(4)}** |`);
  const better = r.perTrial.filter((t) => t.forYou > t.lastRead).length;
  const worse = r.perTrial.filter((t) => t.forYou < t.lastRead).length;
  console.log(
    `\nPer trial against "last paper read": better in ${better}, worse in ${worse}, equal in ${r.trials - better - worse}.`,
  );
  if (!(r.forYou > r.lastRead && r.forYou > r.trending)) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
