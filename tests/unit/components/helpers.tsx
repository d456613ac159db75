/** Rendering Preact components into happy-dom for the component tests. */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import type { PaperHit } from '../../../lib/feed/summary';
import type { SyncStatus } from '../../../lib/sync/status';
import type { Paper } from '../../../lib/feed/paper';

export interface Mounted {
  container: HTMLElement;
  rerender(ui: ComponentChild): Promise<void>;
  unmount(): void;
  all(selector: string): HTMLElement[];
  one(selector: string): HTMLElement;
}

export async function mount(ui: ComponentChild): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.append(container);
  await act(() => render(ui, container));
  return {
    container,
    async rerender(next) {
      await act(() => render(next, container));
    },
    unmount() {
      render(null, container);
      container.remove();
    },
    all: (selector) => [...container.querySelectorAll<HTMLElement>(selector)],
    one(selector) {
      const el = container.querySelector<HTMLElement>(selector);
      if (!el) throw new Error(`no element matches ${selector}`);
      return el;
    },
  };
}

/** Dispatches a keydown on `target` (bubbling, like a real key press) and lets Preact re-render. */
export async function press(target: EventTarget, key: string): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  await act(() => {
    target.dispatchEvent(event);
  });
  return event;
}

/** Types `value` into an input the way a person does (value, then an `input` event). */
export async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Sets an input's value and commits it (`change`), as leaving the field does. */
export async function commit(input: HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export async function click(el: HTMLElement): Promise<void> {
  await act(() => {
    el.click();
  });
}

/** Waits for pending promises (a save or a permission request) and the re-render they cause. */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

export const HOSTILE = '<img src=x onerror="globalThis.__pwned=1">';

export const idle = (count = 120, extra: Partial<SyncStatus> = {}): SyncStatus & { loaded: boolean } => ({
  state: 'idle',
  count,
  lastSuccessAt: Date.UTC(2026, 7, 7, 12),
  loaded: true,
  ...extra,
});

export function hit(id: string, title: string, extra: Partial<PaperHit> = {}): PaperHit {
  return { id, title, upvotes: 10, listDate: '2026-08-07', ...extra };
}

export function paper(id: string, extra: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `Paper ${id}`,
    abstract: `Abstract of ${id}.`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    upvotes: 10,
    comments: 2,
    publishedDate: '2026-08-06',
    listDate: '2026-08-07',
    keywords: [],
    seenAt: 1,
    ...extra,
  };
}

/** The `data-arxiv-id`s of the elements with `data-paper-radar=role`, in document order. */
export function idsOf(m: Mounted, role: string): string[] {
  return m.all(`[data-paper-radar="${role}"]`).map((el) => el.getAttribute('data-arxiv-id') ?? '');
}
