/**
 * End-to-end harness for Firefox: the production Firefox build installed as a temporary add-on in Debian's
 * /usr/bin/firefox-esr, headless, driven by puppeteer-core over WebDriver BiDi (Playwright needs its own patched
 * Firefox). The feed and arXiv are answered by a loopback proxy (see proxy.ts); a served page's own subresources are
 * aborted in the browser; the extension's console errors reach Firefox's stdout and are collected.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import type { FeedHandler } from '../e2e/harness';
import { startFeedProxy, type FeedProxy } from './proxy';

export const EXTENSION_DIR = join(import.meta.dirname, '../../.output/firefox-mv2');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The extension's fixed moz-extension:// host, set through `extensions.webextensions.uuids`. */
const UUID = '5f0c8e3a-7d4b-4c1e-9a62-3b8d1f0e7c45';

export interface FirefoxHarness {
  browser: Browser;
  /** `moz-extension://<uuid>` */
  origin: string;
  /** Feed URLs requested, in order. */
  feedRequests: string[];
  /**
   * What reached the proxy beyond the feed and the served pages: refused hosts (`host:443`) and unserved URLs on the
   * feed's and arXiv's hosts (such as `https://huggingface.co/api/papers/<id>`, which would tell what the user reads).
   * Firefox's own traffic is turned off by prefs and served pages' subresources are aborted in the browser, so
   * whatever lands here was asked for by the extension.
   */
  leaks: string[];
  /** Subresources served pages asked for (their scripts, styles, images): aborted in the browser, never fetched. */
  pageRequests: string[];
  /** Errors the extension logged (`console.error`) or threw (uncaught, in any of its scripts), as Firefox printed them. */
  extensionErrors: string[];
  setFeed(handler: FeedHandler): void;
  /** Serves HTML at an https URL on arxiv.org (pages are routed, never fetched). */
  servePage(url: string, html: string): void;
  /** Opens an extension page (`popup.html?…`) or a served https page in a new tab. */
  open(path: string): Promise<Page>;
  /** The id of the open tab showing `url` (asked through the extension's `tabs` API in one of its pages). */
  tabIdOf(url: string): Promise<number>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** How the feed answers from the first request on, including the install-time sync. Default: `[]` for all. */
  feed?: FeedHandler;
}

const geckoId = (): string =>
  (
    JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      browser_specific_settings: { gecko: { id: string } };
    }
  ).browser_specific_settings.gecko.id;

/** Firefox's preferences for the test profile: the proxy, extension origin, console to stdout, no own traffic. */
function prefs(proxyPort: number): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId()]: UUID }),
    // Every connection goes through the test proxy, loopback included; no HTTP/3 (it would bypass an HTTP proxy).
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.http.http3.enable': false,
    'network.dns.disablePrefetch': true,
    // Console output of extension pages, the background and content scripts goes to stdout.
    'devtools.console.stdout.content': true,
    'devtools.console.stdout.chrome': true,
    // Firefox's own traffic, off, so the proxy's refusals are the extension's alone. Remote settings honour this
    // server only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in the environment (release builds ignore it otherwise).
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'dom.push.connection.enabled': false,
    'extensions.blocklist.enabled': false,
    'security.OCSP.enabled': 0,
    'browser.region.network.url': '',
    'toolkit.telemetry.enabled': false,
  };
}

/** Lines Firefox printed that are errors of the extension: its `[paper-radar]` console errors, its uncaught ones. */
function isExtensionError(line: string): boolean {
  return (
    /^console\.error: .*\[paper-radar\]/.test(line) ||
    line.startsWith(`JavaScript error: moz-extension://${UUID}/`) ||
    (line.startsWith('JavaScript error:') && line.includes('[paper-radar]'))
  );
}

/** Launches Firefox with the production build installed. The feed answers `[]` (or `options.feed`) until `setFeed`. */
export async function launch(options: LaunchOptions = {}): Promise<FirefoxHarness> {
  const proxy: FeedProxy = await startFeedProxy(options.feed);
  const origin = `moz-extension://${UUID}`;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    // Lets WebDriver BiDi open and script moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: prefs(proxy.port),
  });
  const extensionErrors: string[] = [];
  const output: string[] = [];
  for (const stream of [browser.process()?.stdout, browser.process()?.stderr]) {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        if (isExtensionError(line)) extensionErrors.push(line);
      }
    });
  }
  // PAPER_RADAR_FIREFOX_LOG=1 shows all that Firefox printed, when a test needs looking into.
  if (process.env.PAPER_RADAR_FIREFOX_LOG) {
    browser.process()?.stdout?.pipe(process.stdout);
    browser.process()?.stderr?.pipe(process.stderr);
  }

  await browser.installExtension(EXTENSION_DIR);
  const pageRequests: string[] = [];

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    if (path.includes('://')) {
      // A served page: its document comes from the proxy; its own subresources are aborted here and recorded, so
      // that they never reach the proxy and only the extension's requests can be refused there.
      await page.setRequestInterception(true);
      page.on('request', (request: HTTPRequest) => {
        const url = request.url();
        if (request.isNavigationRequest() || url.startsWith('data:')) return void request.continue();
        pageRequests.push(url);
        return void request.abort('internetdisconnected');
      });
      await page.goto(path);
      return page;
    }
    const url = `${origin}/${path}`;
    // page.goto on a moz-extension:// page never sees its load event (Firefox 153): start it, then ask the tab until
    // it shows the new document. Asking while the old one is torn down fails (not only with the errors puppeteer
    // knows to retry on), so each failed ask counts as "not yet".
    page.goto(url).catch(() => undefined);
    const deadline = Date.now() + 20_000;
    const shows = () =>
      page.evaluate((u) => location.href === u && document.readyState !== 'loading', url).catch(() => false);
    while (!(await shows())) {
      if (Date.now() > deadline) throw new Error(`paper-radar test: ${url} did not open`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return page;
  }

  return {
    browser,
    origin,
    feedRequests: proxy.feedRequests,
    get leaks() {
      return [...proxy.refused, ...proxy.unserved];
    },
    pageRequests,
    extensionErrors,
    setFeed: (handler) => proxy.setFeed(handler),
    servePage: (url, html) => proxy.servePage(url, html),
    open,
    async tabIdOf(url) {
      const page = await open('popup.html');
      try {
        const id = await page.evaluate(async (u) => {
          type Tabs = { query(q: { url: string }): Promise<{ id?: number }[]> };
          const { browser: ext } = globalThis as unknown as { browser: { tabs: Tabs } };
          return (await ext.tabs.query({ url: u }))[0]?.id;
        }, url);
        if (id === undefined) throw new Error(`paper-radar test: no tab shows ${url}`);
        return id;
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
      await proxy.close();
    },
  };
}

const STATUS = '[data-paper-radar="sync-status"]';

/** The `data-arxiv-id` of each `[data-paper-radar="<role>"]` element on `page`, in order. */
export function idsOf(page: Page, role: string): Promise<string[]> {
  return page.$$eval(`[data-paper-radar="${role}"]`, (els) => els.map((e) => e.getAttribute('data-arxiv-id') ?? ''));
}

/**
 * Clicks "sync now" on `page` (the popup or the reader, which show the status line) once no sync is running, and
 * waits until that sync has asked the feed and the status line has settled in `state` with `count` papers.
 */
export async function syncNowOn(
  h: FirefoxHarness,
  page: Page,
  expected: { state: string; count: number },
): Promise<void> {
  await page.waitForSelector(`${STATUS}:not([data-state="syncing"])`, { timeout: 30_000 });
  const asked = h.feedRequests.length;
  await clickOn(page, '[data-paper-radar="sync-now"]');
  // The status line may already read `expected` from an earlier sync: first see this one reach the feed.
  await vi.waitFor(() => expect(h.feedRequests.length).toBeGreaterThan(asked), { timeout: 30_000, interval: 100 });
  await page.waitForSelector(`${STATUS}[data-state="${expected.state}"][data-count="${expected.count}"]`, {
    timeout: 30_000,
  });
}

/**
 * Clicks the element `selector` names once it is there and visible, through its handle (scrolled into view, a real
 * pointer click). Not `page.locator(…).click()`: with Debian's Firefox ESR 140.12 a locator's click never found
 * the element ready and timed out, while a handle's click of the same button went through (both builds alike).
 */
export async function clickOn(page: Page, selector: string): Promise<void> {
  const element = await page.waitForSelector(selector, { visible: true, timeout: 30_000 });
  if (!element) throw new Error(`paper-radar test: no ${selector}`);
  await element.click();
}

/** Syncs through the popup until it is idle with `count` papers (see `syncNowOn`). */
export async function syncNow(h: FirefoxHarness, count: number): Promise<void> {
  const popup = await h.open('popup.html');
  await syncNowOn(h, popup, { state: 'idle', count });
  await popup.close();
}
