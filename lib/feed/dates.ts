/** Calendar dates as `YYYY-MM-DD` strings in UTC, the form the Daily Papers API takes and returns. */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a well-formed `YYYY-MM-DD` that names a real calendar day (Gregorian, leap years included). */
export function isIsoDay(s: string): boolean {
  // Arithmetic rather than `new Date`: this runs twice per feed entry on the sync's hot path.
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
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
