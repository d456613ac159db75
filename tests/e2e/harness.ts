/**
 * End-to-end harness: the production build in real Chromium (Debian's /usr/bin/chromium via playwright-core),
 * with the Daily Papers API answered from recorded responses through `context.route` (which also intercepts the
 * service worker's fetches). Nothing leaves the machine: every other request is aborted and recorded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Route, type Worker } from 'playwright-core';

/** The unpacked production build (`PAPER_RADAR_EXTENSION_DIR` overrides it: a benchmark comparing two builds). */
export const EXTENSION_DIR =
  process.env.PAPER_RADAR_EXTENSION_DIR ?? join(import.meta.dirname, '../../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Chromium's switches for a test browser with a build loaded (`dir`, default the production build): no sandbox,
 * GPU, QUIC, first run or background traffic.
 */
export function extensionSwitches(dir: string = EXTENSION_DIR): string[] {
  return [
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** A routed response; `abort` fails the request at the network level instead (e.g. `connectionrefused`). */
export type Answer =
  { status?: number; body: string; headers?: Record<string, string>; contentType?: string } | { abort: string };

export type FeedHandler = (url: URL) => Answer | Promise<Answer | undefined> | undefined;

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** URLs the extension itself (its service worker or pages) tried to reach beyond the feed (should stay empty). */
  leaks: string[];
  /** URLs routed pages asked for that were not served (their own scripts and styles; aborted, never fetched). */
  pageRequests: string[];
  /** Feed URLs requested, in order. */
  feedRequests: string[];
  /** Replaces how feed requests are answered. */
  setFeed(handler: FeedHandler): void;
  /** Serves HTML at an https URL (pages such as arxiv.org/abs/… are routed, never fetched). */
  servePage(url: string, html: string): Promise<void>;
  /** Serves any answer at a URL outside the feed (another host, for redirect targets). */
  serve(url: string, answer: Answer): void;
  open(path: string): Promise<Page>;
  /** A DevTools protocol session (on a blank page of its own), for the Storage and ServiceWorker domains. */
  cdp(): Promise<CDPSession>;
  /** The extension's service worker now (a new one after a restart or reload), waiting for one to start. */
  currentWorker(): Promise<Worker>;
  /**
   * Stops the extension's service worker as the browser does when it is idle or killed (DevTools protocol
   * `Target.closeTarget` on its target), and resolves once it is stopped. The next event starts it again.
   */
  stopWorker(): Promise<void>;
  /** The id of the open tab showing `url`, asked of the extension's service worker. */
  tabIdOf(url: string): Promise<number | undefined>;
  /** The browser profile's folder (pass it to `launch` again to restart the browser on the same profile). */
  userDataDir: string;
  /**
   * Presses the extension's toolbar button on `tab` (CDP `Extensions.triggerAction`), as a person does before
   * opening the popup: Chrome then grants the `activeTab` permission for that tab, so the popup may read it.
   */
  clickToolbarButton(tab: Page): Promise<void>;
  /** Closes the browser; the profile is deleted unless it was given to `launch` or `keepProfile` (a restart follows). */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/** The id of the open tab showing `url`, asked of the extension's service worker. */
export function tabIdOf(h: Pick<Harness, 'worker'>, url: string): Promise<number | undefined> {
  return h.worker.evaluate(async (u) => {
    type Tabs = { query(q: { url: string }): Promise<{ id?: number }[]> };
    const { chrome } = globalThis as unknown as { chrome: { tabs: Tabs } };
    return (await chrome.tabs.query({ url: u }))[0]?.id;
  }, url);
}

export interface LaunchOptions {
  /**
   * How the feed answers from the first request on, including the install-time sync (which otherwise races
   * `setFeed`, and marks the older dates it fetched as settled so later syncs skip them). Default: `[]` for all.
   */
  feed?: FeedHandler;
  /** A profile directory to use and keep (to start the browser again on the same profile). Default: a fresh one. */
  profile?: string;
  /** An existing profile folder (from `Harness.userDataDir`): the browser restarts with everything it stored. */
  userDataDir?: string;
  /** The unpacked extension to load. Default `EXTENSION_DIR` (a benchmark comparing two builds in one run). */
  extensionDir?: string;
}

/** Launches Chromium with the built extension. The feed answers `[]` (or `options.feed`) until `setFeed`. */
export async function launch(options: LaunchOptions = {}): Promise<Harness> {
  const userDataDir = options.profile ?? options.userDataDir ?? mkdtempSync(join(tmpdir(), 'pr-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...extensionSwitches(options.extensionDir),
      // Lets `clickToolbarButton` press the extension's toolbar button through the DevTools protocol.
      '--enable-unsafe-extension-debugging',
    ],
  });
  const leaks: string[] = [];
  const pageRequests: string[] = [];
  const feedRequests: string[] = [];
  const pages = new Map<string, string>();
  const others = new Map<string, Answer>();
  let feed: FeedHandler = options.feed ?? (() => undefined);
  const answer = (route: Route, a: Answer) =>
    'abort' in a
      ? route.abort(a.abort)
      : route.fulfill({
          status: a.status ?? 200,
          contentType: a.contentType ?? 'application/json',
          body: a.body,
          ...(a.headers ? { headers: a.headers } : {}),
        });

  await context.route('**/*', async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.hostname === 'huggingface.co' && url.pathname === '/api/daily_papers') {
      feedRequests.push(url.href);
      return answer(route, (await feed(url)) ?? { body: '[]' });
    }
    const other = others.get(url.href);
    if (other) return answer(route, other);
    const page = pages.get(url.href) ?? pages.get(url.origin + url.pathname);
    if (page !== undefined) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page });
    if (
      ['chrome-extension:', 'data:', 'blob:'].includes(url.protocol) ||
      ['127.0.0.1', 'localhost'].includes(url.hostname)
    ) {
      return route.continue();
    }
    const request = route.request();
    let fromExtension = request.serviceWorker() !== null;
    try {
      fromExtension ||= request.frame().url().startsWith('chrome-extension:');
    } catch {
      // Requests without a frame (service worker, prefetch) have no frame URL.
    }
    (fromExtension ? leaks : pageRequests).push(url.href);
    return route.abort('internetdisconnected');
  });

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  // The newest worker of the extension: Playwright reports each start, but not every stop.
  let latest: Worker | undefined = worker;
  context.on('serviceworker', (w) => {
    if (w.url().startsWith(`chrome-extension://${extensionId}/`)) latest = w;
  });
  let session: CDPSession | undefined;
  const cdp = async () => context.newCDPSession(await context.newPage());
  const workerTargets = async () => {
    session ??= await cdp();
    const { targetInfos } = await session.send('Target.getTargets');
    return targetInfos.filter(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
  };
  return {
    context,
    extensionId,
    worker,
    leaks,
    pageRequests,
    feedRequests,
    setFeed(handler) {
      feed = handler;
    },
    async servePage(url, html) {
      pages.set(url, html);
    },
    serve(url, a) {
      others.set(url, a);
    },
    cdp,
    async currentWorker() {
      if (latest && (await workerTargets()).length > 0) return latest;
      latest = undefined;
      return context.waitForEvent('serviceworker', {
        timeout: 30_000,
        predicate: (w) => w.url().startsWith(`chrome-extension://${extensionId}/`),
      });
    },
    async stopWorker() {
      for (const t of await workerTargets()) await session!.send('Target.closeTarget', { targetId: t.targetId });
      latest = undefined;
      for (let i = 0; i < 100 && (await workerTargets()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    },
    async open(path) {
      const page = await context.newPage();
      await page.goto(path.includes('://') ? path : `chrome-extension://${extensionId}/${path}`);
      return page;
    },
    tabIdOf(url) {
      return worker.evaluate(async (u) => {
        type Tabs = { query(q: { url: string }): Promise<{ id?: number }[]> };
        const { chrome } = globalThis as unknown as { chrome: { tabs: Tabs } };
        return (await chrome.tabs.query({ url: u }))[0]?.id;
      }, url);
    },
    userDataDir,
    async clickToolbarButton(tab) {
      const browser = context.browser();
      if (!browser) throw new Error('paper-radar e2e: no browser to send CDP commands to');
      const cdp = await browser.newBrowserCDPSession();
      try {
        const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] });
        // The tab target (not the page target) of the page, found by its URL.
        const target = targetInfos.find((t) => t.type === 'tab' && t.url === tab.url());
        if (!target) throw new Error(`paper-radar e2e: no tab target for ${tab.url()}`);
        await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: target.targetId });
      } finally {
        await cdp.detach();
      }
    },
    async close(closeOptions = {}) {
      await context.close();
      if (!options.profile && !closeOptions.keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
