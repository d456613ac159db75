/**
 * Pages that try to see, stop or subvert the content script, in real Chromium with the production build: a page
 * listening for every sign of the extension and replaying WXT's restart message, a page that poisons built-ins
 * and clobbers document properties, pages on dark `oklch()`, `color-mix()` and gradient backgrounds, and the
 * extension reloaded under open arXiv tabs.
 */
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedDay } from '../helpers/recorded-feed';
import { rekeyedEntries, serveAsNewestDays, syncNow } from './feed';
import { launch, type Harness } from './harness';

const IDS = ['2408.04000', '2408.04052', '2408.04389', '2408.02720', '2408.04626', '2408.04001'];
const [A, B, C, D, E, F] = IDS as [string, string, string, string, string, string];

const entry = (id: string, title: string) =>
  `<dt><a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a></dt>` +
  `<dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> ${title}</div></div></dd>`;
const listingPage = (head: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>New submissions</title>${head}</head><body>${body}` +
  `<dl id="list">${entry(A, 'First')}${entry(B, 'Second')}</dl></body></html>`;
const badgeIds = (p: Page) =>
  p.locator('[data-paper-radar="badge"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id')));
/** Adds an entry to the page's listing, as a page that loads more results does. */
const addEntry = (p: Page, id: string) =>
  p.evaluate(
    ([html]) => document.getElementById('list')!.insertAdjacentHTML('beforeend', html!),
    [entry(id, 'Added later')],
  );

/** Everything a page can observe about the extension before its first badge, recorded by the page itself. */
const WATCHER = `<script>
  window.__seen = [];
  window.__mutations = [];
  addEventListener('message', (e) => __seen.push('message ' + JSON.stringify(e.data)), true);
  // Every change to the page once it is parsed, except the badges themselves.
  addEventListener('DOMContentLoaded', () => new MutationObserver((records) => {
    for (const r of records) {
      const added = [...r.addedNodes].filter((n) => !(n.getAttribute && n.getAttribute('data-paper-radar') === 'badge'));
      if (r.type === 'childList' && added.length === 0 && r.removedNodes.length === 0) continue;
      __mutations.push(r.type + ' ' + (r.attributeName || added.map((n) => n.nodeName).join(',')));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true }));
</script>`;

let h: Harness;
beforeAll(async () => {
  h = await launch();
  serveAsNewestDays(h, [rekeyedEntries(recordedDay('2026-08-06')!, IDS)]);
  await syncNow(h, IDS.length);
});
afterAll(async () => {
  await h?.close();
});

describe('a page looking for the extension', () => {
  it('sees no message, event, attribute or resource of it before the first badge, nor its id anywhere', async () => {
    // The page also listens for WXT's restart event under the name it would have (it knows the id, as a
    // fingerprinting script knows the ids of popular extensions).
    const listen = `<script>document.addEventListener('${h.extensionId}:arxiv:wxt:content-script-started', (e) => __seen.push('event ' + e.type), true);</script>`;
    await h.servePage('https://arxiv.org/list/cs/watched', listingPage(WATCHER + listen, ''));
    const p = await h.context.newPage();
    await p.goto('https://arxiv.org/list/cs/watched');
    await expect.poll(() => badgeIds(p), { timeout: 20_000 }).toEqual([A, B]);
    expect(await p.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual([]);
    expect(await p.evaluate(() => (window as unknown as { __mutations: string[] }).__mutations)).toEqual([]);
    // Nothing the page can read holds the extension id: its DOM, its badges' attributes and (open) shadow roots.
    const visible = await p.evaluate(
      () =>
        document.body.outerHTML +
        [...document.querySelectorAll('[data-paper-radar]')].map((e) => e.shadowRoot?.innerHTML ?? '').join(''),
    );
    expect(visible).not.toContain(h.extensionId);
    expect(visible).not.toContain('chrome-extension:');
    // Nothing of the extension is reachable as a resource from the page.
    const probe = await p.evaluate(async (id) => {
      try {
        await fetch(`chrome-extension://${id}/arxiv-badges.js`);
        return 'reachable';
      } catch {
        return 'blocked';
      }
    }, h.extensionId);
    expect(probe).toBe('blocked');
    await p.close();
  });

  it('cannot stop the script by replaying the restart message: new entries are still badged', async () => {
    await h.servePage('https://arxiv.org/list/cs/replay', listingPage('', ''));
    const p = await h.context.newPage();
    await p.goto('https://arxiv.org/list/cs/replay');
    await expect.poll(() => badgeIds(p), { timeout: 20_000 }).toEqual([A, B]);
    await p.evaluate((id) => {
      const type = `${id}:arxiv:wxt:content-script-started`;
      for (const name of ['arxiv', 'arxiv-badges', 'content']) {
        document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: name, messageId: 'x' } }));
        window.postMessage({ type, contentScriptName: name, messageId: 'y' }, '*');
      }
    }, h.extensionId);
    await addEntry(p, C);
    await expect.poll(() => badgeIds(p), { timeout: 20_000 }).toEqual([A, B, C]);
    await p.close();
  });
});

describe('a page with poisoned built-ins', () => {
  // Page code run before the content script: every built-in the badge loop might call, replaced by a trap that
  // records the call; and document properties clobbered by named elements.
  // Calls are recorded in an attribute with saved originals, since every usual way of recording is poisoned too;
  // the test reads it (and the badges) through Playwright's own isolated world.
  const POISON = `<script>
    const setAttr = Element.prototype.setAttribute, getAttr = Element.prototype.getAttribute, root = document.documentElement;
    const define = Object.defineProperty;
    const trap = (name) => function () {
      Reflect.apply(setAttr, root, ['data-calls', (Reflect.apply(getAttr, root, ['data-calls']) || '') + name + ' ']);
      throw new Error('poisoned ' + name);
    };
    const targets = [
      [Array.prototype, ['map', 'filter', 'push', 'forEach', 'slice', 'includes', 'indexOf', 'join', 'some', 'flatMap']],
      [Array, ['from', 'isArray']], [JSON, ['parse', 'stringify']], [Object, ['defineProperty', 'keys', 'entries', 'assign', 'freeze']],
      [Promise.prototype, ['then']], [Function.prototype, ['call', 'apply', 'bind']], [String.prototype, ['replace', 'trim', 'split', 'slice']],
      [Map.prototype, ['get', 'set', 'has']], [Set.prototype, ['add', 'has']], [RegExp.prototype, ['exec', 'test']],
      [Element.prototype, ['querySelector', 'querySelectorAll', 'getAttribute', 'setAttribute', 'attachShadow', 'append', 'after', 'closest', 'hasAttribute']],
      [Document.prototype, ['querySelectorAll', 'createElement', 'createTreeWalker', 'getElementsByTagName']],
      [Node.prototype, ['appendChild', 'insertBefore', 'removeChild']], [EventTarget.prototype, ['addEventListener']],
      [window, ['requestAnimationFrame', 'setTimeout', 'getComputedStyle', 'matchMedia', 'postMessage', 'fetch']],
      [performance, ['now']],
    ];
    for (const [o, names] of targets) for (const n of names) {
      try { define(o, n, { value: trap(n), configurable: true, writable: true }); } catch {}
    }
    for (const n of ['MutationObserver', 'IntersectionObserver', 'CustomEvent', 'CSSStyleSheet', 'AbortController']) {
      window[n] = trap(n);
    }
    // The page checks its own poison took, then forgets that check's call.
    let took = 0;
    for (const f of [() => [].map((x) => x), () => JSON.parse('1'), () => document.querySelectorAll('a'), () => new MutationObserver(() => {})]) {
      try { f(); } catch { took++; }
    }
    Reflect.apply(setAttr, root, ['data-poisoned', String(took)]);
    Reflect.apply(Element.prototype.removeAttribute, root, ['data-calls']);
  </script>`;
  const CLOBBER = [
    'querySelectorAll',
    'querySelector',
    'body',
    'head',
    'documentElement',
    'defaultView',
    'URL',
    'createElement',
    'getElementsByTagName',
    'createTreeWalker',
    'links',
    'title',
    'baseURI',
  ]
    .map((n) => `<img name="${n}"><form name="${n}"></form>`)
    .join('');

  const more = `<button id="more" onclick="document.getElementById('list').insertAdjacentHTML('beforeend', this.dataset.entry)" data-entry='${entry(D, 'Added to a poisoned page')}'>More</button>`;
  /** The badges' ids, counted through Playwright's isolated world (the page's own world is poisoned). */
  const badgedAmong = async (p: Page, ids: string[]) => {
    const out: string[] = [];
    for (const id of ids)
      if ((await p.locator(`[data-paper-radar="badge"][data-arxiv-id="${id}"]`).count()) === 1) out.push(id);
    return out;
  };

  it('still gets exactly the right badges, and none of its traps is ever called', async () => {
    await h.servePage('https://arxiv.org/list/cs/poisoned', listingPage(POISON, CLOBBER + more));
    const p = await h.context.newPage();
    await p.goto('https://arxiv.org/list/cs/poisoned');
    expect(await p.locator('html').getAttribute('data-poisoned')).toBe('4');
    await expect.poll(() => badgedAmong(p, IDS), { timeout: 20_000 }).toEqual([A, B]);
    // Following the page works too.
    await p.locator('#more').click();
    await expect.poll(() => badgedAmong(p, IDS), { timeout: 20_000 }).toEqual([A, B, D]);
    expect(await p.locator('[data-paper-radar="badge"]').count()).toBe(3);
    expect(await p.locator('html').getAttribute('data-calls')).toBeNull();
    await p.close();
  });
});

describe('badges on unusual backgrounds', () => {
  const section = (id: string, style: string) =>
    `<section style="${style}; padding: 1em"><p><a href="https://arxiv.org/abs/${id}">A paper</a></p></section>`;
  const cases: [string, string, boolean][] = [
    [A, 'background: oklch(0.22 0.03 260)', true],
    [B, 'background: color-mix(in srgb, black 85%, white)', true],
    [C, 'background: linear-gradient(135deg, #101018, oklch(0.25 0.05 280))', true],
    [D, 'background: oklch(0.97 0.01 90)', false],
    [E, 'background: color-mix(in oklab, white 90%, navy)', false],
    [F, 'background-image: linear-gradient(#ffffff, #eeeeee)', false],
  ];

  it('pick the scheme of the background each sits on', async () => {
    await h.servePage(
      'https://arxiv.org/a/unusual_backgrounds',
      `<!doctype html><html><head><title>Backgrounds</title></head><body>${cases.map(([id, s]) => section(id, s)).join('')}</body></html>`,
    );
    const p = await h.context.newPage();
    await p.goto('https://arxiv.org/a/unusual_backgrounds');
    await expect.poll(async () => (await badgeIds(p)).length, { timeout: 20_000 }).toBe(cases.length);
    const themes = await p
      .locator('[data-paper-radar="badge"]')
      .evaluateAll((els) =>
        Object.fromEntries(
          els.map((e) => [e.getAttribute('data-arxiv-id'), e.getAttribute('data-pr-theme') === 'dark']),
        ),
      );
    expect(themes).toEqual(Object.fromEntries(cases.map(([id, , dark]) => [id, dark])));
    await p.close();
  });
});

describe('the extension reloaded under open arXiv tabs', () => {
  it('stops the old scripts quietly and badges once with the new ones', async () => {
    await h.servePage('https://arxiv.org/list/cs/reloaded', listingPage('', ''));
    const p = await h.context.newPage();
    const noise: string[] = [];
    p.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' || m.type() === 'warning') noise.push(`${m.type()}: ${m.text()}`);
    });
    p.on('pageerror', (e) => noise.push(`pageerror: ${e.message}`));
    await p.goto('https://arxiv.org/list/cs/reloaded');
    await expect.poll(() => badgeIds(p), { timeout: 20_000 }).toEqual([A, B]);
    const runsBefore = await p
      .locator('[data-paper-radar="badge"]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-pr-run')))]);

    // Reload as a developer or an update does (developer mode lets Chromium reload a command-line extension).
    const ext = await h.context.newPage();
    await ext.goto('chrome://extensions');
    const restarted = h.context.waitForEvent('serviceworker', { timeout: 60_000 });
    await ext.evaluate(async (id) => {
      const dev = (
        globalThis as unknown as { chrome: { developerPrivate: Record<string, (...a: unknown[]) => Promise<unknown>> } }
      ).chrome.developerPrivate;
      await dev.updateProfileConfiguration!({ inDeveloperMode: true });
      await dev.reload!(id, { failQuietly: true });
    }, h.extensionId);
    await restarted;
    await ext.close();

    // The new script is injected into the open tab and replaces the old badges: one per paper, of a new run.
    await expect
      .poll(
        () =>
          p
            .locator('[data-paper-radar="badge"]')
            .evaluateAll((els) =>
              els.map((e) => `${e.getAttribute('data-arxiv-id')} ${e.getAttribute('data-pr-run')}`),
            ),
        { timeout: 30_000 },
      )
      .toSatisfy((rows: string[]) => rows.length === 2 && rows.every((r) => !runsBefore.includes(r.split(' ')[1]!)));
    // The page changes: the new script badges the new entry once; the old one, if still around, does nothing.
    await addEntry(p, C);
    await expect.poll(() => badgeIds(p), { timeout: 20_000 }).toEqual([A, B, C]);
    expect(noise).toEqual([]);
    await p.close();
  });
});
