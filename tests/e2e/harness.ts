/**
 * End-to-end harness: the production build in real Chromium (Debian's /usr/bin/chromium via playwright-core),
 * with the Daily Papers API answered from recorded responses through `context.route` (which also intercepts the
 * service worker's fetches). Nothing leaves the machine: every other request is aborted and recorded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';

export const EXTENSION_DIR = join(import.meta.dirname, '../../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type FeedHandler = (url: URL) => { status?: number; body: string; headers?: Record<string, string> } | undefined;

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
  open(path: string): Promise<Page>;
  /** The browser profile's folder (pass it to `launch` again to restart the browser on the same profile). */
  userDataDir: string;
  /**
   * Presses the extension's toolbar button on `tab` (CDP `Extensions.triggerAction`), as a person does before
   * opening the popup: Chrome then grants the `activeTab` permission for that tab, so the popup may read it.
   */
  clickToolbarButton(tab: Page): Promise<void>;
  /** Closes the browser; the profile is deleted unless `keepProfile` (a restart follows). */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  /**
   * How the feed answers from the first request on, including the install-time sync (which otherwise races
   * `setFeed`, and marks the older dates it fetched as settled so later syncs skip them). Default: `[]` for all.
   */
  feed?: FeedHandler;
  /** An existing profile folder (from `Harness.userDataDir`): the browser restarts with everything it stored. */
  userDataDir?: string;
}

/** Launches Chromium with the built extension. The feed answers `[]` (or `options.feed`) until `setFeed`. */
export async function launch(options: LaunchOptions = {}): Promise<Harness> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'pr-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Lets `clickToolbarButton` press the extension's toolbar button through the DevTools protocol.
      '--enable-unsafe-extension-debugging',
    ],
  });
  const leaks: string[] = [];
  const pageRequests: string[] = [];
  const feedRequests: string[] = [];
  const pages = new Map<string, string>();
  let feed: FeedHandler = options.feed ?? (() => undefined);

  await context.route('**/*', async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.hostname === 'huggingface.co' && url.pathname === '/api/daily_papers') {
      feedRequests.push(url.href);
      const answer = feed(url) ?? { body: '[]' };
      return route.fulfill({
        status: answer.status ?? 200,
        contentType: 'application/json',
        body: answer.body,
        ...(answer.headers ? { headers: answer.headers } : {}),
      });
    }
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
    async open(path) {
      const page = await context.newPage();
      await page.goto(path.includes('://') ? path : `chrome-extension://${extensionId}/${path}`);
      return page;
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
      if (!closeOptions.keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
