/**
 * The popup in real Chromium on the production build, with 10,000 and 50,000 cached papers: from navigation
 * start to the first related result on screen, and keystroke-to-results latency of its search box.
 *
 * The corpus is the real recorded feed scaled up (`bench/corpus.ts` explains how): the real entries' JSON, every
 * entry re-keyed to a new id and re-dated to the list date it is served as, served as the 60 newest list dates and
 * synced by the extension itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SYNC_STATUS_KEY } from '../lib/ext/cache-watch';
import { EXTENSION_DIR, launch, type Harness } from '../tests/e2e/harness';
import { readDb } from '../tests/e2e/store';
import { asNewestDays } from '../tests/e2e/feed';
import { rawFeedEntries } from './corpus';
import { median, quantile } from './stats';

/** `n` entries over `days` bodies (newest list date first), each under a new id; copy k>0 also gets a new title. */
function scaledBodies(n: number, days: number): { bodies: string[]; titles: string[]; firstId: string } {
  const base = rawFeedEntries();
  const entries: ReturnType<typeof rawFeedEntries> = [];
  for (let i = 0; i < n; i++) {
    const e = base[i % base.length]!;
    const k = Math.floor(i / base.length);
    // Every entry under an id of its own (`15MM.iiiii` for the first copy, `16MM.…` for the second, …): a real id
    // could also be in the bundled snapshot, whose earlier list date would win and be pruned as out of the window.
    const id = `${String(15 + k)}${String((i % 12) + 1).padStart(2, '0')}.${String(i).padStart(5, '0')}`;
    if (k === 0) entries.push({ ...e, paper: { ...e.paper, id } });
    else {
      const donor = base[(i * 7919) % base.length]!.paper.title.split(/\s+/).slice(-3).join(' ');
      entries.push({ ...e, paper: { ...e.paper, id, title: `${e.paper.title} ${donor}` } });
    }
  }
  const per = Math.ceil(n / days);
  const bodies = Array.from({ length: days }, (_v, d) => JSON.stringify(entries.slice(d * per, (d + 1) * per)));
  return {
    bodies,
    titles: entries.map((e) => e.paper.title.replace(/\s+/g, ' ').trim()),
    firstId: entries[0]!.paper.id,
  };
}

/** Bytes of every file under `dir` (0 when it is not there). */
function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    total += e.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/** Popup opens on a stopped worker per corpus size (`PR_BENCH_COLD`, default 3; each restarts the worker). */
const COLD_RUNS = Number(process.env.PR_BENCH_COLD ?? 3);
/** Popup opens on a warm worker (`PR_BENCH_WARM`, default 7). */
const WARM_RUNS = Math.max(2, Number(process.env.PR_BENCH_WARM ?? 7));
/**
 * A folder to keep the synced browser profile in (`PR_BENCH_PROFILE`, one sub-folder per corpus size): a later run
 * starts on it instead of syncing the corpus again (minutes at 50,000). The install-sync rows are then not measured.
 * Only the build that synced a profile may run on it (`syncedByThisBuild`): give each build a folder of its own.
 */
const PROFILE_ROOT = process.env.PR_BENCH_PROFILE;
/** Type into the search box after the warm opens (`PR_BENCH_KEYS=0` skips it: start-up figures only). */
const KEYSTROKES = process.env.PR_BENCH_KEYS !== '0';
/**
 * Milliseconds to wait between stopping the worker and opening the popup on a cold open (`PR_BENCH_COLD_WAIT`,
 * default 0: opened at once, as before). Chrome stops a worker after ~30 s idle and a person opens the popup later;
 * an origin's IndexedDB backing store is closed a few seconds after its last connection closes, so an open at once
 * may time a store still open or closing rather than the one a person meets.
 */
const COLD_WAIT = Number(process.env.PR_BENCH_COLD_WAIT ?? 0);
/** Print the per-open breakdown (`PR_BENCH_BREAKDOWN=1`). */
const BREAKDOWN = process.env.PR_BENCH_BREAKDOWN === '1';
/**
 * On cold opens, also wait (up to 30 s) for the detected list — the tab's scan, whose titles a woken worker
 * matches against every cached one — before reading the times (`PR_BENCH_DETECTED=1`): its time is then in the
 * breakdown (`detected`). Off by default: the popup then stays open longer, which the next open's figures follow.
 */
const WAIT_DETECTED = process.env.PR_BENCH_DETECTED === '1';

/**
 * Runs in every page before its own scripts: times each message the page sends (`runtime.sendMessage`, by request
 * type) and the first appearance of the popup's parts, all on the page's `performance.now()` clock (navigation
 * start = 0), into `globalThis.__prTimes`.
 */
function instrumentPage(): void {
  type Times = { messages: { type: string; start: number; end: number }[]; seen: Record<string, number> };
  const g = globalThis as unknown as { __prTimes?: Times; chrome?: { runtime?: { sendMessage?: unknown } } };
  const times: Times = { messages: [], seen: {} };
  g.__prTimes = times;
  const runtime = g.chrome?.runtime as { sendMessage: (m: unknown) => Promise<unknown> } | undefined;
  if (runtime?.sendMessage) {
    const original = runtime.sendMessage.bind(runtime);
    runtime.sendMessage = (m: unknown) => {
      const start = performance.now();
      const type = (m as { type?: string } | null)?.type ?? '?';
      const p = original(m);
      void Promise.resolve(p).then(
        () => times.messages.push({ type, start, end: performance.now() }),
        () => times.messages.push({ type: `${type} (failed)`, start, end: performance.now() }),
      );
      return p;
    };
  }
  // Requests over a port (`lib/ext/port-transport.ts`: `{ id, request }` out, `{ id, reply }` back), timed the same
  // way; this listener is added before the page's own, so `end` is when the reply reached the page.
  type Port = {
    postMessage(m: unknown): void;
    onMessage: { addListener(f: (m: unknown) => void): void };
  };
  const connectable = g.chrome?.runtime as { connect?: (info?: unknown) => Port } | undefined;
  if (connectable?.connect) {
    const connect = connectable.connect.bind(connectable);
    connectable.connect = (info?: unknown) => {
      const port = connect(info);
      const sent = new Map<number, { type: string; start: number }>();
      const post = port.postMessage.bind(port);
      port.postMessage = (m: unknown) => {
        const { id, request } = (m ?? {}) as { id?: number; request?: { type?: string } };
        if (typeof id === 'number') sent.set(id, { type: request?.type ?? '?', start: performance.now() });
        post(m);
      };
      port.onMessage.addListener((m) => {
        const id = (m as { id?: number } | null)?.id;
        const s = typeof id === 'number' ? sent.get(id) : undefined;
        if (s) times.messages.push({ ...s, end: performance.now() });
      });
      return port;
    };
  }
  const parts: Record<string, string> = {
    frame: '.pr-popup',
    detected: '[data-paper-radar="detected"]',
    related: '[data-paper-radar="related"]',
  };
  const look = () => {
    for (const [name, sel] of Object.entries(parts)) {
      if (times.seen[name] === undefined && document.querySelector(sel)) {
        times.seen[name] = performance.now();
        // Painted: the next frame's rendering step after the insertion (rAF callbacks run just before paint).
        requestAnimationFrame(() => (times.seen[`${name} painted`] = performance.now()));
      }
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true });
}

/** One popup open's breakdown, from `instrumentPage` and the page's own timing entries. */
interface OpenTimes {
  total: number;
  domInteractive: number;
  firstPaint: number | undefined;
  seen: Record<string, number>;
  messages: { type: string; start: number; end: number }[];
  /**
   * The service worker's start-up marks (`lib/trace.ts`, `pr:` dropped) on the popup's clock (ms from its navigation
   * start), with `worker start` its time origin; read on cold opens only.
   */
  worker?: Record<string, number>;
}

/**
 * The running worker's `pr:` marks and time origin, moved onto `page`'s clock: read over the DevTools protocol
 * (attached to the worker's target; Playwright does not always report a restarted worker).
 */
async function workerMarks(h: Harness, page: Page): Promise<Record<string, number>> {
  const session = await h.context.newCDPSession(page);
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    const target = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${h.extensionId}/`),
    );
    if (!target) return {};
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const expression = `JSON.stringify({ origin: performance.timeOrigin, marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('pr:')).map((m) => [m.name.slice(3), m.startTime]) })`;
    const reply = new Promise<string>((resolve) => {
      session.on('Target.receivedMessageFromTarget', (e) => {
        const m = JSON.parse(e.message) as { id?: number; result?: { result?: { value?: string } } };
        if (e.sessionId === sessionId && m.id === 1) resolve(m.result?.result?.value ?? '{}');
      });
    });
    await session.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }),
    });
    const { origin, marks } = JSON.parse(await reply) as { origin: number; marks: [string, number][] };
    await session.send('Target.detachFromTarget', { sessionId });
    const pageOrigin = await page.evaluate(() => performance.timeOrigin);
    const out: Record<string, number> = { 'worker start': origin - pageOrigin };
    for (const [name, t] of marks) out[name] = t + origin - pageOrigin;
    return out;
  } finally {
    await session.detach();
  }
}

async function readTimes(page: Page, total: number): Promise<OpenTimes> {
  const t = await page.evaluate(() => {
    const g = globalThis as unknown as {
      __prTimes?: { messages: { type: string; start: number; end: number }[]; seen: Record<string, number> };
    };
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const fp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      domInteractive: nav?.domInteractive ?? NaN,
      firstPaint: fp?.startTime,
      seen: g.__prTimes?.seen ?? {},
      messages: g.__prTimes?.messages ?? [],
    };
  });
  return { total, ...t };
}

function describeOpen(label: string, t: OpenTimes): string {
  const msgs = [...t.messages]
    .sort((a, b) => a.start - b.start)
    .map((m) => `${m.type} ${m.start.toFixed(0)}→${m.end.toFixed(0)}`)
    .join(', ');
  const seen = Object.entries(t.seen)
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ');
  const worker = t.worker
    ? `; worker: ${Object.entries(t.worker)
        .sort((a, b) => a[1] - b[1])
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')}`
    : '';
  return `  ${label}: total ${t.total.toFixed(0)} ms; DOM interactive ${t.domInteractive.toFixed(0)}; first paint ${t.firstPaint?.toFixed(0) ?? '—'}; seen: ${seen}; messages: ${msgs}${worker}`;
}

/** Median over opens of one breakdown field (NaN when absent). */
function medianOf(opens: OpenTimes[], pick: (t: OpenTimes) => number | undefined): string {
  const xs = opens.map(pick).filter((x): x is number => x !== undefined && Number.isFinite(x));
  return xs.length === 0 ? '—' : median(xs).toFixed(0);
}

function breakdownRow(what: string, n: number, opens: OpenTimes[]): string {
  const msg = (type: string) => (t: OpenTimes) => {
    const m = t.messages.find((x) => x.type === type);
    return m ? m.end - m.start : undefined;
  };
  const msgStart = (type: string) => (t: OpenTimes) => t.messages.find((x) => x.type === type)?.start;
  return (
    `| breakdown, ${what} (medians, ms from navigation start) | ${n.toLocaleString('en-US')} | DOM interactive ${medianOf(opens, (t) => t.domInteractive)}, ` +
    `first message sent ${medianOf(opens, (t) => Math.min(...t.messages.map((m) => m.start)))}, first paint ${medianOf(opens, (t) => t.firstPaint)}, ` +
    `frame ${medianOf(opens, (t) => t.seen.frame)}, detected ${medianOf(opens, (t) => t.seen.detected)}; ` +
    `status ${medianOf(opens, msg('status'))} long, matchTitles ${medianOf(opens, msg('matchTitles'))}, lookup ${medianOf(opens, msg('lookup'))}, ` +
    `related sent at ${medianOf(opens, msgStart('related'))} and ${medianOf(opens, msg('related'))} long, forYou ${medianOf(opens, msg('forYou'))} long; ` +
    `related row inserted ${medianOf(opens, (t) => t.seen.related)}, painted ${medianOf(opens, (t) => t.seen['related painted'])}` +
    (opens.some((t) => t.worker) ? `; worker: ${workerRow(opens)}` : '') +
    ' | — |'
  );
}

/** The worker's marks, median over opens, in the order they came. */
function workerRow(opens: OpenTimes[]): string {
  const names = new Set(opens.flatMap((t) => Object.keys(t.worker ?? {})));
  return [...names]
    .map((name) => [name, Number(medianOf(opens, (t) => t.worker?.[name]))] as const)
    .filter(([, v]) => Number.isFinite(v))
    .sort((a, b) => a[1] - b[1])
    .map(([name, v]) => `${name} ${v.toFixed(0)}`)
    .join(', ');
}

/**
 * The same-run reference: navigation start → first contentful paint of the extension's static privacy page (no
 * script, one stylesheet-free document), median of `runs`. Popup figures can be read as a ratio to it.
 */
async function referencePaint(h: Harness, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/privacy.html`);
    const fcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const seen = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
          const now = seen();
          if (now !== undefined) return resolve(now);
          new PerformanceObserver(() => {
            const t = seen();
            if (t !== undefined) resolve(t);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    out.push(fcp);
    await page.close();
  }
  return out;
}

/**
 * Waits until the extension's published sync status is idle (polled every 200 ms from an extension page, which
 * reads extension storage without waking the worker).
 */
async function waitSyncIdle(h: Harness): Promise<void> {
  const page = await h.open('privacy.html');
  try {
    for (let i = 0; i < 3000; i++) {
      const state = await page.evaluate(async (key) => {
        type Local = { get(k: string): Promise<Record<string, { state?: string } | undefined>> };
        const { chrome } = globalThis as unknown as { chrome: { storage: { local: Local } } };
        return (await chrome.storage.local.get(key))[key]?.state;
      }, SYNC_STATUS_KEY);
      if (state !== 'syncing') return;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await page.close();
  }
}

/**
 * Waits (up to 5 s) until the popup's per-tab cache (`lib/ext/tab-cache.ts`, session storage) holds the related list
 * for `tabId`: the popup writes it just after painting the answer, and a popup closed at once (as the bench closes
 * them, sooner than anyone reading it would) loses the write. A reopen then measures what a person reopening a tab
 * they read meets. False when no entry came.
 */
async function waitTabCached(popup: Page, tabId: number): Promise<boolean> {
  return popup.evaluate(async (id) => {
    type Session = { get(k: string): Promise<Record<string, { tabId: number }[] | undefined>> };
    const { chrome } = globalThis as unknown as { chrome: { storage: { session: Session } } };
    for (let waited = 0; waited < 5000; waited += 50) {
      const list = (await chrome.storage.session.get('popupRelated')).popupRelated ?? [];
      if (list.some((e) => e.tabId === id)) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }, tabId);
}

/** One search the worker answered, from its debug-only trace (epoch ms): received, computed, and its parts. */
interface TraceEntry {
  query: string;
  received: number;
  done: number;
  parts?: Record<string, number>;
}

/** The worker's search trace, or `[]` for a build without one. */
async function readSearchTrace(h: Harness): Promise<TraceEntry[]> {
  try {
    return ((await (await h.currentWorker()).evaluate('globalThis.__prSearchTrace ?? []')) as TraceEntry[]) ?? [];
  } catch {
    return [];
  }
}

/**
 * Where the keystrokes' time goes, as rows: medians over all timed keystrokes and over the slowest 5 % (those at or
 * above the p95), of input → search sent, → answered (the message round trip, and within it the worker's own time
 * when the build traces it), → in the DOM, → painted.
 */
function keystrokeStages(
  n: number,
  stages: { query: string; t0: number; sent: number; answered: number; dom: number; painted: number }[],
  trace: TraceEntry[],
): string[] {
  const p95 = quantile(
    stages.map((s) => s.painted),
    0.95,
  );
  const worker = (s: (typeof stages)[number]) => {
    // The worker's entry for the query this keystroke's answer was for (the latest with that query).
    const sentAt = s.t0 + s.sent;
    const e = trace.filter((t) => t.received >= sentAt - 1 && t.received <= s.t0 + s.answered + 1).at(-1);
    return e;
  };
  const row = (what: string, xs: typeof stages) => {
    const m = (f: (s: (typeof stages)[number]) => number | undefined) => {
      const v = xs.map(f).filter((x): x is number => x !== undefined && Number.isFinite(x));
      return v.length === 0 ? '—' : median(v).toFixed(1);
    };
    const parts = new Set(xs.flatMap((s) => Object.keys(worker(s)?.parts ?? {})));
    const partText = [...parts].map((p) => `${p} ${m((s) => worker(s)?.parts?.[p])}`).join(', ');
    return (
      `| ${what} (${xs.length}; medians, ms from the input event) | ${n.toLocaleString('en-US')} | ` +
      `search sent ${m((s) => s.sent)}, answered ${m((s) => s.answered)} (round trip ${m((s) => s.answered - s.sent)}` +
      `; in the worker: received +${m((s) => (worker(s) ? worker(s)!.received - (s.t0 + s.sent) : undefined))}, ` +
      `searched ${m((s) => (worker(s) ? worker(s)!.done - worker(s)!.received : undefined))}${partText ? ` (${partText})` : ''}), ` +
      `in the DOM ${m((s) => s.dom)}, painted ${m((s) => s.painted)} | — |`
    );
  };
  if (BREAKDOWN) {
    for (const s of [...stages].sort((a, b) => b.painted - a.painted).slice(0, 15)) {
      const w = worker(s);
      process.stderr.write(
        `  [${n}] slow keystroke ${JSON.stringify(s.query)}: sent ${s.sent.toFixed(1)}, answered ${s.answered.toFixed(1)}, dom ${s.dom.toFixed(1)}, painted ${s.painted.toFixed(1)}` +
          (w
            ? `; worker received +${(w.received - (s.t0 + s.sent)).toFixed(1)}, searched ${(w.done - w.received).toFixed(1)} ${JSON.stringify(w.parts ?? {})}`
            : '') +
          '\n',
      );
    }
  }
  return [
    row('keystroke stages, all', stages),
    row(
      'keystroke stages, slowest 5 %',
      stages.filter((s) => s.painted >= p95),
    ),
  ];
}

function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
}

/** The build being measured, as a hash of its service worker script (what a kept profile must have been synced by). */
const BUILD = createHash('sha256')
  .update(readFileSync(join(EXTENSION_DIR, 'background.js')))
  .digest('hex')
  .slice(0, 16);

/**
 * Whether kept profile `profile` was synced by this build; throws when another build synced it. Chromium keeps an
 * extension's service worker script in the profile (`Default/Service Worker`) and runs that copy, not the folder's
 * new one, when the same extension folder is rebuilt: a run on it would measure the old worker under the new pages
 * (found in two sessions' A/B runs, whose newer requests the old worker refused).
 */
function syncedByThisBuild(profile: string): boolean {
  const marker = join(profile, 'paper-radar-synced');
  if (!existsSync(marker)) return false;
  let build: string | undefined;
  try {
    build = (JSON.parse(readFileSync(marker, 'utf8')) as { build?: string }).build;
  } catch {
    // An older run's marker (a bare date): the build that synced it is not known.
  }
  if (build !== BUILD) {
    throw new Error(
      `bench/popup: the kept profile ${profile} was synced by build ${build ?? '(unrecorded)'}, not this one ` +
        `(${BUILD}, ${EXTENSION_DIR}); Chromium would run that build's service worker: use a new PR_BENCH_PROFILE`,
    );
  }
  return true;
}

async function measure(n: number): Promise<string[]> {
  const days = 60;
  const { bodies, titles, firstId } = scaledBodies(n, days);
  // Each body re-dated to the list date it is served as (retention would delete papers listed months ago).
  const byDate = asNewestDays(bodies);
  const profile = PROFILE_ROOT ? join(PROFILE_ROOT, String(n)) : undefined;
  const synced = profile !== undefined && syncedByThisBuild(profile);
  if (profile) mkdirSync(profile, { recursive: true });
  const h = await launch({
    feed: (url) => ({ body: byDate.get(url.searchParams.get('date') ?? '') ?? '[]' }),
    ...(profile ? { profile } : {}),
  });
  await h.worker.evaluate('globalThis.__name = (f) => f');
  // tsx keeps function names with an `__name` helper, which the init script then calls.
  await h.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await h.context.addInitScript(instrumentPage);
  const rows: string[] = [];
  try {
    const status = await h.open('popup.html');
    const syncStart = Date.now();
    // Usable: the popup answers from what is stored while the sync runs. A title of the newest list date is typed
    // into the popup's search box at once; its results re-run whenever the store changes.
    await status.locator('[data-paper-radar="search"]').fill(titles[0]!);
    let firstResult: number | undefined;
    const progress = setInterval(() => {
      void status
        .evaluate(() => ({
          text: document.querySelector('[data-paper-radar="sync-status"]')?.textContent ?? '',
          result: document.querySelector('[data-paper-radar="result"]') !== null,
        }))
        .then(({ text, result }) => {
          const s = (Date.now() - syncStart) / 1000;
          if (result) firstResult ??= s;
          if (Math.round(s * 2) % 10 === 0) process.stderr.write(`  [${n}] ${s.toFixed(0)} s: ${text}\n`);
        })
        .catch(() => {});
    }, 500);
    // The install-time sync fetches every date; wait until it has stored them all and indexed them.
    await status
      .locator(`[data-paper-radar="sync-status"][data-state="idle"][data-count="${n}"]`)
      .waitFor({ timeout: 600_000 });
    const syncSeconds = (Date.now() - syncStart) / 1000;
    clearInterval(progress);
    await status.close();
    if (profile) {
      const marker = { at: new Date().toISOString(), build: BUILD };
      writeFileSync(join(profile, 'paper-radar-synced'), JSON.stringify(marker));
    }

    // A tab on the abstract page of a cached paper, described by the popup.
    const url = `https://arxiv.org/abs/${firstId}`;
    await h.servePage(
      url,
      `<html><head><title>${firstId}</title><meta name="citation_arxiv_id" content="${firstId}"></head><body><h1 class="title">x</h1></body></html>`,
    );
    // Each measured open describes a tab of its own (a new tab id: the popup's per-tab cache cannot answer), unless
    // it is a reopen of the previous open's tab.
    const tabs: Page[] = [];
    const newTab = async (): Promise<number> => {
      for (const old of tabs.splice(0)) await old.close();
      const tab = await h.context.newPage();
      tabs.push(tab);
      await tab.goto(`${url}?open=${tabs.length}-${Date.now()}`);
      // Asked from an extension page, which does not need (or wake) the service worker.
      const page = await h.open('privacy.html');
      const id = await page.evaluate(
        async (u) =>
          (
            await (
              globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }
            ).chrome.tabs.query({ url: u })
          )[0]?.id,
        tab.url(),
      );
      await page.close();
      if (id === undefined) throw new Error('popup bench: no id for the tab');
      return id;
    };
    let tabId = await newTab();
    /** One popup open on `tabId`: the time its first related row was painted, and its breakdown. */
    const openPopup = async (
      label: string,
      timeout = 60_000,
      cold = false,
    ): Promise<{ ms: number; times: OpenTimes; popup: Page }> => {
      const popup = await h.context.newPage();
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tabId=${tabId}`);
      await popup.locator('[data-paper-radar="related"]').first().waitFor({ timeout });
      await popup.waitForFunction(() => {
        const g = globalThis as unknown as { __prTimes?: { seen: Record<string, number> } };
        return g.__prTimes?.seen['related painted'] !== undefined;
      });
      if (cold && WAIT_DETECTED) {
        await popup
          .locator('[data-paper-radar="detected"]')
          .first()
          .waitFor({ timeout: 30_000 })
          .catch(() => console.warn(`popup bench: no detected list within 30 s (${label})`));
      }
      const times = await readTimes(popup, await popup.evaluate(() => performance.now()));
      if (cold) times.worker = await workerMarks(h, popup);
      if (BREAKDOWN) process.stderr.write(`${describeOpen(`[${n}] ${label}`, times)}\n`);
      return { ms: times.seen['related painted']!, times, popup };
    };

    const firstRelated: number[] = [];
    const warmOpens: OpenTimes[] = [];
    const warmLoad: string[] = [loadAverage()];
    for (let i = 0; i < WARM_RUNS; i++) {
      if (i > 0) tabId = await newTab();
      // The first open after the sync may wait for the worker to finish indexing what it stored.
      const { ms, times, popup } = await openPopup(`warm ${i}`, i === 0 ? 600_000 : 60_000);
      firstRelated.push(ms);
      if (i > 0) warmOpens.push(times);
      // The tab reopened below was read first: its list is in the per-tab cache, as for a person.
      if (i === WARM_RUNS - 1 && !(await waitTabCached(popup, tabId))) console.warn('popup bench: no cached list');
      if (i < WARM_RUNS - 1 || !KEYSTROKES) await popup.close();
      else {
        // Keystroke → results painted: type real title prefixes, one character at a time. Only keystrokes that
        // change the trimmed query send a search; each is timed from its input event to the frame after the results
        // section stops being busy (`aria-busy` true → false, seen by a MutationObserver, so a fast answer is not
        // missed between two frames). Keystrokes that leave the trimmed query unchanged are typed but not timed.
        // tsx keeps function names with an `__name` helper, which functions passed to evaluate() then call.
        await popup.evaluate('globalThis.__name = (f) => f');
        // A build that records its search handler's times (a debug-only trace, `SEARCH_TRACE_KEY`) starts recording.
        // (The worker now: a restarted one is not `h.worker`.)
        await (await h.currentWorker()).evaluate('globalThis.__prSearchTrace = []').catch(() => {});
        // Finding the worker may open the harness's blank DevTools page in front of the popup; a tab in the
        // background gets about one frame a second, which would time the throttling, not the search.
        await popup.bringToFront();
        const { latencies, inDom, timeouts, stages } = await popup.evaluate(
          async (queries) => {
            const input = document.querySelector<HTMLInputElement>('[data-paper-radar="search"]')!;
            const busy = () =>
              document.querySelector('section[aria-label="Search results"]')?.getAttribute('aria-busy') ?? null;
            const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
            const out: number[] = [];
            const inDom: number[] = [];
            /** Per timed keystroke, on the page's clock from its input event: search sent, answered, in the DOM, painted. */
            const stages: {
              query: string;
              t0: number;
              sent: number;
              answered: number;
              dom: number;
              painted: number;
            }[] = [];
            const messages = (
              globalThis as unknown as { __prTimes: { messages: { type: string; start: number; end: number }[] } }
            ).__prTimes.messages;
            let timeouts = 0;
            let typed = 0;
            for (const q of queries) {
              input.value = '';
              input.dispatchEvent(new Event('input', { bubbles: true }));
              await frame();
              await frame();
              for (let len = 1; len <= q.length; len += 1) {
                const changes = q.slice(0, len).trim() !== q.slice(0, len - 1).trim();
                // A person's keystroke lands anywhere within a frame, not just after one: each is typed 0–15 ms
                // after a frame (a fixed spread, the same in every run), so "the next frame" is not always ~16.7 ms
                // away as it would be for keystrokes typed right after a frame.
                await new Promise((r) => setTimeout(r, (typed++ * 7) % 16));
                const t0 = performance.now();
                let committed = 0;
                const settled = new Promise<boolean>((resolve) => {
                  if (!changes) return resolve(true);
                  let sawBusy = busy() === 'true';
                  const observer = new MutationObserver(() => {
                    const b = busy();
                    if (b === 'true') sawBusy = true;
                    else if (sawBusy && b === 'false') {
                      committed = performance.now();
                      observer.disconnect();
                      clearTimeout(timer);
                      resolve(true);
                    }
                  });
                  observer.observe(document.body, {
                    subtree: true,
                    childList: true,
                    attributes: true,
                    attributeFilter: ['aria-busy'],
                  });
                  const timer = setTimeout(() => {
                    observer.disconnect();
                    resolve(false);
                  }, 5000);
                });
                input.value = q.slice(0, len);
                input.dispatchEvent(new Event('input', { bubbles: true }));
                const ok = await settled;
                await frame();
                if (!changes) continue;
                if (ok) {
                  const painted = performance.now();
                  out.push(painted - t0);
                  inDom.push((committed || t0) - t0);
                  // The search request this keystroke sent (or the one it waited behind, when one was in flight).
                  const search = messages.filter((m) => m.type === 'search' && m.end >= t0).at(-1);
                  stages.push({
                    query: q.slice(0, len),
                    t0: performance.timeOrigin + t0,
                    sent: search ? search.start - t0 : NaN,
                    answered: search ? search.end - t0 : NaN,
                    dom: (committed || t0) - t0,
                    painted: painted - t0,
                  });
                } else timeouts++;
              }
            }
            return { latencies: out, inDom, timeouts, stages };
          },
          titles
            .filter((_t, j) => j % Math.floor(titles.length / 12) === 0)
            .slice(0, 12)
            .map((t) => t.slice(0, 24)),
        );
        rows.push(...keystrokeStages(n, stages, await readSearchTrace(h)));
        rows.push(
          `| search, keystroke → results painted (${latencies.length} keystrokes that change the trimmed query; ${timeouts} unanswered in 5 s) | ${n.toLocaleString('en-US')} | p50 ${median(latencies).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(0)} ms | p95 ≤ ${n > 20_000 ? 50 : 16} ms |`,
        );
        rows.push(
          `| … keystroke → results in the DOM (\`aria-busy\` false; before the frame that paints them) | ${n.toLocaleString('en-US')} | p50 ${median(inDom).toFixed(1)} ms, p95 ${quantile(inDom, 0.95).toFixed(1)} ms, max ${Math.max(...inDom).toFixed(0)} ms | — |`,
        );
        await popup.close();
      }
    }
    // The first open pays for loading the persisted index into a fresh worker heap only if the worker was restarted;
    // the sync just built it in memory, so all opens here are warm-worker opens.
    // Reopened on the same tab: the per-tab cache answers first.
    const reopened: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { ms, popup } = await openPopup(`warm reopen ${i}`);
      reopened.push(ms);
      await popup.close();
    }
    warmLoad.push(loadAverage());
    const reference = await referencePaint(h, WARM_RUNS);
    const warm = firstRelated.slice(1);
    rows.unshift(
      `| popup: navigation start → first related row painted, a tab opened for the first time (warm worker; median of ${warm.length} after the first open, min ${Math.min(...warm).toFixed(0)} ms; the first open after the sync or start ${firstRelated[0]!.toFixed(0)} ms; load ${warmLoad.join(' → ')}) | ${n.toLocaleString('en-US')} | ${median(warm).toFixed(0)} ms (${(median(warm) / median(reference)).toFixed(1)}× the reference) | ≤ ${n > 20_000 ? 250 : 100} ms |`,
      `| reference: navigation start → first paint of the extension's static privacy page, same run (median of ${reference.length}) | ${n.toLocaleString('en-US')} | ${median(reference).toFixed(0)} ms | — |`,
      breakdownRow('warm', n, warmOpens),
      `| popup reopened on the same tab, warm worker (per-tab cache; median of ${reopened.length}) | ${n.toLocaleString('en-US')} | ${median(reopened).toFixed(0)} ms | — |`,
    );
    const [sizes = 0] = ((await readDb(h.worker, [{ store: 'blobs', key: 'search-index', size: true }])) ?? []) as [
      number?,
    ];
    if (!synced) {
      rows.push(
        `| install sync of ${days} list dates + index build (for reference) | ${n.toLocaleString('en-US')} | ${syncSeconds.toFixed(1)} s | — |`,
      );
      rows.push(
        `| … of which until the popup's search answers with a paper of the newest list date, typed at once (polled every 0.5 s) | ${n.toLocaleString('en-US')} | ${firstResult === undefined ? 'not before the sync ended' : `${firstResult.toFixed(1)} s`} | usable while syncing |`,
      );
    }
    // The index files (OPFS) when the build keeps them there, else the IndexedDB record.
    const files = await h.worker.evaluate(async () => {
      const out: Record<string, number> = {};
      try {
        const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('indexes');
        for (const name of ['search-index.bin', 'related-index.bin']) {
          out[name] = (await (await dir.getFileHandle(name)).getFile()).size;
        }
      } catch {
        // No index files: an older build, or none written yet.
      }
      return out;
    });
    const fileSize = files['search-index.bin'];
    rows.push(
      `| persisted search index | ${n.toLocaleString('en-US')} | ${((fileSize ?? sizes) / 1e6).toFixed(1)} MB (${fileSize === undefined ? 'IndexedDB record' : 'file'}) | — |`,
    );
    rows.push(
      `| on disk: IndexedDB folder / file-system folder (profile) | ${n.toLocaleString('en-US')} | ${(folderBytes(join(h.userDataDir, 'Default', 'IndexedDB')) / 1e6).toFixed(1)} MB / ${(folderBytes(join(h.userDataDir, 'Default', 'File System')) / 1e6).toFixed(1)} MB | — |`,
    );

    // Cold worker: Chrome stops an idle service worker after ~30 s, so a popup opened later starts it again. The
    // worker is stopped through the DevTools protocol (`Target.closeTarget`), then the popup opened.
    const cold: number[] = [];
    const coldOpens: OpenTimes[] = [];
    const coldReopened: number[] = [];
    const coldLoad: string[] = [loadAverage()];
    for (let i = 0; i < COLD_RUNS; i++) {
      tabId = await newTab();
      for (const reopen of [false, true]) {
        // Chrome stops a worker that has been idle for ~30 s, never one in the middle of a sync: let a sync the
        // previous start resumed (and the index rebuild after it) finish first.
        await waitSyncIdle(h);
        await h.stopWorker();
        if (COLD_WAIT > 0) await new Promise((r) => setTimeout(r, COLD_WAIT));
        const { ms, times, popup } = await openPopup(reopen ? `cold reopen ${i}` : `cold ${i}`, 180_000, true);
        if (reopen) coldReopened.push(ms);
        else {
          cold.push(ms);
          coldOpens.push(times);
          // Read before it is reopened (see `waitTabCached`).
          if (!(await waitTabCached(popup, tabId))) console.warn('popup bench: no cached list');
        }
        await popup.close();
      }
    }
    coldLoad.push(loadAverage());
    if (cold.length > 0) {
      const reference = await referencePaint(h, 3);
      // The browser's own part of a cold open: the static page opened right after the worker was stopped (the
      // extension's renderer may have to start again; no Paper Radar code runs on that page).
      const coldReference: number[] = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        await h.stopWorker();
        coldReference.push(...(await referencePaint(h, 1)));
      }
      rows.push(
        `| reference, cold: the static privacy page opened right after the worker was stopped (median of ${coldReference.length}) | ${n.toLocaleString('en-US')} | ${median(coldReference).toFixed(0)} ms | — |`,
        `| popup reopened on the same tab, **cold worker** (per-tab cache; median of ${coldReopened.length}) | ${n.toLocaleString('en-US')} | ${median(coldReopened).toFixed(0)} ms | — |`,
        `| popup: navigation start → first related row painted, a tab opened for the first time (**cold worker**, stopped ${COLD_WAIT} ms before each open; median of ${cold.length}, min ${Math.min(...cold).toFixed(0)} ms; load ${coldLoad.join(' → ')}) | ${n.toLocaleString('en-US')} | ${median(cold).toFixed(0)} ms (${(median(cold) / median(reference)).toFixed(1)}× the reference, ${median(reference).toFixed(0)} ms) | ≤ 400 ms |`,
        breakdownRow('cold', n, coldOpens),
      );
    }
  } catch (e) {
    console.error(`popup bench at ${n} papers failed:`, e);
    throw e;
  } finally {
    await h.close().catch(() => {});
  }
  return rows;
}

const sizes = (process.argv[2] ?? '10000,50000').split(',').map(Number);
const rows: string[] = [];
for (const n of sizes) rows.push(...(await measure(n)));
console.log('## Popup in real Chromium (production build)\n');
console.log('| what | papers | measured | target |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);
