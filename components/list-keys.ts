/**
 * Keyboard use of a page's paper lists, shared by the popup and the reader:
 * - ArrowDown / ArrowUp move focus through the rows' main links (`[data-pr-nav]`) in document order; ArrowUp from
 *   the first row returns to the search box, ArrowDown from the search box enters the first row; in any other field
 *   (a date, a select, a checkbox) the arrow keys keep their own meaning (stepping a date, choosing an option);
 * - Enter on a row opens it (`onOpen(id)` with the row's `data-pr-open` id); Enter in the search box opens the
 *   first row when `enterOpensFirst`;
 * - `/` anywhere but in a text field focuses the search box (see `useSlashToSearch`).
 */
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Attribute on the focusable main link of each row that arrow keys move through. */
export const NAV_ATTR = 'data-pr-nav';
/** Attribute holding the id that Enter opens. */
export const OPEN_ATTR = 'data-pr-open';

export interface ListKeyOptions {
  root: HTMLElement;
  search: HTMLInputElement | null;
  onOpen: (id: string) => void;
  enterOpensFirst?: boolean;
}

/** Handles one keydown inside `root`; returns true when it acted (and prevented the default). */
export function handleListKeys(
  event: KeyboardEvent,
  { root, search, onOpen, enterOpensFirst }: ListKeyOptions,
): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return false;
  const target = event.target as HTMLElement | null;
  // A field's own arrow keys (a date's day, a select's option) are not the list's to take.
  if (target !== search && isTextField(target)) return false;
  const rows = [...root.querySelectorAll<HTMLElement>(`[${NAV_ATTR}]`)];
  const current = rows.findIndex((el) => el === root.ownerDocument.activeElement);
  const move = (el: HTMLElement | null | undefined) => {
    if (!el) return false;
    event.preventDefault();
    el.focus();
    el.scrollIntoView?.({ block: 'nearest' });
    return true;
  };
  switch (event.key) {
    case 'ArrowDown':
      if (rows.length === 0) return false;
      return move(rows[current < 0 ? 0 : Math.min(current + 1, rows.length - 1)]);
    case 'ArrowUp':
      if (current < 0) return false;
      return move(current === 0 ? search : rows[current - 1]);
    case 'Enter': {
      const id =
        target?.getAttribute(OPEN_ATTR) ??
        (enterOpensFirst && target === search ? rows[0]?.getAttribute(OPEN_ATTR) : undefined);
      if (!id) return false;
      event.preventDefault();
      onOpen(id);
      return true;
    }
    default:
      return false;
  }
}

/** Whether `el` is a form field or editable text, whose keys are its own. */
function isTextField(el: EventTarget | null): boolean {
  if (!el || !(el as HTMLElement).tagName) return false;
  const node = el as HTMLElement;
  const tag = node.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || node.isContentEditable;
}

/** While mounted, `/` typed outside a text field focuses `search` (listening on the search box's document). */
export function useSlashToSearch(search: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const doc = search.current?.ownerDocument;
    if (!doc) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.altKey || e.ctrlKey || e.metaKey || isTextField(e.target)) return;
      e.preventDefault();
      search.current?.focus();
      search.current?.select();
    };
    doc.addEventListener('keydown', onKey);
    return () => doc.removeEventListener('keydown', onKey);
  }, [search]);
}
