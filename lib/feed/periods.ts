/**
 * Periods of list dates — a day, an ISO week, a calendar month — as the Daily Papers site lists them
 * (`?date=`, `?week=YYYY-Www`, `?month=YYYY-MM`), and the ranking of a period's papers.
 */
import { addDays, isIsoDay } from './dates';
import type { Paper } from './paper';

export type Period = 'day' | 'week' | 'month';

export const PERIODS: readonly Period[] = ['day', 'week', 'month'];

/** Rows of a period a request gets when it names no `limit` (one page of the reader). */
export const PERIOD_PAGE = 100;

/** The most rows of a period one request gets. */
export const MAX_PERIOD_PAGE = 500;

/** Whether `s` names a period. */
export function isPeriod(s: string): s is Period {
  return (PERIODS as readonly string[]).includes(s);
}

/** An inclusive range of list dates, `YYYY-MM-DD`. */
export interface DateRange {
  from: string;
  to: string;
}

/** Day of the week of `day`, 0 = Monday … 6 = Sunday (ISO 8601). */
function isoWeekday(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * The list dates of the period containing `day`: the day itself; its ISO 8601 week (Monday to Sunday, as the site's
 * `week=YYYY-Www`); or its calendar month. Throws a `RangeError` for a malformed day.
 */
export function periodRange(period: Period, day: string): DateRange {
  if (!isIsoDay(day)) throw new RangeError(`paper-radar periods: not a day: ${day}`);
  if (period === 'day') return { from: day, to: day };
  if (period === 'week') {
    const from = addDays(day, -isoWeekday(day));
    return { from, to: addDays(from, 6) };
  }
  const from = `${day.slice(0, 7)}-01`;
  const next = new Date(`${from}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { from, to: addDays(next.toISOString().slice(0, 10), -1) };
}

/** The first day of the period `delta` periods after (negative: before) the one containing `day`. */
export function shiftPeriod(period: Period, day: string, delta: number): string {
  const { from } = periodRange(period, day);
  if (period === 'day') return addDays(day, delta);
  if (period === 'week') return addDays(from, 7 * delta);
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + delta);
  return d.toISOString().slice(0, 10);
}

/** The ISO week of `day` as the site names it: `2024-W33` (the ISO week-numbering year may differ from `day`'s). */
export function isoWeekName(day: string): string {
  const thursday = addDays(day, 3 - isoWeekday(day));
  const year = thursday.slice(0, 4);
  const jan4 = `${year}-01-04`;
  const week1Monday = addDays(jan4, -isoWeekday(jan4));
  const week = Math.floor((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${week1Monday}T00:00:00Z`)) / 604_800_000) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** What ranking a period needs of a paper. */
export type PeriodRanked = Pick<Paper, 'id' | 'upvotes' | 'listDate' | 'dayRank'>;

/**
 * The order of a period's papers, as a `sort` comparator: most upvotes first; on a tie the better rank on its own
 * list date, then the newer list date, then the id (so the order never depends on how the store returned them).
 */
export function comparePeriodRank(a: PeriodRanked, b: PeriodRanked): number {
  return (
    b.upvotes - a.upvotes ||
    (a.dayRank ?? Infinity) - (b.dayRank ?? Infinity) ||
    b.listDate.localeCompare(a.listDate) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A period's papers best first (`comparePeriodRank`). Returns a new array. */
export function rankPeriod<P extends PeriodRanked>(papers: readonly P[]): P[] {
  return [...papers].sort(comparePeriodRank);
}
