/**
 * Topics derived from the papers themselves: the terms of the feed's AI keywords and of titles are clustered by how
 * often they occur in the same paper, and each cluster becomes a topic named by its most central terms.
 *
 * Method (keyword co-occurrence clustering):
 * 1. Each paper's terms: the processed terms (`analyze`: stems, stop words and numbers out) of its AI keywords and
 *    its title, as a set.
 * 2. Vocabulary: terms in at least `minDocs` papers and at most `maxDocShare` of them (a term in most papers —
 *    "model" — names no topic), at most `maxTerms` of them, most frequent first.
 * 3. A graph of those terms: an edge between two terms in at least `minCooccurrence` common papers, weighted by the
 *    Ochiai (cosine) coefficient `c_ij / √(df_i · df_j)`, kept when at least `minAssociation`.
 * 4. Louvain community detection (`graphology-communities-louvain`, a seeded random source: the same papers give the
 *    same topics).
 * 5. Each community with at least `minTopicTerms` terms and `minTopicPapers` papers becomes a topic; its terms are
 *    weighted by their weighted degree inside it; its name is its top `labelTerms` terms as most often written.
 *    At most `maxTopics` topics, those covering most papers first.
 *
 * Stable ids and names across recomputations are `lib/topics/stable.ts`'s job.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { Paper } from '../feed/paper';
import { isNumericTerm, processTerm } from '../search/text';
import { rawWords } from '../text/normalize';

/** A topic as derived, before it has a stable id. */
export interface DerivedTopic {
  /** Its top terms as written, joined by ` · `. */
  label: string;
  /** Its terms, best first, each with its weight (weighted degree inside the topic) and how it is usually written. */
  terms: { term: string; label: string; weight: number }[];
  /** How many of the papers it was derived from it covers (see `assignTopics`). */
  papers: number;
}

/** Tuning of `deriveTopics`; the defaults are what BENCHMARKS.md reports. */
export interface DeriveOptions {
  /** Fewest papers a term must be in. Default `max(5, 0.2 % of the papers)`. */
  minDocs?: number;
  /** Largest share of the papers a term may be in. Default 0.08. */
  maxDocShare?: number;
  /** Most terms in the vocabulary. Default 1500. */
  maxTerms?: number;
  /** Fewest papers two terms must share for an edge. Default 3. */
  minCooccurrence?: number;
  /** Smallest Ochiai coefficient of an edge. Default 0.06. */
  minAssociation?: number;
  /** Louvain resolution (higher: more, smaller topics). Default 3. */
  resolution?: number;
  /** Most topics. Default 40. */
  maxTopics?: number;
  /** Fewest terms of a topic. Default 4. */
  minTopicTerms?: number;
  /** Fewest papers a topic must cover. Default `max(5, 0.3 % of the papers)`. */
  minTopicPapers?: number;
  /** Terms in a topic's name. Default 3. */
  labelTerms?: number;
  /** Most terms kept per topic. Default 40. */
  maxTermsPerTopic?: number;
}

/** The text of a paper that topics are derived from and matched against: AI keywords and title. */
export interface TopicText {
  title: string;
  keywords: readonly string[];
}

/** A paper's distinct topic terms, each with the way it was first written; `fromKeywords` lists those of its AI keywords. */
export function topicTermsOf(p: TopicText): Map<string, string> & { fromKeywords?: Set<string> } {
  const out: Map<string, string> & { fromKeywords?: Set<string> } = new Map<string, string>();
  const add = (text: string) => {
    for (const token of rawWords(text)) {
      const term = processTerm(token);
      if (term === null || isNumericTerm(term) || term.length < 2 || out.has(term)) continue;
      out.set(term, token);
    }
  };
  for (const k of p.keywords) add(k);
  out.fromKeywords = new Set(out.keys());
  add(p.title);
  return out;
}

/**
 * A small seeded PRNG (mulberry32, Tommy Ettinger's public-domain generator): numbers in [0, 1), the same sequence
 * for the same seed on every run.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The most common way a term is written: lowercase unless written with inner capitals (`LLM`, `MoE`). */
function pickLabel(forms: Map<string, number>): string {
  let best = '';
  let bestN = -1;
  for (const [form, n] of forms) if (n > bestN || (n === bestN && form < best)) [best, bestN] = [form, n];
  return /^.+\p{Lu}/u.test(best) ? best : best.toLowerCase();
}

/** Derives topics from `papers` (see the module comment). Deterministic. Empty for too few papers. */
export function deriveTopics(papers: readonly TopicText[], options: DeriveOptions = {}): DerivedTopic[] {
  const n = papers.length;
  const {
    minDocs = Math.max(5, Math.round(0.002 * n)),
    maxDocShare = 0.08,
    maxTerms = 1500,
    minCooccurrence = 3,
    minAssociation = 0.06,
    resolution = 3,
    maxTopics = 40,
    minTopicTerms = 4,
    minTopicPapers = Math.max(5, Math.round(0.003 * n)),
    labelTerms = 3,
    maxTermsPerTopic = 40,
  } = options;

  // 1–2: terms per paper and the vocabulary.
  const perPaper: string[][] = [];
  const df = new Map<string, number>();
  // Terms of AI keywords: titles add phrasing ("when", "does", "towards") that names no topic, so a term enters the
  // vocabulary only through the papers' keywords (titles still count towards its co-occurrences).
  const keywordDf = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  for (const p of papers) {
    const terms = topicTermsOf(p);
    perPaper.push([...terms.keys()]);
    for (const term of terms.fromKeywords ?? []) keywordDf.set(term, (keywordDf.get(term) ?? 0) + 1);
    for (const [term, form] of terms) {
      df.set(term, (df.get(term) ?? 0) + 1);
      let f = forms.get(term);
      if (!f) forms.set(term, (f = new Map()));
      const lower = /^.+\p{Lu}/u.test(form) ? form : form.toLowerCase();
      f.set(lower, (f.get(lower) ?? 0) + 1);
    }
  }
  const maxDocs = maxDocShare * n;
  const keywordPapers = papers.filter((p) => p.keywords.length > 0).length;
  // Before the feed had AI keywords (2024) there are titles only: then titles make the vocabulary.
  const eligible = keywordPapers >= n / 4 ? keywordDf : df;
  const minEligible = keywordPapers >= n / 4 ? Math.max(3, Math.round((minDocs * keywordPapers) / n)) : minDocs;
  const vocab = [...df]
    .filter(([t, d]) => (eligible.get(t) ?? 0) >= minEligible && d <= maxDocs)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTerms)
    .map(([t]) => t);
  if (vocab.length < minTopicTerms) return [];
  const index = new Map(vocab.map((t, i) => [t, i]));
  const v = vocab.length;

  // 3: co-occurrence counts over term-index pairs (i < j), packed in one number key.
  const pairs = new Map<number, number>();
  const paperTerms: number[][] = [];
  for (const terms of perPaper) {
    const ids = terms
      .map((t) => index.get(t))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b);
    paperTerms.push(ids);
    for (let a = 0; a < ids.length; a++) {
      const base = ids[a]! * v;
      for (let b = a + 1; b < ids.length; b++) {
        const key = base + ids[b]!;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  const graph = new Graph({ type: 'undirected' });
  for (const t of vocab) graph.addNode(t);
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const c = pairs.get(key)!;
    if (c < minCooccurrence) continue;
    const i = Math.floor(key / v);
    const j = key % v;
    const w = c / Math.sqrt(df.get(vocab[i]!)! * df.get(vocab[j]!)!);
    if (w >= minAssociation) graph.addUndirectedEdge(vocab[i]!, vocab[j]!, { weight: w });
  }

  // 4: communities.
  const communities = louvain(graph, { getEdgeWeight: 'weight', resolution, rng: seededRandom(20240809) });
  const members = new Map<number, string[]>();
  for (const t of vocab) {
    if (graph.degree(t) === 0) continue;
    const c = communities[t]!;
    const list = members.get(c) ?? [];
    list.push(t);
    members.set(c, list);
  }

  // 5: topics, their weighted terms and names.
  const candidates: DerivedTopic[] = [];
  for (const terms of members.values()) {
    if (terms.length < minTopicTerms) continue;
    const inside = new Set(terms);
    const weighted = terms
      .map((t) => {
        let w = 0;
        graph.forEachEdge(t, (_e, attrs, s, target) => {
          const other = s === t ? target : s;
          if (inside.has(other)) w += (attrs as { weight: number }).weight;
        });
        return { term: t, label: pickLabel(forms.get(t)!), weight: w };
      })
      .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
      .slice(0, maxTermsPerTopic);
    candidates.push({
      label: weighted
        .slice(0, labelTerms)
        .map((t) => t.label)
        .join(' · '),
      terms: weighted,
      papers: 0,
    });
  }
  const counts = countAssigned(
    candidates.map((c) => c.terms),
    paperTerms.map((ids) => ids.map((i) => vocab[i]!)),
  );
  candidates.forEach((c, i) => (c.papers = counts[i]!));
  return candidates
    .filter((c) => c.papers >= minTopicPapers)
    .sort((a, b) => b.papers - a.papers || (a.label < b.label ? -1 : 1))
    .slice(0, maxTopics);
}

function countAssigned(topics: readonly TopicTermList[], papers: readonly string[][]): number[] {
  const scorer = topicScorer(topics);
  const counts = topics.map(() => 0);
  for (const terms of papers) for (const t of scorer(terms)) counts[t]!++;
  return counts;
}

type TopicTermList = readonly { term: string; weight: number }[];

/** Share of a topic's total term weight a paper must reach to belong to it. */
export const MIN_TOPIC_SCORE = 0.12;

/** Fewest topic terms a paper must contain to belong to the topic. */
export const MIN_TOPIC_TERMS = 2;

/** Most topics a paper is given. */
export const MAX_TOPICS_PER_PAPER = 3;

/**
 * A function giving, for a paper's terms, the indexes of the topics it belongs to, best first: a paper belongs to a
 * topic when it contains at least `MIN_TOPIC_TERMS` of the topic's terms whose weights add up to at least
 * `MIN_TOPIC_SCORE` of the topic's top-10 weight; at most `MAX_TOPICS_PER_PAPER` topics.
 */
export function topicScorer(topics: readonly TopicTermList[]): (terms: Iterable<string>) => number[] {
  const byTerm = new Map<string, { topic: number; weight: number }[]>();
  const norms = topics.map((terms) => terms.slice(0, 10).reduce((s, t) => s + t.weight, 0) || 1);
  topics.forEach((terms, topic) => {
    for (const t of terms) {
      const list = byTerm.get(t.term) ?? [];
      list.push({ topic, weight: t.weight / norms[topic]! });
      byTerm.set(t.term, list);
    }
  });
  return (terms) => {
    const score = new Map<number, { s: number; k: number }>();
    for (const term of terms) {
      for (const { topic, weight } of byTerm.get(term) ?? []) {
        const cur = score.get(topic) ?? { s: 0, k: 0 };
        cur.s += weight;
        cur.k++;
        score.set(topic, cur);
      }
    }
    return [...score]
      .filter(([, v]) => v.k >= MIN_TOPIC_TERMS && v.s >= MIN_TOPIC_SCORE)
      .sort((a, b) => b[1].s - a[1].s || a[0] - b[0])
      .slice(0, MAX_TOPICS_PER_PAPER)
      .map(([t]) => t);
  };
}

/** The papers' topic terms, for `topicScorer` (only the terms; `topicTermsOf` keeps how each was written). */
export function paperTopicTerms(p: TopicText): string[] {
  return [...topicTermsOf(p).keys()];
}

/** Convenience for papers as stored. */
export function topicTextOf(p: Pick<Paper, 'title' | 'keywords'>): TopicText {
  return { title: p.title, keywords: p.keywords };
}
