/**
 * The content script's work in real Chromium (Debian's, headless), on real arXiv pages served from
 * ../shared/data/pages: detect the papers and badge each. Times are measured in the page around that work alone
 * (not the page's own load), median of 9 runs after 2 warm-ups.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../tests/e2e/harness';
import { bigListing, deriveTitles, feedTitles, PAGES } from './detect-corpus';
import { median } from './stats';

const code = (
  await build({
    entryPoints: [join(import.meta.dirname, 'page/content-bench.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
    target: 'chrome120',
  })
).outputFiles[0]!.text;

const listing = readFileSync(join(PAGES, 'arxiv-list-hep-th-new-2024-08-09.html'), 'utf8');
const pages: Record<string, string> = {
  'https://arxiv.org/list/hep-th/new': listing,
  'https://arxiv.org/list/hep-th/pastweek?show=2000': bigListing(listing, 2000),
  'https://arxiv.org/html/2501.11120v1': readFileSync(join(PAGES, 'arxiv-html-2501.11120v1.html'), 'utf8'),
};
const titles10k = deriveTitles(feedTitles(), 50_000).slice(0, 10_000);
const titles50k = deriveTitles(feedTitles(), 50_000);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
const context = await browser.newContext({ javaScriptEnabled: true });
await context.route('**/*', (route) => {
  const html = pages[route.request().url()];
  return html ? route.fulfill({ body: html, contentType: 'text/html' }) : route.abort();
});

type Run = {
  scanMs: number;
  cloneMs: number;
  matchMs: number;
  badgeMs: number;
  hits: number;
  badges: number;
  textKB: number;
  titleHits: number;
};
type Bench = {
  run(withTitles: boolean, inFeed?: number): Run;
  buildIndex(titles: { id: string; title: string }[]): { ms: number; size: number };
};
const rows: string[] = [];
const ms = (v: number) => `${v.toFixed(1)} ms`;
async function measure(
  label: string,
  url: string,
  target: string,
  titles?: { id: string; title: string }[],
  inFeed = 1,
) {
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(code);
  let build = '';
  if (titles) {
    const b = await page.evaluate(
      (t) => (globalThis as unknown as { __prContent: Bench }).__prContent.buildIndex(t),
      titles,
    );
    build = ` (index of ${b.size.toLocaleString('en-US')} titles built in ${b.ms.toFixed(0)} ms, once per store change)`;
  }
  const runs: Run[] = [];
  for (let i = 0; i < 11; i++) {
    runs.push(
      await page.evaluate(([w, f]) => (globalThis as unknown as { __prContent: Bench }).__prContent.run(w, f), [
        titles !== undefined,
        inFeed,
      ] as const),
    );
  }
  const timed = runs.slice(2);
  const last = timed.at(-1)!;
  const med = (f: (r: Run) => number) => median(timed.map(f));
  const detect = timed.map((r) => r.scanMs + r.cloneMs + r.matchMs);
  const total = timed.map((r) => r.scanMs + r.cloneMs + r.matchMs + r.badgeMs);
  rows.push(
    `| ${label}${build} | ${last.textKB.toFixed(0)} KB | ${last.hits} / ${last.badges} (${last.titleHits} by title) | ${ms(med((r) => r.scanMs))} | ${titles ? ms(med((r) => r.cloneMs)) : '—'} | ${titles ? ms(med((r) => r.matchMs)) : '—'} | **${ms(median(detect))}** (min ${ms(Math.min(...detect))}) | ${ms(med((r) => r.badgeMs))} | ${ms(median(total))} | ${target} |`,
  );
  await page.close();
}

await measure('hep-th listing (49 entries, real)', 'https://arxiv.org/list/hep-th/new', '—');
await measure(
  '2,000-entry listing (real entries repeated), every paper in the feed',
  'https://arxiv.org/list/hep-th/pastweek?show=2000',
  '≤ 16 ms',
);
await measure(
  '2,000-entry listing, 1 in 20 papers in the feed',
  'https://arxiv.org/list/hep-th/pastweek?show=2000',
  '≤ 16 ms',
  undefined,
  0.05,
);
await measure('700 KB arXiv HTML full text, ids only', 'https://arxiv.org/html/2501.11120v1', '—');
await measure(
  '700 KB arXiv HTML full text, 10,000 cached titles',
  'https://arxiv.org/html/2501.11120v1',
  'detect ≤ 50 ms',
  titles10k,
);
await measure(
  '700 KB arXiv HTML full text, 50,000 cached titles',
  'https://arxiv.org/html/2501.11120v1',
  '—',
  titles50k,
);
await browser.close();

const bundle = (name: string) =>
  readFileSync(join(import.meta.dirname, '../.output/chrome-mv3/content-scripts', name)).length;
console.log(`## Content script in real Chromium (${browser.version()}, headless)\n`);
console.log(
  '| page | text sent | mentions / badges | scan (DOM, links, ids, text) | message (clone both ways) | title match | detect total | badge (DOM + layout) | total | target |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(
  `\nContent-script bundle (production build, minified): arxiv.js ${(bundle('arxiv.js') / 1024).toFixed(1)} KB, everywhere.js ${(bundle('everywhere.js') / 1024).toFixed(1)} KB (target ≤ 30 KB).`,
);
