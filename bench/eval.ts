/**
 * Search and relatedness quality on every recorded paper (../shared/data/feed, loaded by `recordedPapers`, the
 * loader the tests use): run `npm run eval`.
 *
 * (a) Known-item search: each paper's exact title as the query (recall@1; also without the exact-title rule of
 *     `searchPapers`, to show what ranking alone does), the title with one seeded typo
 *     (recall@5), the title cut to its first six words (recall@5, titles longer than six words), and the title as
 *     typed so far — its first 60 % of characters, usually ending inside a word (recall@5).
 * (b) Relatedness, for papers with AI keywords: the keyword overlap of their top 5 related papers, against a seeded
 *     random baseline and against related papers found from the title alone (and from title + abstract, as a page
 *     without keywords would give).
 *
 * Keyword overlap, defined: keywords are normalized to their processed terms (`analyze`: lowercase, stop words
 * dropped, Porter stems). For a source S and a result R, both with keywords:
 *   - phrase share = |phrases(S) ∩ phrases(R)| / |phrases(S)|, a phrase being its normalized term sequence;
 *   - term Jaccard = |terms(S) ∩ terms(R)| / |terms(S) ∪ terms(R)| over the union of the keywords' terms.
 * Results without keywords (papers listed before 2025) are skipped; the share of results with keywords is reported.
 * Each figure is the mean over sources of the mean over their scored results.
 *
 * (c) Invariants over every paper (bench/corpus-checks.ts): the corpus-wide versions of the sampled checks in
 *     tests/integration/search/real-corpus.test.ts; eval exits non-zero when one fails.
 *
 * Prints markdown tables; the figures belong in BENCHMARKS.md.
 */
import { pathToFileURL } from 'node:url';
import type { Paper } from '../lib/feed/paper';
import { buildIndex, type PaperIndex } from '../lib/search/paper-index';
import { relatedPapers, type RelatedSource } from '../lib/search/related';
import { searchPapers } from '../lib/search/search-papers';
import { analyze } from '../lib/search/text';
import { dataSourceNote, recordedPapers } from '../tests/helpers/recorded-feed';
import { checksTable, corpusChecks } from './corpus-checks';

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence on every run. */
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

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The title with one typo in one of its words of 4+ letters (any word when none is that long): a substitution,
 * deletion, insertion or swap of adjacent letters, all chosen by `random`.
 */
export function withTypo(title: string, random: () => number): string {
  const words = title.split(' ');
  const long = words.map((w, i) => (/^[A-Za-z]{4,}$/.test(w) ? i : -1)).filter((i) => i >= 0);
  const candidates = long.length > 0 ? long : words.map((_, i) => i);
  const wi = candidates[Math.floor(random() * candidates.length)] ?? 0;
  const w = words[wi] ?? '';
  const pos = Math.floor(random() * Math.max(1, w.length - 1));
  const letter = LETTERS[Math.floor(random() * LETTERS.length)] ?? 'x';
  const op = Math.floor(random() * 4);
  let typo: string;
  if (op === 0) typo = w.slice(0, pos) + (w[pos] === letter ? 'q' : letter) + w.slice(pos + 1);
  else if (op === 1 && w.length > 1) typo = w.slice(0, pos) + w.slice(pos + 1);
  else if (op === 2) typo = w.slice(0, pos) + letter + w.slice(pos);
  else typo = w.slice(0, pos) + (w[pos + 1] ?? '') + (w[pos] ?? '') + w.slice(pos + 2);
  words[wi] = typo;
  return words.join(' ');
}

interface KnownItemRow {
  name: string;
  n: number;
  recall1: number;
  recall5: number;
  mrr10: number;
}

function knownItem(
  index: PaperIndex,
  name: string,
  cases: { query: string; id: string }[],
  exactTitleFirst = true,
): KnownItemRow {
  let r1 = 0;
  let r5 = 0;
  let rr = 0;
  for (const c of cases) {
    const rank = searchPapers(index, c.query, { limit: 10, exactTitleFirst }).findIndex((h) => h.id === c.id);
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) rr += 1 / (rank + 1);
  }
  const n = cases.length;
  return { name, n, recall1: r1 / n, recall5: r5 / n, mrr10: rr / n };
}

function keywordPhrases(p: Paper): Set<string> {
  return new Set(p.keywords.map((k) => analyze(k).join(' ')).filter((k) => k !== ''));
}

function keywordTerms(p: Paper): Set<string> {
  return new Set(p.keywords.flatMap((k) => analyze(k)));
}

function intersection(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

interface OverlapRow {
  name: string;
  phraseShare: number;
  termJaccard: number;
  withKeywords: number;
  results: number;
}

/** Mean keyword overlap between each source and the papers `pick` returns for it. */
function overlap(name: string, sources: Paper[], byId: Map<string, Paper>, pick: (p: Paper) => string[]): OverlapRow {
  let phraseSum = 0;
  let termSum = 0;
  let scoredSources = 0;
  let results = 0;
  let withKeywords = 0;
  for (const s of sources) {
    const sp = keywordPhrases(s);
    const st = keywordTerms(s);
    let phrase = 0;
    let term = 0;
    let k = 0;
    for (const id of pick(s)) {
      results++;
      const r = byId.get(id);
      if (!r || r.keywords.length === 0) continue;
      withKeywords++;
      const rt = keywordTerms(r);
      const shared = intersection(st, rt);
      phrase += intersection(sp, keywordPhrases(r)) / sp.size;
      term += shared / (st.size + rt.size - shared);
      k++;
    }
    if (k === 0) continue;
    scoredSources++;
    phraseSum += phrase / k;
    termSum += term / k;
  }
  return {
    name,
    phraseShare: phraseSum / scoredSources,
    termJaccard: termSum / scoredSources,
    withKeywords: withKeywords / Math.max(1, results),
    results,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

function main(): void {
  const t0 = performance.now();
  const papers = recordedPapers();
  const index = buildIndex(papers);
  const byId = new Map(papers.map((p) => [p.id, p]));
  console.log(`${dataSourceNote()}\n`);
  console.log(`${papers.length} papers, index built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  const random = seededRandom(20240312);
  const rows: KnownItemRow[] = [
    knownItem(
      index,
      'exact title',
      papers.map((p) => ({ query: p.title, id: p.id })),
    ),
    knownItem(
      index,
      'exact title, ranking alone (`exactTitleFirst: false`)',
      papers.map((p) => ({ query: p.title, id: p.id })),
      false,
    ),
    knownItem(
      index,
      'title with one typo',
      papers.map((p) => ({ query: withTypo(p.title, random), id: p.id })),
    ),
    knownItem(
      index,
      'first six words (titles > 6 words)',
      papers
        .filter((p) => p.title.split(' ').length > 6)
        .map((p) => ({ query: p.title.split(' ').slice(0, 6).join(' '), id: p.id })),
    ),
    knownItem(
      index,
      'typed so far: first 60 % of characters',
      papers.map((p) => ({ query: p.title.slice(0, Math.ceil(p.title.length * 0.6)).trimEnd(), id: p.id })),
    ),
  ];
  console.log('## Known-item search\n');
  console.log('| query | papers | recall@1 | recall@5 | MRR@10 |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(`| ${r.name} | ${r.n} | ${pct(r.recall1)} | ${pct(r.recall5)} | ${r.mrr10.toFixed(4)} |`);

  const sources = papers.filter((p) => p.keywords.length > 0);
  const related = (source: RelatedSource) => relatedPapers(index, source, { limit: 5 }).map((r) => r.id);
  const baseline = seededRandom(7);
  const t1 = performance.now();
  const overlapRows: OverlapRow[] = [
    overlap('random (seeded)', sources, byId, (s) => {
      const ids: string[] = [];
      while (ids.length < 5) {
        const p = papers[Math.floor(baseline() * papers.length)];
        if (p && p.id !== s.id && !ids.includes(p.id)) ids.push(p.id);
      }
      return ids;
    }),
    overlap('related from the title only', sources, byId, (s) => related({ id: s.id, title: s.title })),
    overlap('related from title + abstract (no keywords)', sources, byId, (s) =>
      related({ id: s.id, title: s.title, abstract: s.abstract }),
    ),
    overlap('related from title + keywords + abstract', sources, byId, (s) => related(s)),
  ];
  const relatedMs = (performance.now() - t1) / (3 * sources.length);
  console.log(`\n## Relatedness: keyword overlap of the top 5 (${sources.length} sources with AI keywords)\n`);
  console.log('| related papers | phrase share | term Jaccard | results with keywords |');
  console.log('|---|---:|---:|---:|');
  for (const r of overlapRows) {
    console.log(
      `| ${r.name} | ${pct(r.phraseShare)} | ${pct(r.termJaccard)} | ${pct(r.withKeywords)} of ${r.results} |`,
    );
  }
  console.log(`\nrelatedPapers: ${relatedMs.toFixed(2)} ms per call on average (${papers.length} papers)`);

  const checks = corpusChecks(papers, index);
  console.log(`\n## Invariants over every paper\n\n${checksTable(checks)}`);
  if (checks.some((c) => c.failures > 0)) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
