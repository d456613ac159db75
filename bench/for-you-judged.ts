/**
 * "For you" against the public relatedness judgments (`../shared/data/relatedness/sections.jsonl`): the reader of
 * each non-broad section with at least four corpus papers opens k = 3 of them (chosen with a seeded random source,
 * in that order), and the top 10 are scored against the section's other papers — P@10 = hits / min(10, others),
 * averaged over sections — for three rankers over the same candidate pool: trending alone (most upvoted first),
 * related to the last paper read (`relatedScores` of that paper), and "for you" (`rankForYou` over the three reads).
 * Read papers are left out of all three. Shared by the Node check below and the real-Chromium benchmark
 * (`bench/for-you.ts`), which replays the same reads through arXiv pages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from './eval';

export const SECTIONS_FILE = join(import.meta.dirname, '../../shared/data/relatedness/sections.jsonl');

/** Papers a simulated reader opens per section. */
export const K = 3;

export interface Trial {
  /** `list › heading`. */
  name: string;
  /** The papers read, in reading order. */
  reads: string[];
  /** The section's other papers in the pool: the relevant ones. */
  relevant: Set<string>;
}

/** One trial per non-broad section with more than `K` papers in `pool` (seeded: the same trials on every run). */
export function judgedTrials(pool: ReadonlySet<string>, seed = 31337): Trial[] {
  const random = seededRandom(seed);
  const trials: Trial[] = [];
  for (const line of readFileSync(SECTIONS_FILE, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const s = JSON.parse(line) as { list: string; heading: string; ids: string[]; broad: boolean };
    if (s.broad) continue;
    const ids = [...new Set(s.ids)].filter((id) => pool.has(id));
    if (ids.length <= K) continue;
    const shuffled = [...ids];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const reads = shuffled.slice(0, K);
    trials.push({
      name: `${s.list} › ${s.heading}`,
      reads,
      relevant: new Set(ids.filter((id) => !reads.includes(id))),
    });
  }
  return trials;
}

/** P@10 of `ranked` (best first) for `trial`: hits in the top 10 / min(10, relevant). */
export function precisionAt10(ranked: readonly string[], trial: Trial): number {
  const top = ranked.slice(0, 10);
  const hits = top.filter((id) => trial.relevant.has(id)).length;
  return hits / Math.min(10, trial.relevant.size);
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
