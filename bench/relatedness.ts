/**
 * Relatedness measured on human judgments: the public judgment set in ../shared/data/relatedness (papers that
 * curators of topic lists put in the same section count as related; see its SOURCES.md), and the same measure for
 * any file of that format (the maintainers' independent set): `npm run eval -- --judgments path/to/sections.jsonl`.
 *
 * Measures, per query–section pair (a paper of a non-broad section; its relevant papers are the section's other
 * papers that are in the corpus), as SOURCES.md defines them:
 * - P@10 = hits in the top 10 / min(10, |relevant|);
 * - MAP@10 = Σ over hits at rank k of (hits so far / k), / min(10, |relevant|);
 * - nDCG@10 with binary gains, the ideal ranking having min(10, |relevant|) hits;
 * - P@1 = whether the first result is relevant;
 * each averaged over the pairs.
 *
 * The sections are split into two halves by a fixed seed (`splitHalves`): the method was tuned on the first, the
 * second is held out, so an overfit shows as a gap between them.
 */
import { seededRandom } from '../lib/topics/derive';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import MiniSearch from 'minisearch';
import type { Paper } from '../lib/feed/paper';
import { scanDocument } from '../lib/detect/scan-page';
import type { RelatedReply } from '../lib/ext/protocol';
import type { SearchService } from '../lib/background/search-service';
import type { TitleService } from '../lib/background/lookup';
import { ownPaperId, relatedSourceOf, type PageRelatedSource } from '../lib/search/page-query';
import { analyze } from '../lib/search/text';

/** The public judgment set. */
export const PUBLIC_JUDGMENTS = join(import.meta.dirname, '../../shared/data/relatedness/sections.jsonl');

/** The seed of the split into a tuning half and a held-out half. Fixed: changing it would reshuffle the halves. */
export const SPLIT_SEED = 12;

/** One judged section (a line of sections.jsonl). */
export interface Section {
  list: string;
  heading: string;
  ids: string[];
  broad: boolean;
}

/** Non-broad sections of a judgments file, their ids restricted to `corpus`, in file order. */
export function loadJudgments(path: string, corpus: ReadonlySet<string>): Section[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Section)
    .filter((s) => !s.broad)
    .map((s) => ({ ...s, ids: [...new Set(s.ids)].filter((id) => corpus.has(id)) }));
}

export { seededRandom };

/** Sections in a seeded random order; even positions form the tuning half, odd ones the held-out half. */
export function splitHalves(
  sections: readonly Section[],
  seed = SPLIT_SEED,
): { tuning: Section[]; heldOut: Section[] } {
  const random = seededRandom(seed);
  const order = sections.map((s) => ({ s, key: random() })).sort((a, b) => a.key - b.key);
  return {
    tuning: order.filter((_, i) => i % 2 === 0).map((x) => x.s),
    heldOut: order.filter((_, i) => i % 2 === 1).map((x) => x.s),
  };
}

/** A query paper and the papers judged related to it (its section's others). */
export interface Pair {
  query: string;
  relevant: ReadonlySet<string>;
  section: Section;
}

/** Every (paper, section) pair with at least one other paper in the section. */
export function pairsOf(sections: readonly Section[]): Pair[] {
  return sections.flatMap((section) =>
    section.ids
      .map((query) => ({ query, relevant: new Set(section.ids.filter((id) => id !== query)), section }))
      .filter((p) => p.relevant.size > 0),
  );
}

/** Mean figures over pairs. */
export interface Figures {
  p10: number;
  map10: number;
  ndcg10: number;
  p1: number;
  pairs: number;
}

/** The figures of one ranking (best first; only its first 10 count) against one pair's relevant set. */
export function figuresOf(ranked: readonly string[], relevant: ReadonlySet<string>): Omit<Figures, 'pairs'> {
  const top = ranked.slice(0, 10);
  const ideal = Math.min(10, relevant.size);
  let hits = 0;
  let ap = 0;
  let dcg = 0;
  top.forEach((id, k) => {
    if (!relevant.has(id)) return;
    hits++;
    ap += hits / (k + 1);
    dcg += 1 / Math.log2(k + 2);
  });
  let idcg = 0;
  for (let k = 0; k < ideal; k++) idcg += 1 / Math.log2(k + 2);
  return {
    p10: hits / ideal,
    map10: ap / ideal,
    ndcg10: idcg > 0 ? dcg / idcg : 0,
    p1: top[0] !== undefined && relevant.has(top[0]) ? 1 : 0,
  };
}

/** Mean figures of `rank` over `pairs` (rankings are computed once per pair and may be shared across halves). */
export function meanFigures(pairs: readonly Pair[], ranking: (p: Pair) => readonly string[]): Figures {
  const sum = { p10: 0, map10: 0, ndcg10: 0, p1: 0 };
  for (const p of pairs) {
    const f = figuresOf(ranking(p), p.relevant);
    sum.p10 += f.p10;
    sum.map10 += f.map10;
    sum.ndcg10 += f.ndcg10;
    sum.p1 += f.p1;
  }
  const n = Math.max(1, pairs.length);
  return { p10: sum.p10 / n, map10: sum.map10 / n, ndcg10: sum.ndcg10 / n, p1: sum.p1 / n, pairs: pairs.length };
}

// ---- baselines -------------------------------------------------------------------------------------------------

/**
 * A plain MiniSearch index (default tokenizer, term processing and BM25 scoring) over title, abstract and keywords,
 * queried with the paper's title and abstract (an OR of their words). A word repeated in the query is searched once
 * with `boostTerm` = its count, which scores exactly as MiniSearch sums repeated terms, only faster.
 */
export function plainMiniSearch(papers: readonly Paper[]): (p: Paper) => string[] {
  const options = {
    fields: ['title', 'abstract', 'keywords'],
    extractField: (doc: Paper, field: string) =>
      field === 'keywords' ? doc.keywords.join(' ') : (doc as unknown as Record<string, string>)[field],
  };
  const engine = new MiniSearch<Paper>(options);
  engine.addAll([...papers]);
  const tokenize = MiniSearch.getDefault('tokenize') as (s: string) => string[];
  const processTerm = MiniSearch.getDefault('processTerm') as (t: string) => string | null;
  return (p) => {
    const counts = new Map<string, number>();
    for (const token of tokenize(`${p.title} ${p.abstract}`)) {
      const term = processTerm(token);
      if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    return engine
      .search([...counts.keys()].join(' '), {
        tokenize: (s) => s.split(' '),
        processTerm: (t) => t,
        boostTerm: (t) => counts.get(t) ?? 1,
      })
      .filter((r) => r.id !== p.id)
      .slice(0, 10)
      .map((r) => String(r.id));
  };
}

/**
 * Brute-force tf-idf cosine, the classic vector-space baseline of SOURCES.md: the paper's terms (`analyze`: stop
 * words dropped, Porter stems) over title (twice), abstract and keywords; raw term frequency × smooth idf
 * `ln((1 + N) / (1 + df)) + 1`, L2-normalized (scikit-learn's `TfidfVectorizer` defaults); every paper scored.
 */
export function tfidfCosine(papers: readonly Paper[]): (p: Paper) => string[] {
  const docs = papers.map((p) => {
    const tf = new Map<string, number>();
    const terms = [...analyze(p.title), ...analyze(p.title), ...analyze(p.abstract), ...p.keywords.flatMap(analyze)];
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = papers.length;
  const vectors = docs.map((d) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, f] of d) {
      const w = f * (Math.log((1 + n) / (1 + df.get(t)!)) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
  const postings = new Map<string, { doc: number; w: number }[]>();
  vectors.forEach((v, doc) => {
    for (const [t, w] of v) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push({ doc, w });
    }
  });
  const docOf = new Map(papers.map((p, i) => [p.id, i]));
  return (p) => {
    const q = vectors[docOf.get(p.id)!]!;
    const scores = new Float64Array(n);
    for (const [t, w] of q) for (const post of postings.get(t)!) scores[post.doc]! += w * post.w;
    scores[docOf.get(p.id)!] = 0;
    return [...scores.keys()]
      .filter((d) => scores[d]! > 0)
      .sort((a, b) => scores[b]! - scores[a]! || a - b)
      .slice(0, 10)
      .map((d) => papers[d]!.id);
  };
}

/** Ten distinct papers other than the query, drawn by `random`. */
export function randomRanking(papers: readonly Paper[], random: () => number): (p: Paper) => string[] {
  return (p) => {
    const out = new Set<string>();
    while (out.size < 10) {
      const c = papers[Math.floor(random() * papers.length)]!;
      if (c.id !== p.id) out.add(c.id);
    }
    return [...out];
  };
}

// ---- the popup's real path -------------------------------------------------------------------------------------

/** What the popup sent for a page, and what the background answered. */
export interface PopupAnswer {
  source: PageRelatedSource | undefined;
  reply: RelatedReply;
}

/**
 * The popup's related-papers path for a page, end to end but for the browser: the page is parsed (happy-dom) and
 * scanned by the injected detector's code (`scanDocument`), cached titles in its text are matched by the background's
 * `TitleService`, the popup's `relatedSourceOf` / `ownPaperId` make the source exactly as `usePopupData` does, and
 * the background's `SearchService.related` answers it (limit 10, as the popup asks).
 */
export class PopupPath {
  constructor(
    private readonly service: SearchService,
    private readonly titles: TitleService,
  ) {}

  /** The source the popup builds for `html` shown at `url` (the scan, title matching and `relatedSourceOf`). */
  async sourceOf(html: string, url: string): Promise<PageRelatedSource | undefined> {
    // One window per page, closed at once: happy-dom keeps every document a window parsed.
    const window = new Window({
      url,
      settings: {
        disableJavaScriptEvaluation: true,
        disableJavaScriptFileLoading: true,
        disableCSSFileLoading: true,
        disableIframePageLoading: true,
      },
    });
    const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    const scan = await scanDocument(doc, url, (text, metaTitle) => this.titles.match(text, metaTitle));
    await window.happyDOM.close();
    const ownId = ownPaperId(scan);
    return relatedSourceOf(scan.page, ownId, ownId ? [] : scan.papers.map((p) => p.id));
  }

  async related(html: string, url: string): Promise<PopupAnswer> {
    const source = await this.sourceOf(html, url);
    return { source, reply: await this.service.related(source, 10) };
  }
}
