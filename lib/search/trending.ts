/**
 * The trending signal (upvotes and recency) that typed search blends into text relevance, and the plain "top of the
 * newest lists" for when there is nothing to relate to and no trending list yet. (Related papers use only a small
 * popularity tie-breaker: see `TRENDING_WEIGHT` in `./related`.)
 */
import MiniSearch from 'minisearch';
import { toIsoDay } from '../feed/dates';
import type { Paper } from '../feed/paper';
import { toSummary, type PaperSummary } from '../feed/summary';
import type { StoredPaper } from './options';
import type { PaperIndex } from './paper-index';

/**
 * How much the trending signal may raise a text score: the boost is `1 + popularity * p + recency * r` with both
 * signals in [0, 1] (see `trendingBoost`).
 */
export interface TrendingWeights {
  popularity: number;
  recency: number;
}

/** For typed search: at most +12 %, so that the text match decides (an exact title still comes first). */
export const SEARCH_TRENDING: Readonly<TrendingWeights> = { popularity: 0.08, recency: 0.04 };

/** Upvotes at which popularity saturates to 1 (about the 99th percentile of the recorded feed). */
export const POPULARITY_SATURATION = 200;

/** Days after which recency has halved. */
export const RECENCY_HALF_LIFE_DAYS = 90;

const DAY_MS = 86_400_000;

/** Epoch ms of a `YYYY-MM-DD` at 00:00 UTC; `NaN` when malformed. Hand-parsed: it runs once per scored posting. */
export function dayToMs(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** `min(1, ln(1 + upvotes) / ln(1 + POPULARITY_SATURATION))`: popularity in [0, 1]; negative upvotes count as 0. */
export function popularityOf(upvotes: number): number {
  return Math.min(1, Math.log1p(Math.max(0, upvotes)) / Math.log1p(POPULARITY_SATURATION));
}

/**
 * The multiplicative trending boost of a paper, `>= 1`.
 *
 * - popularity = `popularityOf(upvotes)`: `log1p(upvotes) / log1p(POPULARITY_SATURATION)`, capped at 1.
 * - recency = `0.5 ^ (ageDays / RECENCY_HALF_LIFE_DAYS)`, age counted from `listDate` to `now`; a list date after
 *   `now` counts as age 0; a malformed date gives recency 0.
 */
export function trendingBoost(upvotes: number, listDate: string, now: number, weights: TrendingWeights): number {
  const popularity = popularityOf(upvotes);
  const ageDays = Math.max(0, (now - dayToMs(listDate)) / DAY_MS);
  const recency = Number.isNaN(ageDays) ? 0 : 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS);
  return 1 + popularity * weights.popularity + recency * weights.recency;
}

/**
 * A MiniSearch `boostDocument` function applying `trendingBoost` from the stored fields. Documents without stored
 * fields get no boost (factor 1). Each returned function memoizes the boost per document (MiniSearch asks once per
 * matching term and field): make a new one per search.
 */
export function trendingBooster(
  now: number,
  weights: TrendingWeights,
): (id: unknown, term: string, stored?: Record<string, unknown>) => number {
  const cache = new Map<unknown, number>();
  return (id, _term, stored) => {
    let boost = cache.get(id);
    if (boost === undefined) {
      const s = stored as Partial<StoredPaper> | undefined;
      boost =
        s && typeof s.listDate === 'string'
          ? trendingBoost(typeof s.upvotes === 'number' ? s.upvotes : 0, s.listDate, now, weights)
          : 1;
      cache.set(id, boost);
    }
    return boost;
  };
}

/**
 * The "now" recency is measured against: `now` when given, else the start of the index's newest list date (so a
 * stale index ranks as it did on its last sync), else 0.
 */
export function resolveNow(index: PaperIndex, now: number | undefined): number {
  if (now !== undefined) return now;
  return index.latestListDate ? dayToMs(index.latestListDate) : 0;
}

/** Options of `topTrending`. */
export interface TrendingOptions {
  /** Maximum number of papers. Default 10. */
  limit?: number;
  /** Epoch ms; papers listed on a later (UTC) day are ignored. Default: no cut-off. */
  now?: number;
  /** How many of the newest distinct list dates to draw from. Default 3 (a weekend leaves 1 list on Monday). */
  dates?: number;
}

function summariesOf(index: PaperIndex): PaperSummary[] {
  return index.engine
    .search(MiniSearch.wildcard)
    .map((r) => toSummary({ ...(r as unknown as StoredPaper), id: String(r.id) }));
}

/**
 * The most upvoted papers of the newest list dates, for when there is nothing to relate to (an empty page, a
 * source with no indexed terms). Takes the papers themselves or an index (its stored fields suffice).
 *
 * Draws from the `dates` newest distinct list dates not after `now`'s day, sorts by upvotes (descending), then list
 * date (newest first), then id; returns at most `limit`. Empty input gives `[]`.
 */
export function topTrending(source: PaperIndex | readonly Paper[], options: TrendingOptions = {}): PaperSummary[] {
  const { limit = 10, now, dates = 3 } = options;
  const all = isPaperList(source) ? source.map((p) => toSummary(p)) : summariesOf(source);
  const lastDay = now === undefined ? undefined : toIsoDay(now);
  const eligible = lastDay === undefined ? all : all.filter((p) => p.listDate <= lastDay);
  const newest = [...new Set(eligible.map((p) => p.listDate))].sort().reverse().slice(0, Math.max(0, dates));
  const chosen = new Set(newest);
  return eligible
    .filter((p) => chosen.has(p.listDate))
    .sort((a, b) => b.upvotes - a.upvotes || b.listDate.localeCompare(a.listDate) || a.id.localeCompare(b.id))
    .slice(0, Math.max(0, limit));
}

function isPaperList(source: PaperIndex | readonly Paper[]): source is readonly Paper[] {
  return Array.isArray(source);
}
