/** How the pages write dates and counts (en-US, list dates are UTC calendar days). */

const SHORT = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
const LONG = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'long',
  month: 'long',
  day: 'numeric',
  year: 'numeric',
});

function parseDay(day: string): Date | undefined {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** `2026-08-07` → `Aug 7, 2026`; anything unparsable is returned as is. */
export function formatDay(day: string): string {
  const d = parseDay(day);
  return d ? SHORT.format(d) : day;
}

/** `2026-08-07` → `Friday, August 7, 2026`; anything unparsable is returned as is. */
export function formatDayLong(day: string): string {
  const d = parseDay(day);
  return d ? LONG.format(d) : day;
}

/** `1234` → `1,234`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1` → `1 paper`, `2` → `2 papers`. */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}
