/**
 * An in-memory ranking of the stored papers by list date, so that a period view (a day, an ISO week, a month) answers
 * one page best first without reading the period's papers from the database: each list date keeps its papers' ids
 * in `comparePeriodRank` order, and a period's ranking is the merge of its dates' runs. The background builds it from
 * the papers it reads to assign topics and replaces a list date's run whenever a sync stores that date.
 */
import { comparePeriodRank, type DateRange, type PeriodRanked } from './periods';

/** One page of a period's ranking. */
export interface PeriodPage {
  /** The ids of the page, best first. */
  ids: string[];
  /** Papers of the period that `keep` accepted (every paper of the period without a filter). */
  count: number;
  /** Papers of the period before the filter. */
  total: number;
}

/**
 * The ranking of every stored paper within its list date. Memory: one small record per paper (its id, list date,
 * upvotes and day rank).
 */
export class PeriodIndex {
  /** List date → its papers, best first. Dates are `YYYY-MM-DD`, so string order is date order. */
  private readonly byDate = new Map<string, PeriodRanked[]>();
  /** Paper id → the list date it is ranked under (a paper the feed lists again moves to its new date). */
  private readonly dateOf = new Map<string, string>();

  constructor(papers: Iterable<PeriodRanked> = []) {
    const runs = new Map<string, PeriodRanked[]>();
    for (const p of papers) {
      const run = runs.get(p.listDate);
      if (run) run.push(rankFields(p));
      else runs.set(p.listDate, [rankFields(p)]);
    }
    for (const [date, run] of runs) this.setRun(date, run);
  }

  /** Papers held. */
  get size(): number {
    return this.dateOf.size;
  }

  /** The ids ranked under the list dates `dates`. */
  idsOn(dates: Iterable<string>): string[] {
    return [...dates].flatMap((d) => (this.byDate.get(d) ?? []).map((p) => p.id));
  }

  /**
   * Replaces what the index holds for the list dates `dates` by `papers`, those dates' papers as the store holds them
   * now (a sync stored the dates; a paper missing from `papers` is gone). A paper of `papers` listed before under
   * another date leaves that date.
   */
  replaceDates(dates: Iterable<string>, papers: readonly PeriodRanked[]): void {
    const runs = new Map<string, PeriodRanked[]>();
    for (const d of dates) runs.set(d, []);
    for (const p of papers) {
      const run = runs.get(p.listDate);
      if (!run)
        throw new RangeError(`paper-radar period index: ${p.id} is listed on ${p.listDate}, not a replaced date`);
      run.push(rankFields(p));
    }
    for (const [date, run] of runs) {
      for (const old of this.byDate.get(date) ?? []) {
        if (this.dateOf.get(old.id) === date) this.dateOf.delete(old.id);
      }
      for (const p of run) {
        const before = this.dateOf.get(p.id);
        if (before !== undefined && before !== date && !runs.has(before)) this.dropFrom(before, p.id);
      }
      this.setRun(date, run);
    }
  }

  /**
   * The page `offset`, `offset + limit` of the papers of `range` that `keep` accepts (all without it), best first,
   * with how many there are. Reads only the index: the cost is the period's size in memory, not in the database.
   */
  page(range: DateRange, offset: number, limit: number, keep?: (id: string) => boolean): PeriodPage {
    const runs: PeriodRanked[][] = [];
    let total = 0;
    for (const [date, run] of this.byDate) {
      if (date < range.from || date > range.to) continue;
      total += run.length;
      runs.push(keep ? run.filter((p) => keep(p.id)) : run);
    }
    const ranked = mergeRuns(runs, offset + limit);
    const count = runs.reduce((n, r) => n + r.length, 0);
    return { ids: ranked.slice(offset).map((p) => p.id), count, total };
  }

  private setRun(date: string, run: PeriodRanked[]): void {
    if (run.length === 0) {
      this.byDate.delete(date);
      return;
    }
    run.sort(comparePeriodRank);
    this.byDate.set(date, run);
    for (const p of run) this.dateOf.set(p.id, date);
  }

  private dropFrom(date: string, id: string): void {
    const run = this.byDate.get(date)?.filter((p) => p.id !== id) ?? [];
    if (run.length === 0) this.byDate.delete(date);
    else this.byDate.set(date, run);
  }
}

function rankFields(p: PeriodRanked): PeriodRanked {
  const out: PeriodRanked = { id: p.id, upvotes: p.upvotes, listDate: p.listDate };
  if (p.dayRank !== undefined) out.dayRank = p.dayRank;
  return out;
}

/**
 * The first `n` of the union of `runs` (each sorted by `comparePeriodRank`), in that order: a k-way merge that
 * stops after `n`, picking the best head of the runs each step (a month has about 30 runs, so a linear scan of the
 * heads is as fast as a heap).
 */
export function mergeRuns(runs: readonly (readonly PeriodRanked[])[], n: number): PeriodRanked[] {
  const live = runs.filter((r) => r.length > 0);
  const at = live.map(() => 0);
  const out: PeriodRanked[] = [];
  while (out.length < n) {
    let best = -1;
    for (let i = 0; i < live.length; i++) {
      if (at[i]! < live[i]!.length && (best < 0 || comparePeriodRank(live[i]![at[i]!]!, live[best]![at[best]!]!) < 0)) {
        best = i;
      }
    }
    if (best < 0) break;
    out.push(live[best]![at[best]!++]!);
  }
  return out;
}
