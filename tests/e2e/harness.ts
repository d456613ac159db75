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
  /** URLs the browser tried to reach outside loopback and the routed feed (should stay empty). */
  leaks: string[];
  /** Feed URLs requested, in order. */
  feedRequests: string[];
  /** Replaces how feed requests are answered. */
  setFeed(handler: FeedHandler): void;
  /** Serves HTML at an https URL (pages such as arxiv.org/abs/… are routed, never fetched). */
  servePage(url: string, html: string): Promise<void>;
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Chromium with the built extension. The feed answers `[]` until `setFeed` says otherwise. */
export async function launch(): Promise<Harness> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'pr-e2e-'));
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
    ],
  });
  const leaks: string[] = [];
  const feedRequests: string[] = [];
  const pages = new Map<string, string>();
  let feed: FeedHandler = () => undefined;

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
    leaks.push(url.href);
    return route.abort('internetdisconnected');
  });

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    leaks,
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
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
