/**
 * Saving a paper from its inline badge on the recorded arXiv listing (production build, real Chromium): a person's
 * click or key press saves it (the reader's saved view lists it, the toggle says pressed), a click a script makes
 * saves nothing, and the page can reach neither the toggle nor its state.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedDay, recordedPage } from '../helpers/recorded-feed';
import { launch, type Harness } from './harness';
import { papersOf, rekeyedEntries, serveAsNewestDays, syncNow } from './feed';

const LIST_URL = 'https://arxiv.org/list/hep-th/new';
// Papers of the recorded listing, served as real feed entries re-keyed to them (as badges.e2e.test.ts does).
const LISTED = ['2408.04000', '2408.04052', '2408.04389', '2408.02720', '2408.04626'];
const body = rekeyedEntries(recordedDay('2026-08-06')!, LISTED);
const titles = new Map([...papersOf([body]).values()].map((p) => [p.id, p.title]));

let h: Harness;
let listing: Page;
let cdp: CDPSession;

beforeAll(async () => {
  h = await launch();
  await h.servePage(LIST_URL, recordedPage('arxiv-list-hep-th-new-2024-08-09.html'));
  const { ids } = serveAsNewestDays(h, [body]);
  await syncNow(h, ids.size);
  listing = await h.context.newPage();
  await listing.goto(LIST_URL);
  // Locator waits (expect.poll works only inside a test).
  await listing
    .locator(`[data-paper-radar="badge"][data-arxiv-id="${LISTED.at(-1)}"]`)
    .first()
    .waitFor({ timeout: 15_000 });
  cdp = await h.context.newCDPSession(listing);
});
afterAll(async () => {
  await h?.close();
});

const badge = (id: string) => listing.locator(`[data-paper-radar="badge"][data-arxiv-id="${id}"]`).first();

/** A person's click on the save toggle of `id`'s badge (its right end), scrolled into view first. */
async function clickToggle(id: string): Promise<void> {
  const host = badge(id);
  await host.scrollIntoViewIfNeeded();
  const box = (await host.boundingBox())!;
  await listing.mouse.click(box.x + box.width - 8, box.y + box.height / 2);
}

/** The saved papers as the reader's saved view lists them. */
async function savedInReader(): Promise<string[]> {
  const reader = await h.open('reader.html?view=saved');
  try {
    await reader.locator('.pr-section[aria-label="Saved papers"]').waitFor({ timeout: 15_000 });
    return (
      await reader
        .locator('[data-paper-radar="paper"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-arxiv-id') ?? ''))
    ).sort();
  } finally {
    await reader.close();
  }
}

/**
 * Each badge toggle's pressed state as the browser's accessibility tree has it (through the DevTools protocol, which
 * sees into closed shadow roots), by paper id.
 */
async function pressed(): Promise<Record<string, boolean>> {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const out: Record<string, boolean> = {};
  for (const n of nodes) {
    const name = String(n.name?.value ?? '');
    if (n.role?.value !== 'button' || !/Paper Radar: /.test(name)) continue;
    const id = [...titles].find(([, t]) => name.includes(t))?.[0];
    const state = n.properties?.find((p) => p.name === 'pressed')?.value.value;
    if (id) out[id] = state === true || state === 'true';
  }
  return out;
}

/** The toggle button of `id`'s badge as a node the DevTools protocol can call into (in the page's own world). */
async function toggleObject(id: string): Promise<string> {
  type Node = {
    nodeName: string;
    backendNodeId: number;
    attributes?: string[];
    children?: Node[];
    shadowRoots?: Node[];
  };
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
  const all = function* (n: Node): Generator<Node> {
    yield n;
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) yield* all(c);
  };
  const attr = (n: Node, name: string) => {
    const a = n.attributes ?? [];
    const i = a.indexOf(name);
    return i >= 0 && i % 2 === 0 ? a[i + 1] : undefined;
  };
  const host = [...all(root)].find((n) => attr(n, 'data-paper-radar') === 'badge' && attr(n, 'data-arxiv-id') === id);
  const button = host && [...all(host)].find((n) => n.nodeName === 'BUTTON');
  if (!button) throw new Error(`no save toggle in the badge of ${id}`);
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: button.backendNodeId });
  return object.objectId!;
}

describe('saving from a badge', () => {
  it('each badge ends with a save toggle the page cannot reach, not pressed for an unsaved paper', async () => {
    const reach = await listing.evaluate(() =>
      [...document.querySelectorAll('[data-paper-radar="badge"]')].map((b) => {
        const part = b.shadowRoot?.querySelector('[data-pr-part="save"]');
        return { part: part !== null && part !== undefined, inner: part?.shadowRoot ?? null };
      }),
    );
    expect(reach.length).toBeGreaterThanOrEqual(LISTED.length);
    // The toggle is there, but its closed root (the button and its state) is not reachable from the page.
    expect(reach.every((r) => r.part && r.inner === null)).toBe(true);
    const states = await pressed();
    expect(Object.keys(states).sort()).toEqual([...LISTED].sort());
    expect(Object.values(states).every((s) => !s)).toBe(true);
  });

  it("a person's click saves the paper: the reader's saved view lists it and the toggle is pressed", async () => {
    const [id] = LISTED;
    await clickToggle(id!);
    await expect.poll(() => pressed().then((s) => s[id!]), { timeout: 10_000 }).toBe(true);
    expect(await savedInReader()).toEqual([id]);
    // The click stayed on the page: no navigation away from the listing.
    expect(listing.url()).toBe(LIST_URL);
  });

  it('a click a script makes (click(), dispatchEvent) saves nothing; the keyboard saves', async () => {
    const [, untouched, byKey] = LISTED;
    // More than a page can do: the DevTools protocol hands the page's world the button inside the closed root.
    await cdp.send('Runtime.callFunctionOn', {
      objectId: await toggleObject(untouched!),
      functionDeclaration: `function () {
        this.click();
        this.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
        this.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      }`,
    });
    // Then a person's key press on another badge: Tab from its link to its toggle, Space. Messages are handled in
    // order, so once that save shows, a save the script's clicks had asked for would show too.
    await badge(byKey!).locator('a').focus();
    await listing.keyboard.press('Tab');
    await listing.keyboard.press('Space');
    await expect.poll(() => pressed().then((s) => s[byKey!]), { timeout: 10_000 }).toBe(true);
    expect(await savedInReader()).toEqual([LISTED[0]!, byKey!].sort());
    expect((await pressed())[untouched!]).toBe(false);
  });

  it('a second click removes it from the saved papers', async () => {
    const [id] = LISTED;
    await clickToggle(id!);
    await expect.poll(() => pressed().then((s) => s[id!]), { timeout: 10_000 }).toBe(false);
    expect(await savedInReader()).toEqual([LISTED[2]!]);
  });

  it('a new page load shows the saved state, and nothing but the feed was requested', async () => {
    await listing.reload();
    await expect
      .poll(() => listing.locator('[data-paper-radar="badge"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => pressed().then((s) => s[LISTED[2]!]), { timeout: 10_000 }).toBe(true);
    expect((await pressed())[LISTED[0]!]).toBe(false);
    expect(h.leaks).toEqual([]);
  });
});
