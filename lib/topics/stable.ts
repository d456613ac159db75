/**
 * Keeping topics stable across recomputations: a freshly derived topic that is close to a stored one takes over the
 * stored topic's id and name, so topics do not change names with every sync; a followed topic is never renamed and
 * never dropped.
 *
 * Rules (`reconcileTopics`):
 * - Similarity of two topics: Jaccard overlap of their top `MATCH_TERMS` terms. Pairs at or above `MIN_SIMILARITY`
 *   are matched greedily, most similar first, one to one.
 * - A matched stored topic keeps its id, its name and its creation time; an unfollowed one takes the new terms (so
 *   which papers it covers follows the feed), a followed one keeps its terms too (what the user chose to follow
 *   stays what it was).
 * - A stored topic left unmatched is kept unchanged when followed, dropped otherwise.
 * - A derived topic left unmatched becomes a new topic with a new id (never one used before: ids carry the creation
 *   time) and its derived name.
 */
import type { StoredTopic } from './topic';
import type { DerivedTopic } from './derive';

/** Top terms compared when matching topics. */
export const MATCH_TERMS = 15;

/** Smallest Jaccard overlap of top terms for a derived topic to continue a stored one. */
export const MIN_SIMILARITY = 0.25;

function topTerms(terms: readonly { term: string }[]): Set<string> {
  return new Set(terms.slice(0, MATCH_TERMS).map((t) => t.term));
}

/** Jaccard overlap of two topics' top terms, in [0, 1]. */
export function topicSimilarity(a: readonly { term: string }[], b: readonly { term: string }[]): number {
  const x = topTerms(a);
  const y = topTerms(b);
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  const union = x.size + y.size - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * The topics to store after a derivation (see the module comment): matched and new topics in the derivation's order
 * (most papers first), then followed topics that no derived topic continues. `followed` holds followed topic ids;
 * `now` (epoch ms) stamps new and kept topics.
 */
export function reconcileTopics(
  previous: readonly StoredTopic[],
  derived: readonly DerivedTopic[],
  followed: ReadonlySet<string>,
  now: number,
): StoredTopic[] {
  const pairs: { p: number; d: number; s: number }[] = [];
  previous.forEach((p, pi) =>
    derived.forEach((d, di) => {
      const s = topicSimilarity(p.terms, d.terms);
      if (s >= MIN_SIMILARITY) pairs.push({ p: pi, d: di, s });
    }),
  );
  pairs.sort((a, b) => b.s - a.s || a.p - b.p || a.d - b.d);
  const prevTaken = new Map<number, number>();
  const derivedTaken = new Map<number, number>();
  for (const { p, d } of pairs) {
    if (prevTaken.has(p) || derivedTaken.has(d)) continue;
    prevTaken.set(p, d);
    derivedTaken.set(d, p);
  }
  const usedIds = new Set(previous.map((p) => p.id));
  let serial = 0;
  const newId = () => {
    let id: string;
    do id = `t${now.toString(36)}${(serial++).toString(36)}`;
    while (usedIds.has(id));
    usedIds.add(id);
    return id;
  };
  const out: StoredTopic[] = derived.map((d, di) => {
    const pi = derivedTaken.get(di);
    if (pi === undefined) {
      return { id: newId(), label: d.label, terms: d.terms.map((t) => ({ ...t })), createdAt: now, updatedAt: now };
    }
    const p = previous[pi]!;
    const pinned = followed.has(p.id);
    return { ...p, terms: pinned ? p.terms : d.terms.map((t) => ({ ...t })), updatedAt: now };
  });
  previous.forEach((p, pi) => {
    if (!prevTaken.has(pi) && followed.has(p.id)) out.push(p);
  });
  return out;
}
