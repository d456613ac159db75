/**
 * What Paper Radar costs a tab, in real Chromium with the production build: the same pages loaded with and without
 * the extension, alternating, each load traced with the DevTools protocol (`Tracing`, the `devtools.timeline`
 * categories). From each trace: the tab's main-thread time (every task on its renderer's main thread, navigation to
 * settled), its longest task, and the tasks that ran Paper Radar's content script (a task is the extension's when
 * a script event inside it names a `chrome-extension://` URL, and so is the next task that renders — style, layout,
 * pre-paint or paint — after such a task left style or layout dirty: the rendering its DOM writes caused). Ratios
 * hold on a noisy machine; absolute times do not. Not seen as ours: a task that runs only promise continuations of
 * the content script (after `scheduler.yield`), which names no script; its work is in the main-thread total.
 *
 * Memory: after each load the tab's garbage is collected (`HeapProfiler.collectGarbage`) and its renderer's
 * `JSHeapUsedSize` and DOM node count read (`Performance.getMetrics`); the content script runs in an isolated world
 * of the same V8 isolate, so the difference with and without the extension is its heap (plus the badges' nodes).
 *
 * Pages (all served from memory; ids from `tests/helpers/big-pages.ts`):
 * - the real arXiv abstract page of 1902.02534 (that paper in the feed);
 * - the real hep-th `/new` listing of 2024-08-09 (49 entries, their papers in the feed);
 * - a 2,000-entry listing (the real hep-th entries repeated, with abstracts), every paper in the feed;
 * - the real 700 KB arXiv HTML full text (36 cited papers, none of them in this feed);
 * - with `--big`, also a 10,000-entry listing (as arXiv's `pastweek?show=N`, no abstracts) and a reading list of
 *   100,000 links to distinct papers, 10,000 of them in the feed.
 * The feed holds 10,000 papers (real entries re-keyed to those ids) plus the real pages' papers, synced by the
 * extension itself.
 *
 *   npx tsx bench/page-cost.ts [runs] [--big]     # default 3 runs per page and mode
 *   PR_BENCH_PAGES=2,000 PR_BENCH_BREAKDOWN=1 npx tsx bench/page-cost.ts 1   # one page, where its time goes
 *   PR_BENCH_PAGES=HTML PR_BENCH_LONG=1 npx tsx bench/page-cost.ts 1   # what each Paper Radar task over 50 ms did
 *   PR_BENCH_BASELINE=/tmp/main-build npx tsx bench/page-cost.ts   # also a second build, in turn with the others
 *   PR_BENCH_TRACE_DIR=/tmp/traces npx tsx bench/page-cost.ts 1   # also writes each load's trace (with the extension)
 *
 * With `PR_BENCH_BASELINE` (the folder of another unpacked build, e.g. main's), each run loads the page without
 * the extension, with that build and with this one, in turn, so before and after see the same outside load; the
 * table then has a row per build.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { endTrace } from './trace-read';
import { bigListing, bigPageId, manyLinks } from '../tests/helpers/big-pages';
import { recordedDay, recordedPage } from '../tests/helpers/recorded-feed';
import { bodiesForIds, serveAsNewestDays, syncNow } from '../tests/e2e/feed';
import { launch } from '../tests/e2e/harness';
import { launchPlain, listingIds } from './plain-browser';
import { median } from './stats';

const RUNS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 3);
const BIG = process.argv.includes('--big');
/** Papers in the feed (`PR_BENCH_FEED`: fewer make the two syncs of a `PR_BENCH_BASELINE` run shorter; ≥ 2,000). */
const IN_FEED = Number(process.env.PR_BENCH_FEED ?? 10_000);
const page = (name: string) => recordedPage(name);
const listing = page('arxiv-list-hep-th-new-2024-08-09.html');
const ABSTRACT_ID = '1902.02534';
/** The real listing's own papers (its `<a href ="/abs/…">` entries), put in the feed so the page gets its badges. */
const LISTING_IDS = listingIds(listing);

interface Case {
  label: string;
  url: string;
  html: string;
  /** Badges once the extension is done. */
  badges: number;
}

const CASES: Case[] = [
  {
    label: `arXiv abstract page (${ABSTRACT_ID}, in the feed)`,
    url: `https://arxiv.org/abs/${ABSTRACT_ID}`,
    html: page('arxiv-abs-1902.02534-layout2026.html'),
    badges: 0,
  },
  {
    label: `real hep-th listing (${LISTING_IDS.length} entries, all in the feed)`,
    url: 'https://arxiv.org/list/hep-th/new',
    html: listing,
    badges: LISTING_IDS.length,
  },
  {
    label: '2,000-entry listing (with abstracts, all in the feed)',
    url: 'https://arxiv.org/list/hep-th/pastweek?show=2000',
    html: bigListing(listing, 2_000),
    badges: 2_000,
  },
  {
    label: '700 KB arXiv HTML full text (36 cited papers)',
    url: 'https://arxiv.org/html/2501.11120v1',
    html: page('arxiv-html-2501.11120v1.html'),
    badges: 0,
  },
];
const BIG_CASES: Case[] = [
  {
    label: '10,000-entry listing',
    url: 'https://arxiv.org/list/hep-th/pastweek?show=10000',
    html: bigListing(listing, 10_000, { abstracts: false }),
    badges: 10_000,
  },
  {
    label: '100,000 links, 10,000 in the feed',
    url: 'https://arxiv.org/a/reading_list_100000',
    html: manyLinks(100_000),
    badges: 10_000,
  },
];
if (BIG) CASES.push(...BIG_CASES);
// `PR_BENCH_PAGES=2,000` keeps the pages whose label contains that text (for a diagnosis run of one page).
const ONLY = process.env.PR_BENCH_PAGES;
const BASELINE = process.env.PR_BENCH_BASELINE;
if (ONLY) CASES.splice(0, CASES.length, ...CASES.filter((c) => c.label.includes(ONLY)));

/** Trace events of the browser's rendering update (style, layout, pre-paint, paint). */
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint']);
/** Instant trace events of a script dirtying style or layout (`disabled-by-default-devtools.timeline`). */
const INVALIDATIONS = new Set(['InvalidateLayout', 'ScheduleStyleRecalculation']);

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs: unlike `dur`, not stretched by other processes on a loaded machine. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    data?: { url?: string; functionName?: string; lineNumber?: number; columnNumber?: number };
    beginData?: { url?: string };
  };
};

/**
 * What the Paper Radar tasks over 50 ms spent their time on (`PR_BENCH_LONG=1`, for diagnosis): per task, the self
 * time of each event name inside it (script events named by their function and line), largest first.
 */
function printLongTasks(onThread: readonly TraceEvent[], longTasks: readonly TraceEvent[]): void {
  const xs = onThread.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  for (const t of longTasks) {
    const end = t.ts + t.dur!;
    const inside = xs.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= end);
    const self = new Map<string, number>();
    const stack: { e: TraceEvent; key: string; child: number }[] = [];
    const close = (upTo: number) => {
      while (stack.length > 0 && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= upTo) {
        const top = stack.pop()!;
        self.set(top.key, (self.get(top.key) ?? 0) + (top.e.dur! - top.child) / 1000);
      }
    };
    for (const e of inside) {
      close(e.ts);
      const parent = stack[stack.length - 1];
      if (parent) parent.child += e.dur!;
      const d = e.args?.data;
      const where = d?.url ? ` ${d.functionName ?? ''}@${d.url.replace(/^.*\//, '')}:${d.lineNumber ?? ''}` : '';
      stack.push({ e, key: `${e.name}${where}`, child: 0 });
    }
    close(Number.POSITIVE_INFINITY);
    console.error(
      `long task ${(t.dur! / 1000).toFixed(0)} ms (CPU ${((t.tdur ?? 0) / 1000).toFixed(0)}) at +${((t.ts - onThread[0]!.ts) / 1000).toFixed(0)}: ` +
        [...self.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 10)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(' | '),
    );
  }
}

async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        ...(process.env.PR_BENCH_LONG ? ['blink', 'v8', 'disabled-by-default-devtools.timeline.frame'] : []),
      ],
    },
  });
}

interface Cost {
  /** Sum of the tab's main-thread tasks, ms. */
  mainMs: number;
  longestMs: number;
  /** Sum and longest of the tasks that ran the extension's content script, ms. */
  extMs: number;
  /** CPU (thread) time of those tasks, ms: what a loaded machine stretches far less than their wall time. */
  extCpuMs: number;
  extLongestMs: number;
  /** The CPU time of the extension's longest task (by CPU time), ms. */
  extLongestCpuMs: number;
  /** Tasks of the extension over 50 ms. */
  extLong: number;
}

interface Memory {
  /** The renderer's used JS heap after a garbage collection, bytes (main world and content-script world). */
  heapBytes: number;
  /** DOM nodes alive in the renderer. */
  nodes: number;
}

/** The tab's used JS heap and node count after a full garbage collection (DevTools protocol). */
async function memoryOf(cdp: CDPSession): Promise<Memory> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { heapBytes: get('JSHeapUsedSize'), nodes: get('Nodes') };
}

/** The main-thread tasks of the renderer that parsed `url`, and which of them ran extension script. */
function costOf(events: TraceEvent[], url: string): Cost {
  const parse = events.find(
    (e) => e.name === 'ParseHTML' && (e.args?.beginData?.url ?? '').startsWith(url.split('?')[0]!),
  );
  if (!parse) throw new Error(`paper-radar bench: no ParseHTML for ${url} in the trace`);
  const onThread = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid);
  const tasks = onThread.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.dur !== undefined);
  const ext = onThread
    .filter((e) => (e.args?.data?.url ?? '').startsWith('chrome-extension://'))
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  // Rendering work and the invalidations that schedule it, in time order: a task whose script dirtied style or
  // layout and ended before the browser rendered it hands that rendering to a later task, which is then ours too.
  const marks = onThread
    .filter(
      (e) =>
        (e.ph === 'I' || e.ph === 'i' || e.ph === 'X') &&
        (INVALIDATIONS.has(e.name) || (e.ph === 'X' && RENDERING.has(e.name))),
    )
    .map((e) => ({ ts: e.ts, end: e.ts + (e.dur ?? 0), render: RENDERING.has(e.name) }))
    .sort((a, b) => a.ts - b.ts);
  let mainMs = 0;
  let longestMs = 0;
  let extMs = 0;
  let extCpuMs = 0;
  let extLongestMs = 0;
  let extLongestCpuMs = 0;
  let extLong = 0;
  let causedMs = 0;
  const longTasks: TraceEvent[] = [];
  /** Whether the last task that ran our script left style or layout dirty for a later task to render. */
  let dirtiedByUs = false;
  let m = 0;
  for (const t of tasks) {
    const ms = t.dur! / 1000;
    const end = t.ts + t.dur!;
    mainMs += ms;
    longestMs = Math.max(longestMs, ms);
    // Any extension script event inside the task (binary search over their start times).
    let lo = 0;
    let hi = ext.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ext[mid]! < t.ts) lo = mid + 1;
      else hi = mid;
    }
    const runsOurs = lo < ext.length && ext[lo]! <= end;
    // Rendering inside the task, and whether an invalidation comes after its last rendering (left dirty).
    while (m < marks.length && marks[m]!.ts < t.ts) m++;
    let renders = false;
    let dirtyAtEnd = false;
    for (let k = m; k < marks.length && marks[k]!.ts <= end; k++) {
      if (marks[k]!.render) {
        renders = true;
        dirtyAtEnd = false;
      } else dirtyAtEnd = true;
    }
    const caused = !runsOurs && renders && dirtiedByUs;
    if (renders) dirtiedByUs = false;
    if (runsOurs && dirtyAtEnd) dirtiedByUs = true;
    if (runsOurs || caused) {
      if (caused) causedMs += ms;
      extMs += ms;
      extCpuMs += (t.tdur ?? t.dur!) / 1000;
      extLongestMs = Math.max(extLongestMs, ms);
      extLongestCpuMs = Math.max(extLongestCpuMs, (t.tdur ?? t.dur!) / 1000);
      if (ms > 50) {
        extLong++;
        longTasks.push(t);
      }
    }
  }
  if (process.env.PR_BENCH_LONG)
    console.error(`rendering tasks our writes caused (counted as ours): ${causedMs.toFixed(0)} ms`);
  if (process.env.PR_BENCH_LONG) printLongTasks(onThread, longTasks);
  if (process.env.PR_BENCH_BREAKDOWN) {
    // Where the main thread's time went: direct children of each task, by name (for diagnosis only).
    const by = new Map<string, number>();
    const xs = onThread.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
    let task: TraceEvent | undefined;
    let child: TraceEvent | undefined;
    for (const e of xs) {
      if (e.name === 'RunTask') {
        task = e;
        child = undefined;
        continue;
      }
      if (!task || e.ts > task.ts + task.dur!) continue;
      if (child && e.ts < child.ts + child.dur!) continue;
      child = e;
      const key =
        e.name === 'FunctionCall' || e.name === 'EvaluateScript'
          ? `${e.name} ${(e.args?.data?.url ?? '').slice(0, 40)}`
          : e.name;
      by.set(key, (by.get(key) ?? 0) + e.dur! / 1000);
    }
    console.error(
      `breakdown ${url}: ` +
        [...by.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 12)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(' | '),
    );
  }
  return { mainMs, longestMs, extMs, extCpuMs, extLongestMs, extLongestCpuMs, extLong };
}

/**
 * Counts badges as they are added, in both modes alike (a locator polling a 100,000-link page would cost the tab
 * more than the extension). Observes from DOMContentLoaded on, so the parser's own insertions are not counted.
 */
async function countBadges(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const g = globalThis as unknown as { __prBadges: number; __prPlaced: [Element, number][] };
    g.__prBadges = 0;
    g.__prPlaced = [];
    addEventListener('DOMContentLoaded', () =>
      new MutationObserver((records) => {
        const at = performance.now();
        for (const r of records)
          for (const n of r.addedNodes)
            if (n.nodeType === 1 && (n as Element).getAttribute('data-paper-radar') === 'badge') {
              g.__prBadges++;
              g.__prPlaced.push([n as Element, at]);
            }
      }).observe(document, { childList: true, subtree: true }),
    );
  });
}

/**
 * From navigation start (the page's clock): when the last badge was placed, and when the last of the first screen of
 * badges was — those within a window's height below the topmost badge, what a person sees on reaching the list (on
 * these unstyled copies the page's header fills the first screen). The tab is never scrolled.
 */
async function placedTimes(tab: Page): Promise<{ allMs: number; visibleMs: number }> {
  return tab.evaluate(() => {
    const placed = (globalThis as unknown as { __prPlaced: [Element, number][] }).__prPlaced;
    const tops = placed.map(([el]) => el.getBoundingClientRect().top);
    const first = Math.min(...tops);
    let allMs = 0;
    let visibleMs = 0;
    placed.forEach(([, at], i) => {
      allMs = Math.max(allMs, at);
      if (tops[i]! < first + innerHeight) visibleMs = Math.max(visibleMs, at);
    });
    return { allMs, visibleMs };
  });
}

async function routePages(context: BrowserContext): Promise<void> {
  const byUrl = new Map(CASES.map((c) => [c.url, c.html]));
  await context.route('https://arxiv.org/**', (route) => {
    const html = byUrl.get(route.request().url());
    return html === undefined
      ? route.abort('internetdisconnected')
      : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
}

/** Loads `c` in a new tab of `context`, traced; waits until its badges are placed (with the extension), then 1 s. */
async function load(
  context: BrowserContext,
  c: Case,
  withExtension: boolean,
): Promise<Cost & Memory & { badgedMs?: number; placed?: { allMs: number; visibleMs: number } }> {
  const tab: Page = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await startTrace(cdp);
  const started = Date.now();
  await tab.goto(c.url, { timeout: 300_000 });
  let badgedMs: number | undefined;
  let placed: { allMs: number; visibleMs: number } | undefined;
  if (withExtension && c.badges > 0) {
    await tab.waitForFunction((n) => (globalThis as unknown as { __prBadges: number }).__prBadges >= n, c.badges, {
      polling: 500,
      timeout: 600_000,
    });
    badgedMs = Date.now() - started;
    placed = await placedTimes(tab);
  } else if (withExtension) {
    await tab.waitForTimeout(2000);
  }
  await tab.waitForTimeout(1000);
  const events = await endTrace<TraceEvent>(cdp);
  if (process.env.PR_BENCH_TRACE_DIR && withExtension) {
    // The raw trace of each load with an extension, for diagnosis in DevTools' Performance panel or a script.
    const file = join(process.env.PR_BENCH_TRACE_DIR, `${c.url.replace(/\W+/g, '_')}-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    console.error(`page-cost: trace written to ${file}`);
  }
  const cost = costOf(events, c.url);
  const memory = await memoryOf(cdp);
  await tab.close();
  return { ...cost, ...memory, ...(badgedMs !== undefined ? { badgedMs } : {}), ...(placed ? { placed } : {}) };
}

const builds = [...(BASELINE ? [{ name: 'baseline', h: await launch({ extensionDir: BASELINE }) }] : [])];
builds.push({ name: BASELINE ? 'this build' : '', h: await launch() });
const browser = await launchPlain();
const plain = browser.context;
try {
  for (const { h } of builds) {
    serveAsNewestDays(
      h,
      bodiesForIds(recordedDay('2026-08-06')!, [
        ...Array.from({ length: IN_FEED }, (_, i) => bigPageId(i)),
        ...LISTING_IDS,
        ABSTRACT_ID,
      ]),
    );
    // The 700 KB page cites two papers that were on the feed; they are not in this store (0 badges expected).
    await syncNow(h, new Set([...LISTING_IDS, ABSTRACT_ID]).size + IN_FEED, 900_000);
    for (const c of CASES) await h.servePage(c.url, c.html);
    await countBadges(h.context);
  }
  await routePages(plain);
  await countBadges(plain);

  const rows: string[] = [];
  for (const c of CASES) {
    console.error(
      `page-cost: ${c.label}: load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const withRunsOf = builds.map((): Awaited<ReturnType<typeof load>>[] => []);
    const withoutRuns: (Cost & Memory)[] = [];
    for (let r = 0; r < RUNS; r++) {
      withoutRuns.push(await load(plain, c, false));
      for (const [b, { h }] of builds.entries()) withRunsOf[b]!.push(await load(h.context, c, true));
    }
    for (const [b, { name }] of builds.entries()) {
      const withRuns = withRunsOf[b]!;
      const m = (runs: (Cost & Memory)[], k: keyof (Cost & Memory)) => median(runs.map((x) => x[k]));
      const minOf = (runs: Cost[], k: keyof Cost) => Math.min(...runs.map((x) => x[k]));
      const ratio = m(withRuns, 'mainMs') / m(withoutRuns, 'mainMs');
      const badged = withRuns.map((x) => x.badgedMs).filter((x): x is number => x !== undefined);
      const placed = withRuns.map((x) => x.placed).filter((x) => x !== undefined);
      rows.push(
        `| ${c.label}${name ? ` — ${name}` : ''} | ${m(withoutRuns, 'mainMs').toFixed(0)} ms | ${m(withRuns, 'mainMs').toFixed(0)} ms | ` +
          `**${ratio.toFixed(2)}×** | ${m(withoutRuns, 'longestMs').toFixed(0)} / ${m(withRuns, 'longestMs').toFixed(0)} ms | ` +
          `${m(withRuns, 'extMs').toFixed(0)} ms (CPU ${m(withRuns, 'extCpuMs').toFixed(0)}) | **${m(withRuns, 'extLongestMs').toFixed(0)} ms** (min ${minOf(withRuns, 'extLongestMs').toFixed(0)}; CPU ${m(withRuns, 'extLongestCpuMs').toFixed(0)}) | ` +
          `${Math.max(...withRuns.map((x) => x.extLong))} | ` +
          `${((m(withRuns, 'heapBytes') - m(withoutRuns, 'heapBytes')) / 2 ** 20).toFixed(2)} MiB (${(m(withRuns, 'heapBytes') / m(withoutRuns, 'heapBytes')).toFixed(2)}×) | ` +
          `${(m(withRuns, 'nodes') - m(withoutRuns, 'nodes')).toFixed(0)} | ` +
          `${badged.length > 0 ? `${(median(badged) / 1000).toFixed(1)} s` : '—'} | ` +
          `${placed.length > 0 ? `${(median(placed.map((p) => p.visibleMs)) / 1000).toFixed(2)} / ${(median(placed.map((p) => p.allMs)) / 1000).toFixed(2)} s` : '—'} |`,
      );
      console.error(
        `page-cost: ${c.label}${name ? ` — ${name}` : ''}: per load, longest Paper Radar task ` +
          withRuns
            .map(
              (x) =>
                `${x.extLongestMs.toFixed(0)} ms (CPU ${x.extLongestCpuMs.toFixed(0)}, ${x.extLong} > 50 ms; all its tasks CPU ${x.extCpuMs.toFixed(0)})`,
            )
            .join(', ') +
          `; load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    console.error(`page-cost: ${c.label} done`);
  }
  console.log(`## What Paper Radar costs a tab (\`bench/page-cost.ts\`, median of ${RUNS} loads each way)\n`);
  console.log(
    '| page | main thread without | with | ratio | longest task without / with | Paper Radar tasks (their CPU time) | longest Paper Radar task (min; its CPU time) | its tasks > 50 ms (worst run) | JS heap added (ratio) | DOM nodes added | navigation → all badges | navigation → first screen of badges / all placed (page clock) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
} finally {
  await browser.close();
  for (const { h } of builds) await h.close();
}
