/** Calendar dates as `YYYY-MM-DD` strings in UTC, the form the Daily Papers API takes and returns. */

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a well-formed `YYYY-MM-DD` that names a real calendar day. */
export function isIsoDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The UTC calendar day of `date`, as `YYYY-MM-DD`. */
export function toIsoDay(date: Date | number): string {
  return new Date(date).toISOString().slice(0, 10);
}

/**
 * The calendar day of an ISO timestamp (`2024-03-12T13:01:02.000Z` → `2024-03-12`), or `undefined` when `s`
 * does not start with one.
 */
export function dayOfTimestamp(s: string): string | undefined {
  const day = s.slice(0, 10);
  return isIsoDay(day) ? day : undefined;
}

/** `day` moved by `delta` days (negative for earlier). */
export function addDays(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return toIsoDay(d);
}

/** The days from `from` to `to` inclusive, newest first. Empty when `from` is after `to`. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = to; d >= from; d = addDays(d, -1)) out.push(d);
  return out;
}
