/**
 * The "save" toggle of an inline badge: a `<button aria-pressed>` after the badge's link that saves the paper to the
 * user's saved papers (or removes it), through the background.
 *
 * Which papers a user saved is theirs alone, and a page must not be able to save on its own. So the button lives in
 * a **closed** shadow root of its own inside the badge's shadow root: the page can reach the badge (the contract's
 * host and its open root) but neither the button nor its pressed state; the toggle has the same size either way; a
 * click counts only when the browser says a person made it (`event.isTrusted`: a page's `click()` or
 * `dispatchEvent` is not), and it goes no further than the button (no page handler sees it, no enclosing link
 * follows it). Enter and Space on the focused button are the browser's own trusted clicks.
 */
import type { BadgeInfo } from '../feed/summary';
import { adoptableSheet } from './sheet';

/** The value of `data-pr-part` on the toggle's host inside the badge's shadow root. */
export const SAVE_PART = 'save';

/**
 * Saves (`saved` true) or un-saves paper `id`; resolves with its state afterwards. Rejects when the background could
 * not be reached (the toggle then keeps its state).
 */
export type SaveBadge = (id: string, saved: boolean) => Promise<boolean>;

/**
 * The toggle's styles (inside its closed root). Fixed size: a page measuring the badge learns nothing from it. The
 * star is a text glyph (☆, ★ when pressed: symbols, not emoji), not an inline SVG: an SVG root is a paint layer of
 * its own, and a 2,000-entry listing's 2,000 of them made every frame's compositing inputs walk them all.
 */
export const SAVE_CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 0 0 0.2em; line-height: 1; }
button {
  --pr-fg: #6b4200; --pr-border: #ffcf7a; --pr-bg: #fff7e6;
  box-sizing: border-box; width: 1.5em; height: 1.5em; padding: 0; margin: 0; border-radius: 999px;
  border: 1px solid var(--pr-border); background: var(--pr-bg); color: var(--pr-fg);
  font: 600 11px/1 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; cursor: pointer;
  display: inline-flex; align-items: center; justify-content: center;
}
button:hover { border-color: var(--pr-fg); }
button:focus-visible { outline: 2px solid var(--pr-fg); outline-offset: 2px; }
:host([data-pr-theme="dark"]) button { --pr-bg: #2a1f0a; --pr-fg: #ffcf7a; --pr-border: #7a5312; }
button::before { content: "\\2606"; font: 400 12px/1 system-ui, "DejaVu Sans", "Segoe UI Symbol", sans-serif; }
button[aria-pressed="true"]::before { content: "\\2605"; }
`;

const sheets = new WeakMap<Document, CSSStyleSheet | null>();

/** One constructed sheet per document for every toggle's root (none where it cannot be adopted: `adoptableSheet`). */
function sheetFor(doc: Document): CSSStyleSheet | null {
  let sheet = sheets.get(doc);
  if (sheet === undefined) {
    sheet = adoptableSheet(doc, SAVE_CSS) ?? null;
    sheets.set(doc, sheet);
  }
  return sheet;
}

function label(title: string, saved: boolean): string {
  return saved ? `Saved in Paper Radar: ${title} (press to remove)` : `Save in Paper Radar: ${title}`;
}

/**
 * The toggle for `info` (pressed when `info.saved`), ready to append to a badge's shadow root. `save` runs on each
 * trusted click while no earlier one is pending; untrusted clicks do nothing at all.
 */
export function createSaveToggle(doc: Document, info: BadgeInfo, save: SaveBadge, dark: boolean): HTMLElement {
  const host = doc.createElement('span');
  host.setAttribute('data-pr-part', SAVE_PART);
  if (dark) host.setAttribute('data-pr-theme', 'dark');
  const root = host.attachShadow({ mode: 'closed' });
  const sheet = sheetFor(doc);
  if (sheet) root.adoptedStyleSheets = [sheet];
  else {
    const style = doc.createElement('style');
    style.textContent = SAVE_CSS;
    root.append(style);
  }
  const button = doc.createElement('button');
  button.type = 'button';
  let saved = info.saved === true;
  const show = () => {
    button.setAttribute('aria-pressed', saved ? 'true' : 'false');
    button.setAttribute('aria-label', label(info.title, saved));
    button.title = saved ? 'Saved — press to remove from your saved papers' : 'Save to your saved papers';
  };
  show();
  let pending = false;
  button.addEventListener('click', (e) => {
    if (!e.isTrusted) return;
    e.preventDefault();
    e.stopPropagation();
    if (pending) return;
    pending = true;
    save(info.id, !saved)
      .then(
        (now) => {
          saved = now;
          show();
        },
        () => undefined,
      )
      .finally(() => {
        pending = false;
      });
  });
  root.append(button);
  return host;
}
