/**
 * "For you": the trending papers of recent list dates, ranked by how related they are to the local reading history.
 *
 * For each of the `maxSources` most recent reads `i` (weight `w_i = 0.5^(age_i / halfLifeDays) × orderDecay^rank_i`,
 * age counted back from the newest read, rank 0 for the newest: recent reads weigh more), the related papers of the
 * read are asked (`related`, up to `perSource`); their scores are divided by the best score of that read (so each
 * read's list counts on one scale) and summed over the reads, weighted: CombSUM (Fox & Shaw, 1994) of max-normalized
 * scores. Papers that several reads point to rise. Only candidates of the pool count (the recent list dates), read
 * papers are left out, and popularity (`log1p(upvotes) / log1p(200)`, at most 1) times `trendingWeight` breaks ties
 * and fills the list when the history relates to fewer papers than asked. Each hit names the read that contributed
 * most to it ("because you read …") and the terms it shares with that read.
 */
import type { RelatedSource } from '../search/related';
import type { RelatedScore } from './relatedness';

/** A read paper as the ranking needs it: text to relate, and when it was read. */
export interface ReadPaper extends RelatedSource {
  id: string;
  /** The title as read (the "because you read …" line shows it). */
  title: string;
  /** Epoch ms of the last visit. */
  lastAt: number;
}

/** A paper of the candidate pool. */
export interface PoolPaper {
  id: string;
  title: string;
  upvotes: number;
  listDate: string;
  dayRank?: number | undefined;
}

/** A recommendation. */
export interface ForYouHit extends PoolPaper {
  /** Weighted relatedness plus the trending tie-breaker; comparable within one ranking only. */
  score: number;
  /** The read paper it is most related to, when any. */
  because?: { id: string; title: string };
  /** Terms shared with that read paper. */
  why?: string[];
}

export interface ForYouOptions {
  /** Most results. Default 20. */
  limit?: number;
  /** Most recent reads used. Default 20. */
  maxSources?: number;
  /** Related papers asked per read. Default 200. */
  perSource?: number;
  /** Days after which a read weighs half. Default 14. */
  halfLifeDays?: number;
  /** Factor per place in the history (newest read 1). Default 0.9. */
  orderDecay?: number;
  /** Weight of popularity, a tie-breaker. Default 0.01. */
  trendingWeight?: number;
}

const DAY_MS = 86_400_000;

/** Popularity in [0, 1]: `log1p(upvotes) / log1p(200)`, capped. */
export function popularity(upvotes: number): number {
  return Math.min(1, Math.log1p(Math.max(0, upvotes)) / Math.log1p(200));
}

/**
 * Ranks the `pool` for a reader whose history is `reads` (any order). `related(source, limit)` answers the papers
 * related to a read, best first. Empty history: the pool by popularity (no `because`).
 */
export function rankForYou(
  reads: readonly ReadPaper[],
  pool: ReadonlyMap<string, PoolPaper>,
  related: (source: RelatedSource, limit: number) => RelatedScore[],
  options: ForYouOptions = {},
): ForYouHit[] {
  const {
    limit = 20,
    maxSources = 20,
    perSource = 200,
    halfLifeDays = 14,
    orderDecay = 0.9,
    trendingWeight = 0.01,
  } = options;
  const sources = [...reads].sort((a, b) => b.lastAt - a.lastAt || a.id.localeCompare(b.id)).slice(0, maxSources);
  const readIds = new Set(reads.map((r) => r.id));
  const newest = sources[0]?.lastAt ?? 0;
  const score = new Map<string, { sum: number; best: number; from: number; why: string[] }>();
  sources.forEach((source, rank) => {
    const weight = 0.5 ** ((newest - source.lastAt) / DAY_MS / halfLifeDays) * orderDecay ** rank;
    const hits = related(source, perSource).filter((h) => pool.has(h.id) && !readIds.has(h.id));
    const top = hits[0]?.score ?? 0;
    if (top <= 0) return;
    for (const h of hits) {
      const part = (weight * h.score) / top;
      const cur = score.get(h.id);
      if (!cur) score.set(h.id, { sum: part, best: part, from: rank, why: h.why });
      else {
        cur.sum += part;
        if (part > cur.best) Object.assign(cur, { best: part, from: rank, why: h.why });
      }
    }
  });
  const out: ForYouHit[] = [];
  for (const p of pool.values()) {
    if (readIds.has(p.id)) continue;
    const s = score.get(p.id);
    const hit: ForYouHit = { ...p, score: (s?.sum ?? 0) + trendingWeight * popularity(p.upvotes) };
    if (s) {
      const source = sources[s.from]!;
      hit.because = { id: source.id, title: source.title };
      if (s.why.length > 0) hit.why = s.why;
    }
    out.push(hit);
  }
  out.sort((a, b) => b.score - a.score || b.upvotes - a.upvotes || a.id.localeCompare(b.id));
  return out.slice(0, Math.max(0, limit));
}
