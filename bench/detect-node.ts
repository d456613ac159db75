/**
 * Detection benchmark in Node: `npx tsx bench/detect-node.ts`.
 *
 * Pages are parsed with happy-dom (the project's test DOM); parse time is reported apart and is not detection time.
 * Every figure is the median (and minimum) of several runs after warm-up runs. Corpora come from
 * `../shared/data/` and are derived deterministically:
 *
 * - 50,000 titles: the recorded feed's real titles (~9,500, sorted by id) as they are, then again with the last k
 *   words of another real title appended (k = 1, 2, 3, …; the other title is number `(i + 7919·k) mod n`), until
 *   50,000. Ids are `ID` and `ID~k`. Lengths and vocabulary stay those of real titles.
 * - 10,000 cached titles: the first 10,000 of that list (all real titles, then variants).
 * - 2,000-entry listing: the 49 real `<dt>`/`<dd>` entries of the hep-th listing repeated in order, each copy's
 *   own id rewritten to a fresh one (`2409.1xxxx`) so that every entry is a distinct paper; the 5 ids linked from
 *   one abstract repeat as they are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { findPapers, scanPage, type FindPapersWithTitlesOptions } from '../lib/detect/find-papers';
import { findArxivIdsInText } from '../lib/detect/ids-in-text';
import { CONFIDENT } from '../lib/detect/mention';
import { createTitleIndex, type MatchCounter, type TitleIndex } from '../lib/detect/title-index';
import { bigListing, deriveTitles, feedTitles, PAGES } from './detect-corpus';

function parse(html: string, url: string): { doc: Document; ms: number; close: () => Promise<void> } {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  const t = performance.now();
  const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  return { doc, ms: performance.now() - t, close: () => window.happyDOM.close() };
}

/** Median and minimum of `runs` timed calls after `warmup` untimed ones. */
function time<T>(fn: () => T, runs = 15, warmup = 3): { median: number; min: number; result: T } {
  let result = fn();
  for (let i = 1; i < warmup; i++) result = fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = fn();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return { median: ts[runs >> 1] as number, min: ts[0] as number, result };
}

const rows: string[][] = [];
function report(what: string, t: { median: number; min: number }, note: string): void {
  rows.push([what, t.median.toFixed(1), t.min.toFixed(1), note]);
  console.log(
    `${what.padEnd(58)} median ${t.median.toFixed(1).padStart(7)} ms   min ${t.min.toFixed(1).padStart(7)} ms   ${note}`,
  );
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, happy-dom DOM\n`);
  const real = feedTitles();
  const titles50k = deriveTitles(real, 50_000);
  const titles10k = titles50k.slice(0, 10_000);

  const buildReal = time(() => createTitleIndex(real), 7, 2);
  report(`createTitleIndex, ${real.length} real titles`, buildReal, `${buildReal.result.size} indexed`);
  const build10k = time(() => createTitleIndex(titles10k), 7, 2);
  report('createTitleIndex, 10,000 titles', build10k, `${build10k.result.size} indexed`);
  const build50k = time(() => createTitleIndex(titles50k), 5, 1);
  report('createTitleIndex, 50,000 titles', build50k, `${build50k.result.size} indexed`);
  const index10k: TitleIndex = build10k.result;
  const index50k: TitleIndex = build50k.result;

  const listingHtml = readFileSync(join(PAGES, 'arxiv-list-hep-th-new-2024-08-09.html'), 'utf8');
  const fullTextHtml = readFileSync(join(PAGES, 'arxiv-html-2501.11120v1.html'), 'utf8');
  const cases: [string, string, string, FindPapersWithTitlesOptions][] = [
    ['hep-th listing (49 entries, 137 KB)', listingHtml, 'https://arxiv.org/list/hep-th/new', {}],
    ['hep-th listing, 10,000 cached titles', listingHtml, 'https://arxiv.org/list/hep-th/new', { titles: index10k }],
    ['2,000-entry listing', bigListing(listingHtml, 2000), 'https://arxiv.org/list/hep-th/pastweek?show=2000', {}],
    ['arXiv HTML full text (700 KB)', fullTextHtml, 'https://arxiv.org/html/2501.11120v1', {}],
    [
      'arXiv HTML full text, 10,000 cached titles',
      fullTextHtml,
      'https://arxiv.org/html/2501.11120v1',
      { titles: index10k },
    ],
  ];
  for (const [name, html, url, options] of cases) {
    const page = parse(html, url);
    const t = time(() => findPapers(page.doc, options));
    report(
      `findPapers: ${name}`,
      t,
      `${t.result.length} mentions; happy-dom parse ${page.ms.toFixed(0)} ms (${(html.length / 1024).toFixed(0)} KB)`,
    );
    await page.close();
  }

  // The title matcher alone on the 700 KB page's text, as the background runs it.
  const page = parse(fullTextHtml, 'https://arxiv.org/html/2501.11120v1');
  const text = scanPage(page.doc).text;
  const chars = text.runs.reduce((n, r) => n + r.length, 0);
  for (const [label, index] of [
    ['10,000', index10k],
    ['50,000', index50k],
  ] as const) {
    const counter: MatchCounter = { steps: 0, outputs: 0 };
    index.match(text, { counter });
    const m = time(() => index.match(text, { minConfidence: CONFIDENT }));
    report(
      `TitleIndex.match: 700 KB page's text (${(chars / 1024).toFixed(0)} KB), ${label} titles`,
      m,
      `${m.result.length} confident; ${counter.steps.toLocaleString('en-US')} steps, ${counter.outputs} titles seen`,
    );
  }
  await page.close();
  const textIds = time(() => findArxivIdsInText(fullTextHtml));
  report('findArxivIdsInText: the 700 KB page as one raw string', textIds, `${textIds.result.length} ids`);

  console.log('\n| what | median ms | min ms | note |\n|---|---:|---:|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

await main();
