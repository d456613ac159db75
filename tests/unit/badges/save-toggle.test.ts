// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createBadge } from '../../../lib/badges/render';
import { createSaveToggle, SAVE_PART } from '../../../lib/badges/save-toggle';
import type { BadgeInfo } from '../../../lib/feed/summary';

const info = (extra: Partial<BadgeInfo> = {}): BadgeInfo => ({
  id: '2406.01234',
  title: 'A <b>paper</b>',
  upvotes: 4,
  comments: 0,
  listDate: '2026-08-06',
  ...extra,
});

/** The toggle's button, through the closed root the test kept. */
function buttonOf(host: HTMLElement): HTMLButtonElement {
  const root = (host as unknown as { __root?: ShadowRoot }).__root;
  if (!root) throw new Error('no root kept');
  return root.querySelector('button')!;
}

/** Creates a toggle whose closed root the test keeps (by wrapping `attachShadow` on the element it creates). */
function toggle(save: (id: string, saved: boolean) => Promise<boolean>, extra: Partial<BadgeInfo> = {}) {
  const create = document.createElement.bind(document);
  const spy = vi.spyOn(document, 'createElement').mockImplementation(((name: string) => {
    const el = create(name);
    if (name === 'span') {
      const attach = el.attachShadow.bind(el);
      el.attachShadow = (init: ShadowRootInit) => {
        const r = attach(init);
        (el as unknown as { __root?: ShadowRoot }).__root = r;
        return r;
      };
    }
    return el;
  }) as typeof document.createElement);
  const host = createSaveToggle(document, info(extra), save, false);
  spy.mockRestore();
  document.body.append(host);
  return { host, button: buttonOf(host) };
}

/** A click the browser reports as a person's (`isTrusted` cannot be set by scripts; happy-dom lets a test fake it). */
function trustedClick(el: Element): MouseEvent {
  const e = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
  Object.defineProperty(e, 'isTrusted', { value: true });
  el.dispatchEvent(e);
  return e;
}

describe('createSaveToggle', () => {
  it('is a button in a closed shadow root: the page sees neither it nor its state', () => {
    const { host } = toggle(async () => true, { saved: true });
    expect(host.getAttribute('data-pr-part')).toBe(SAVE_PART);
    expect(host.shadowRoot).toBeNull();
    expect(host.outerHTML).not.toContain('aria-pressed');
  });

  it('starts pressed for a saved paper and says so in its label, the title as text', () => {
    const { button } = toggle(async () => true, { saved: true });
    expect(button.type).toBe('button');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.getAttribute('aria-label')).toBe('Saved in Paper Radar: A <b>paper</b> (press to remove)');
    expect(button.querySelector('b')).toBeNull();
    const unsaved = toggle(async () => true).button;
    expect(unsaved.getAttribute('aria-pressed')).toBe('false');
  });

  it('a trusted click saves, then un-saves, and goes no further than the button', async () => {
    const save = vi.fn(async (_id: string, want: boolean) => want);
    const { host, button } = toggle(save);
    const outside = vi.fn();
    document.body.addEventListener('click', outside);
    const e = trustedClick(button);
    expect(e.defaultPrevented).toBe(true);
    expect(outside).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'));
    expect(save).toHaveBeenLastCalledWith('2406.01234', true);
    trustedClick(button);
    await vi.waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'));
    expect(save).toHaveBeenLastCalledWith('2406.01234', false);
    document.body.removeEventListener('click', outside);
    host.remove();
  });

  it('an untrusted click (a script calling click() or dispatching one) saves nothing', async () => {
    const save = vi.fn(async () => true);
    const { button } = toggle(save);
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await Promise.resolve();
    expect(save).not.toHaveBeenCalled();
    expect(button.getAttribute('aria-pressed')).toBe('false');
  });

  it('keeps its state when the background cannot be reached, and ignores clicks while one is pending', async () => {
    let fail!: (e: Error) => void;
    const save = vi.fn(() => new Promise<boolean>((_, reject) => (fail = reject)));
    const { button } = toggle(save);
    trustedClick(button);
    trustedClick(button);
    expect(save).toHaveBeenCalledTimes(1);
    fail(new Error('gone'));
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(button.getAttribute('aria-pressed')).toBe('false');
  });
});

describe('createBadge with save', () => {
  it('ends the badge with the toggle, after the link; without save there is none', () => {
    const host = createBadge(document, info(), { run: 'r', dark: false, save: async () => true });
    const parts = [...host.shadowRoot!.children].filter((e) => e.localName !== 'style');
    expect(parts.map((e) => e.localName)).toEqual(['a', 'span']);
    expect(parts[1]!.getAttribute('data-pr-part')).toBe(SAVE_PART);
    const plain = createBadge(document, info(), { run: 'r', dark: false });
    expect(plain.shadowRoot!.querySelector(`[data-pr-part]`)).toBeNull();
  });
});
