/**
 * Idle cost, in real Chromium on the production build: three arXiv tabs (an abstract page, the real hep-th listing,
 * the 700 KB HTML full text) are loaded and badged, then nothing happens for `seconds` (default 60). Two browsers
 * run side by side over the same window, one with Paper Radar and one without; measured over the window:
 *
 * - CPU time (user + system, `/proc/<pid>/stat`) of every process of each browser, grouped as the extension's own
 *   renderer (the service worker; `--extension-process` on its command line), the tabs' renderers, and the rest
 *   (browser, GPU, network and storage services);
 * - each tab's main-thread task and script time (`Performance.getMetrics` `TaskDuration` / `ScriptDuration` deltas);
 * - the extension's alarms (`chrome.alarms.getAll`), the feed requests made, and the service-worker starts seen.
 *
 * CPU time, unlike wall time, is not inflated by other processes on a loaded machine, so the figures hold under load.
 * DevTools stays attached to the service worker (Playwright does), which keeps Chrome from stopping it when idle:
 * worker starts cannot be observed here, so wake-ups show as CPU time of the extension's process instead.
 *
 *   npx tsx bench/idle.ts [seconds]
 */
import { type BrowserContext, type CDPSession } from 'playwright-core';
import { recordedDay, recordedPage } from '../tests/helpers/recorded-feed';
import { bodiesForIds, serveAsNewestDays, syncNow } from '../tests/e2e/feed';
import { launch } from '../tests/e2e/harness';
import { TICK, cpuTicks, launchPlain, listingIds, processesOf, type Proc } from './plain-browser';

const SECONDS = Number(process.argv[2] ?? 60);
const listing = recordedPage('arxiv-list-hep-th-new-2024-08-09.html');
const LISTING_IDS = listingIds(listing);
const TABS = [
  { url: 'https://arxiv.org/abs/1902.02534', html: recordedPage('arxiv-abs-1902.02534-layout2026.html') },
  { url: 'https://arxiv.org/list/hep-th/new', html: listing },
  { url: 'https://arxiv.org/html/2501.11120v1', html: recordedPage('arxiv-html-2501.11120v1.html') },
];
function cpuByKind(procs: Proc[]): Map<number, number> {
  return new Map(procs.map((p) => [p.pid, cpuTicks(p.pid)]));
}

async function tabMetrics(sessions: CDPSession[]): Promise<{ task: number; script: number }> {
  let task = 0;
  let script = 0;
  for (const s of sessions) {
    const { metrics } = await s.send('Performance.getMetrics');
    task += metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    script += metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
  }
  return { task, script };
}

async function openTabs(context: BrowserContext): Promise<CDPSession[]> {
  const sessions: CDPSession[] = [];
  for (const t of TABS) {
    const tab = await context.newPage();
    await tab.goto(t.url);
    const s = await context.newCDPSession(tab);
    await s.send('Performance.enable');
    sessions.push(s);
  }
  return sessions;
}

const h = await launch();
const browser = await launchPlain();
const plain = browser.context;
try {
  await h.worker.evaluate('globalThis.__name = (f) => f');
  const ids = [...new Set([...LISTING_IDS, '1902.02534'])];
  serveAsNewestDays(h, bodiesForIds(recordedDay('2026-08-06')!, ids));
  await syncNow(h, ids.length, 120_000);
  for (const t of TABS) await h.servePage(t.url, t.html);
  await plain.route('https://arxiv.org/**', (route) => {
    const t = TABS.find((x) => x.url === route.request().url());
    return t
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: t.html })
      : route.abort('internetdisconnected');
  });
  for (const p of h.context.pages()) if (p.url() === 'about:blank') await p.close().catch(() => {});
  const withTabs = await openTabs(h.context);
  const plainTabs = await openTabs(plain);
  // Let the badging and first paints settle before the idle window starts.
  await new Promise((r) => setTimeout(r, 5000));

  const alarms = await h.worker.evaluate(async () => {
    type Alarm = { name: string; periodInMinutes?: number; scheduledTime: number };
    const { chrome } = globalThis as unknown as { chrome: { alarms: { getAll(): Promise<Alarm[]> } } };
    return (await chrome.alarms.getAll()).map(
      (a) =>
        `${a.name} (every ${a.periodInMinutes ?? '—'} min, next in ${((a.scheduledTime - Date.now()) / 60_000).toFixed(0)} min)`,
    );
  });
  let workerStarts = 0;
  h.context.on('serviceworker', () => workerStarts++);
  const feedBefore = h.feedRequests.length;
  const procsWith = processesOf(h.userDataDir);
  const procsPlain = processesOf(browser.userDataDir);
  const cpu0With = cpuByKind(procsWith);
  const cpu0Plain = cpuByKind(procsPlain);
  const tab0With = await tabMetrics(withTabs);
  const tab0Plain = await tabMetrics(plainTabs);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const cpu1With = cpuByKind(procsWith);
  const cpu1Plain = cpuByKind(procsPlain);
  const tab1With = await tabMetrics(withTabs);
  const tab1Plain = await tabMetrics(plainTabs);

  const used = (procs: Proc[], a: Map<number, number>, b: Map<number, number>, kind: Proc['kind']) =>
    procs.filter((p) => p.kind === kind).reduce((sum, p) => sum + ((b.get(p.pid) ?? 0) - (a.get(p.pid) ?? 0)), 0) /
    TICK;
  const row = (label: string, w: number, p: number | undefined, unit = 's') =>
    `| ${label} | ${w.toFixed(unit === 's' ? 2 : 1)} ${unit} | ${p === undefined ? '—' : `${p.toFixed(unit === 's' ? 2 : 1)} ${unit}`} |`;
  console.log(`## Idle cost over ${SECONDS} s, three arXiv tabs open (\`bench/idle.ts\`)\n`);
  console.log('| what | with Paper Radar | without |');
  console.log('|---|---|---|');
  console.log(
    row("CPU of the extension's process (service worker)", used(procsWith, cpu0With, cpu1With, 'extension'), undefined),
  );
  console.log(
    row(
      "CPU of the tabs' renderers",
      used(procsWith, cpu0With, cpu1With, 'renderer'),
      used(procsPlain, cpu0Plain, cpu1Plain, 'renderer'),
    ),
  );
  console.log(
    row(
      'CPU of the other browser processes',
      used(procsWith, cpu0With, cpu1With, 'other'),
      used(procsPlain, cpu0Plain, cpu1Plain, 'other'),
    ),
  );
  for (const [label, key] of [
    ["tabs' main-thread task time", 'task'],
    ["tabs' script time", 'script'],
  ] as const) {
    console.log(row(label, (tab1With[key] - tab0With[key]) * 1000, (tab1Plain[key] - tab0Plain[key]) * 1000, 'ms'));
  }
  console.log(`| feed requests during the window | ${h.feedRequests.length - feedBefore} | — |`);
  console.log(`| service-worker starts seen during the window | ${workerStarts} | — |`);
  console.log(`| alarms | ${alarms.join('; ') || 'none'} | — |`);
  console.log(
    `\nProcesses: with ${procsWith.length} (${procsWith.filter((p) => p.kind === 'extension').length} extension, ` +
      `${procsWith.filter((p) => p.kind === 'renderer').length} renderers), without ${procsPlain.length}.`,
  );
} finally {
  await browser.close();
  await h.close();
}
