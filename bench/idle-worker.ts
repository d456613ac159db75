/**
 * Idle wake-ups of the extension's service worker, which `bench/idle.ts` cannot see (Playwright stays attached to
 * the worker, and an attached DevTools session keeps Chrome from stopping it). Here nothing attaches to the worker:
 *
 * 1. The harness fills a profile: install, a sync of the real listing's papers, then the browser is closed and
 *    the profile kept.
 * 2. Debian's Chromium starts again on that profile by itself, driven over a raw DevTools socket that only
 *    *discovers* targets (`Target.setDiscoverTargets`: creation and destruction events, no attachment) and attaches
 *    to the three arXiv tabs alone. The network is the loopback TLS proxy of the Firefox suite
 *    (`--proxy-server`, the feed and arXiv answered, every other host refused and recorded).
 * 3. Settle: the tabs are badged, then we wait for Chrome to stop the worker on its own (its idle timeout, ~30 s
 *    after the last event). A worker that never stops within `settle` seconds is reported as such.
 * 4. The idle window (`seconds`, default 120): every service-worker start of the extension is counted with its
 *    time, together with the CPU time (`/proc`) of the browser's processes, the tabs' script time
 *    (`Performance.getMetrics`), the feed requests and the refused hosts.
 *
 * The target: zero wake-ups beyond the sync alarm (issue 13). The alarm fires once per sync interval (60 min by
 * default), so a 120 s window should see none.
 *
 *   npx tsx bench/idle-worker.ts [seconds] [settle]
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import { recordedDay, recordedPage } from '../tests/helpers/recorded-feed';
import { bodiesForIds, serveAsNewestDays, syncNow } from '../tests/e2e/feed';
import { CHROMIUM, extensionSwitches, launch } from '../tests/e2e/harness';
import { startFeedProxy } from '../tests/e2e-firefox/proxy';
import { TICK, cpuTicks, listingIds, processesOf } from './plain-browser';

const SECONDS = Number(process.argv[2] ?? 120);
const SETTLE = Number(process.argv[3] ?? 180);
const listing = recordedPage('arxiv-list-hep-th-new-2024-08-09.html');
const TABS = [
  { url: 'https://arxiv.org/abs/1902.02534', html: recordedPage('arxiv-abs-1902.02534-layout2026.html') },
  { url: 'https://arxiv.org/list/hep-th/new', html: listing },
  { url: 'https://arxiv.org/html/2501.11120v1', html: recordedPage('arxiv-html-2501.11120v1.html') },
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A DevTools protocol connection over the browser's WebSocket, with flattened sessions. */
class Cdp {
  private next = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners: ((method: string, params: Record<string, unknown>, session?: string) => void)[] = [];
  constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
        sessionId?: string;
      };
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(msg.error.message));
        else p?.resolve(msg.result);
      } else if (msg.method) {
        for (const l of this.listeners) l(msg.method, msg.params ?? {}, msg.sessionId);
      }
    });
  }
  static async connect(url: string): Promise<Cdp> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new Cdp(ws);
  }
  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.next++;
    this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
  }
  on(listener: (method: string, params: Record<string, unknown>, session?: string) => void): void {
    this.listeners.push(listener);
  }
  close(): void {
    this.ws.close();
  }
}

// 1. A profile with the listing's papers stored.
const ids = [...new Set([...listingIds(listing), '1902.02534'])];
const bodies = bodiesForIds(recordedDay('2026-08-06')!, ids);
const h = await launch();
serveAsNewestDays(h, bodies);
await syncNow(h, ids.length, 120_000);
const profile = h.userDataDir;
await h.close({ keepProfile: true });

// 2. The same profile, no automation attached to the worker.
const proxy = await startFeedProxy();
serveAsNewestDays(proxy, bodies);
for (const t of TABS) proxy.servePage(t.url, t.html);
const chrome = spawn(
  CHROMIUM,
  [
    '--headless',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    ...extensionSwitches(),
    `--proxy-server=http://127.0.0.1:${proxy.port}`,
    '--proxy-bypass-list=<-loopback>',
    '--ignore-certificate-errors',
    'about:blank',
  ],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
const endpoint = await new Promise<string>((resolve, reject) => {
  let err = '';
  chrome.stderr.on('data', (d: Buffer) => {
    err += String(d);
    const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
    if (m) resolve(m[1]!);
  });
  chrome.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${err.slice(-500)}`)));
});

const cdp = await Cdp.connect(endpoint);
interface Event {
  at: number;
  what: 'start' | 'stop';
}
const workerEvents: Event[] = [];
const workers = new Set<string>();
const t0 = Date.now();
cdp.on((method, params) => {
  const info = params.targetInfo as { targetId: string; type: string; url: string } | undefined;
  if (
    method === 'Target.targetCreated' &&
    info?.type === 'service_worker' &&
    info.url.startsWith('chrome-extension:')
  ) {
    workers.add(info.targetId);
    workerEvents.push({ at: Date.now(), what: 'start' });
  }
  if (method === 'Target.targetDestroyed' && workers.delete(params.targetId as string)) {
    workerEvents.push({ at: Date.now(), what: 'stop' });
  }
});
await cdp.send('Target.setDiscoverTargets', { discover: true });

try {
  const sessions: string[] = [];
  for (const t of TABS) {
    const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: t.url, newWindow: true });
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    await cdp.send('Performance.enable', {}, sessionId);
    sessions.push(sessionId);
  }
  const badges = async () => {
    let n = 0;
    for (const s of sessions) {
      const { result } = await cdp.send<{ result: { value: number } }>(
        'Runtime.evaluate',
        { expression: `document.querySelectorAll('[data-paper-radar="badge"]').length`, returnByValue: true },
        s,
      );
      n += result.value;
    }
    return n;
  };
  let badged = 0;
  for (let i = 0; i < 120 && (badged = await badges()) < ids.length; i++) await sleep(500);
  const badgedAt = (Date.now() - t0) / 1000;

  // 3. Settle until Chrome stops the worker by itself.
  const settleEnd = Date.now() + SETTLE * 1000;
  while (workers.size > 0 && Date.now() < settleEnd) await sleep(250);
  const stoppedBySelf = workers.size === 0;
  const settledAt = (Date.now() - t0) / 1000;

  // 4. The idle window.
  const procs = processesOf(profile);
  const metrics = async () => {
    let task = 0;
    let script = 0;
    for (const s of sessions) {
      const { metrics: m } = await cdp.send<{ metrics: { name: string; value: number }[] }>(
        'Performance.getMetrics',
        {},
        s,
      );
      task += m.find((x) => x.name === 'TaskDuration')?.value ?? 0;
      script += m.find((x) => x.name === 'ScriptDuration')?.value ?? 0;
    }
    return { task, script };
  };
  const cpu = () => new Map(procs.map((p) => [p.pid, cpuTicks(p.pid)]));
  const windowStart = Date.now();
  const eventsBefore = workerEvents.length;
  const feedBefore = proxy.feedRequests.length;
  const c0 = cpu();
  const m0 = await metrics();
  await sleep(SECONDS * 1000);
  const c1 = cpu();
  const m1 = await metrics();
  const inWindow = workerEvents.slice(eventsBefore);
  const used = (kind: string) =>
    procs.filter((p) => p.kind === kind).reduce((s, p) => s + ((c1.get(p.pid) ?? 0) - (c0.get(p.pid) ?? 0)), 0) / TICK;

  console.log(`## Idle wake-ups of the service worker over ${SECONDS} s (\`bench/idle-worker.ts\`)\n`);
  console.log('| what | measured |');
  console.log('|---|---|');
  console.log(
    `| badges on the three tabs after the restart | ${badged} of ${ids.length} papers, at ${badgedAt.toFixed(1)} s |`,
  );
  console.log(
    `| the worker stopped by Chrome itself before the window | ${stoppedBySelf ? `yes, ${settledAt.toFixed(1)} s after the browser started` : `**no** (still running after ${SETTLE} s)`} |`,
  );
  console.log(
    `| worker starts / stops during the window | ${inWindow.filter((e) => e.what === 'start').length} / ${inWindow.filter((e) => e.what === 'stop').length}` +
      `${inWindow.length ? ` (at ${inWindow.map((e) => `${e.what} +${((e.at - windowStart) / 1000).toFixed(1)} s`).join(', ')})` : ''} |`,
  );
  console.log(
    `| worker starts / stops before the window | ${workerEvents
      .slice(0, eventsBefore)
      .map((e) => `${e.what} ${((e.at - t0) / 1000).toFixed(1)} s`)
      .join(', ')} |`,
  );
  console.log(`| CPU of the extension's process during the window | ${used('extension').toFixed(2)} s |`);
  console.log(`| CPU of the tabs' renderers during the window | ${used('renderer').toFixed(2)} s |`);
  console.log(`| CPU of the other browser processes during the window | ${used('other').toFixed(2)} s |`);
  console.log(`| tabs' script time during the window | ${((m1.script - m0.script) * 1000).toFixed(1)} ms |`);
  console.log(`| tabs' main-thread task time during the window | ${((m1.task - m0.task) * 1000).toFixed(1)} ms |`);
  console.log(
    `| feed requests: during the window / since the restart | ${proxy.feedRequests.length - feedBefore} / ${proxy.feedRequests.length} |`,
  );
  const chromeOwn = /(^|\.)(google|googleapis|gstatic)\.com(:|\/|$)/;
  const refused = [...new Set(proxy.refused.map((r) => r.replace(/^http:\/\//, '').split(/[/:]/)[0]!))];
  console.log(
    `| hosts refused by the proxy since the restart (Chrome's own Google services / the pages' scripts and styles) | ` +
      `${refused.filter((r) => chromeOwn.test(r + '/')).join(', ') || 'none'} / ${refused.filter((r) => !chromeOwn.test(r + '/')).join(', ') || 'none'} |`,
  );
} finally {
  cdp.close();
  chrome.kill('SIGTERM');
  await new Promise((r) => chrome.once('exit', r));
  await proxy.close();
  rmSync(profile, { recursive: true, force: true });
}
