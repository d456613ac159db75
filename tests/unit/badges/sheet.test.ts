// @vitest-environment happy-dom
// Where a content script cannot adopt a constructed stylesheet (Firefox ESR 140.12 throws "Accessing from Xray
// wrapper is not supported" on `adoptedStyleSheets = [sheet]`), badges and save toggles carry a <style> instead
// of failing to be made.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BadgeLayer } from '../../../lib/badges/layer';
import { createBadge } from '../../../lib/badges/render';
import { adoptableSheet } from '../../../lib/badges/sheet';
import type { BadgeInfo } from '../../../lib/feed/summary';

const info: BadgeInfo = { id: '2406.01234', title: 'A paper', upvotes: 4, comments: 0, listDate: '2026-08-06' };

afterEach(() => vi.restoreAllMocks());

/** Makes every `adoptedStyleSheets` assignment throw, as across a Firefox content script's Xray wrapper. */
function refuseAdoption() {
  vi.spyOn(ShadowRoot.prototype, 'adoptedStyleSheets', 'set').mockImplementation(() => {
    throw new Error('Accessing from Xray wrapper is not supported.');
  });
}

describe('adoptableSheet', () => {
  it('gives a sheet where roots can adopt it', () => {
    const sheet = adoptableSheet(document, '.x { color: red }');
    expect(sheet).toBeDefined();
    const root = document.createElement('span').attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet!];
    expect(root.adoptedStyleSheets).toHaveLength(1);
  });

  it('gives none where adopting throws, and badges then carry their own style', () => {
    refuseAdoption();
    expect(adoptableSheet(document, '.x { color: red }')).toBeUndefined();
    const layer = new BadgeLayer(document, 'run');
    const sheet = (layer as unknown as { sheet?: CSSStyleSheet }).sheet;
    expect(sheet).toBeUndefined();
    const host = createBadge(document, info, { run: 'run', dark: false });
    expect(host.shadowRoot?.querySelector('style')?.textContent).toContain('.mark');
  });
});
