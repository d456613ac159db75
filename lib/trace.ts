/**
 * Start-up marks: named points on the running context's own clock (the User Timing API's `performance.mark`), so a
 * benchmark or a developer can see where a woken service worker's first answer spends its time
 * (`performance.getEntriesByType('mark')` over the DevTools protocol; `bench/popup.ts` reads them). A mark is a few
 * bytes in the browser's performance timeline and costs microseconds; without a `performance` object (never in the
 * supported browsers) nothing happens. Names start with `pr:`.
 */

/** Records the mark `pr:<name>` now; only the first of a name is kept, so a mark in a hot path stays cheap. */
export function mark(name: string): void {
  const full = `pr:${name}`;
  if (seen.has(full)) return;
  seen.add(full);
  globalThis.performance?.mark?.(full);
}

const seen = new Set<string>();
