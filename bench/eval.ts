/**
 * Search and relatedness quality on every recorded paper (../shared/data/feed, ~9,500 papers, loaded by
 * `recordedPapers`, the loader the tests use): `npm run eval`.
 *
 *   npm run eval                                  # everything (several minutes)
 *   npm run eval -- related                       # relatedness only (judgments, pages, reading lists)
 *   npm run eval -- search                        # known-item search only
 *   npm run eval -- checks                        # invariants over every paper only
 *   npm run eval -- set                           # "related to a set" only
 *   npm run eval -- cites                         # the popup's "related to the papers this page cites" only
 *   npm run eval -- set-terms                     # what a set shares, named beside its section's heading
 *   npm run eval -- --judgments path/to/sections.jsonl   # another judgment set of the same format
 *
 * (a) Related papers on human judgments (`bench/relatedness.ts` defines the measures and the halves): the shipped
 *     ranking, with the query being what the popup really sends for the paper's arXiv abstract page — the page is
 *     built from the recorded arXiv layout, scanned by the content script's code, turned into a source by the popup's
 *     code and answered by the background's `SearchService` over the whole corpus in an IndexedDB (fake-indexeddb) —
 *     against a plain MiniSearch title+abstract query, brute-force tf-idf cosine and a random ranking, plus ablations
 *     (no trending tie-breaker, no feedback). The same for pages that are not the paper's: a blog post about it and
 *     the GitHub README of its code (`tests/helpers/paper-pages.ts`), and reading lists of three papers of a section
 *     (the others are the relevant ones). Also: how close the best match is for real pages of other fields.
 * (b) Known-item search: a paper's exact title (recall@1; also without the exact-title rule), with a typo in its
 *     most distinctive word, its first six words, its first 60 % as typed; pasted identifiers (arXiv id,
 *     `arXiv:ID`vN, arXiv abs/pdf, alphaXiv and Hugging Face URLs, the arXiv DOI); an author's full name with a title
 *     word; the full name of an author of only one paper.
 *
 * (c) Invariants over every paper (bench/corpus-checks.ts): the corpus-wide versions of the sampled checks in
 *     tests/integration/search/real-corpus.test.ts; eval exits non-zero when one fails.
 *
 * Prints markdown tables; the figures belong in BENCHMARKS.md.
 */
import 'fake-indexeddb/auto';
import { pathToFileURL } from 'node:url';
import { TitleService } from '../lib/background/lookup';
import { SearchService } from '../lib/background/search-service';
import { createDatabase } from '../lib/db/database';
import { upsertPapers } from '../lib/db/queries';
import type { Paper } from '../lib/feed/paper';
import type { PaperIndex } from '../lib/search/paper-index';
import { rankRelated, relatedQuery } from '../lib/search/related';
import type { RelatedIndex } from '../lib/search/related-index';
import { searchPapers } from '../lib/search/search-papers';
import { sharedTerms } from '../lib/search/set-terms';
import { processTerm } from '../lib/search/text';
import { rawWords } from '../lib/text/normalize';
import { arxivAbsPage, blogPostPage, readingListPage, readmePage } from '../tests/helpers/paper-pages';
import { dataSourceNote, recordedPage, recordedPapers } from '../tests/helpers/recorded-feed';
import { checksTable, corpusChecks } from './corpus-checks';
import {
  loadJudgments,
  meanFigures,
  pairsOf,
  plainMiniSearch,
  PopupPath,
  PUBLIC_JUDGMENTS,
  randomRanking,
  seededRandom,
  splitHalves,
  tfidfCosine,
  type Figures,
  type Pair,
  type Section,
} from './relatedness';

export { seededRandom };

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

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const f3 = (x: number) => x.toFixed(3);

function figuresRow(name: string, f: Figures): string {
  return `| ${name} | ${f.pairs} | ${f3(f.p10)} | ${f3(f.map10)} | ${f3(f.ndcg10)} | ${f3(f.p1)} |`;
}

const FIGURES_HEAD = '| ranking | pairs | P@10 | MAP@10 | nDCG@10 | P@1 |\n|---|---:|---:|---:|---:|---:|';

interface Context {
  papers: Paper[];
  byId: Map<string, Paper>;
  search: PaperIndex;
  related: RelatedIndex;
  popup: PopupPath;
  baselines: Record<'plain' | 'tfidf' | 'random', (p: Paper) => string[]>;
}

async function setUp(): Promise<Context> {
  const t0 = performance.now();
  const papers = recordedPapers();
  const db = createDatabase(`paper-radar-eval-${Date.now()}`);
  await upsertPapers(db, papers);
  const service = new SearchService(db);
  const t1 = performance.now();
  const { search, related } = await service.rebuild();
  console.log(
    `${papers.length} papers; stored in ${((t1 - t0) / 1000).toFixed(1)} s, indexes built and persisted in ` +
      `${((performance.now() - t1) / 1000).toFixed(1)} s\n`,
  );
  const titles = new TitleService(async () => papers.map((p) => ({ id: p.id, title: p.title })));
  return {
    papers,
    byId: new Map(papers.map((p) => [p.id, p])),
    search,
    related,
    popup: new PopupPath(service, titles),
    baselines: {
      plain: plainMiniSearch(papers),
      tfidf: tfidfCosine(papers),
      random: randomRanking(papers, seededRandom(7)),
    },
  };
}

/** Rankings per query paper, computed once. */
async function rankingsOf(
  queries: readonly string[],
  rank: (id: string) => readonly string[] | Promise<readonly string[]>,
): Promise<Map<string, readonly string[]>> {
  const out = new Map<string, readonly string[]>();
  const started = performance.now();
  for (const q of queries) {
    out.set(q, await rank(q));
    if (out.size % 100 === 0) {
      const s = ((performance.now() - started) / 1000).toFixed(0);
      process.stderr.write(`  … ${out.size}/${queries.length} in ${s} s\n`);
    }
  }
  return out;
}

function halvesTable(
  title: string,
  halves: { name: string; pairs: Pair[] }[],
  rows: { name: string; rankings: Map<string, readonly string[]> }[],
): Map<string, Map<string, Figures>> {
  console.log(`\n### ${title}\n`);
  const out = new Map<string, Map<string, Figures>>();
  for (const half of halves) {
    console.log(`\n${half.name}:\n\n${FIGURES_HEAD}`);
    const byRow = new Map<string, Figures>();
    for (const r of rows) {
      const f = meanFigures(half.pairs, (p) => r.rankings.get(p.query) ?? []);
      byRow.set(r.name, f);
      console.log(figuresRow(r.name, f));
    }
    out.set(half.name, byRow);
  }
  return out;
}

async function relatedness(ctx: Context, judgmentsPath: string): Promise<void> {
  const { byId, related, popup } = ctx;
  const sections = loadJudgments(judgmentsPath, new Set(byId.keys()));
  const { tuning, heldOut } = splitHalves(sections);
  const halves = [
    { name: 'tuning half', pairs: pairsOf(tuning) },
    { name: 'held-out half', pairs: pairsOf(heldOut) },
    { name: 'all', pairs: pairsOf(sections) },
  ];
  const queries = [...new Set(halves[2]!.pairs.map((p) => p.query))];
  console.log(
    `## Related papers on human judgments (${judgmentsPath.split('/').slice(-2).join('/')})\n\n` +
      `${sections.length} non-broad sections (${tuning.length} tuning, ${heldOut.length} held out), ` +
      `${halves[2]!.pairs.length} query–section pairs, ${queries.length} query papers.`,
  );

  const t = performance.now();
  const kinds = new Map<string, number>();
  const similarities: number[] = [];
  const shipped = await rankingsOf(queries, async (id) => {
    const p = byId.get(id)!;
    const { source, reply } = await popup.related(arxivAbsPage(p), `https://arxiv.org/abs/${id}`);
    kinds.set(reply.kind, (kinds.get(reply.kind) ?? 0) + 1);
    if (source)
      similarities.push(rankRelated(related, relatedQuery(related, source), { limit: 1 })[0]?.similarity ?? 0);
    return reply.hits.map((h) => h.id);
  });
  const popupMs = (performance.now() - t) / queries.length;
  const direct = (options: Parameters<typeof rankRelated>[2]) =>
    rankingsOf(queries, (id) => rankRelated(related, relatedQuery(related, { id }), options).map((r) => r.id));
  const { plain, tfidf, random } = ctx.baselines;
  const rows = [
    { name: '**shipped**: popup on the arXiv page (feedback + trending tie-breaker)', rankings: shipped },
    { name: 'shipped ranking without the trending tie-breaker', rankings: await direct({ trendingWeight: 0 }) },
    {
      name: 'without feedback and tie-breaker (cosine only)',
      rankings: await direct({ trendingWeight: 0, feedback: false }),
    },
    {
      name: 'plain MiniSearch, title + abstract query',
      rankings: await rankingsOf(queries, (id) => plain(byId.get(id)!)),
    },
    {
      name: 'brute-force tf-idf cosine (title ×2, abstract, keywords)',
      rankings: await rankingsOf(queries, (id) => tfidf(byId.get(id)!)),
    },
    { name: 'random (seeded)', rankings: await rankingsOf(queries, (id) => random(byId.get(id)!)) },
  ];
  const figures = halvesTable('Arxiv abstract pages of judged papers', halves, rows);
  const held = figures.get('held-out half')!;
  const ours = held.get(rows[0]!.name)!.p10;
  const best = Math.max(held.get(rows[3]!.name)!.p10, held.get(rows[4]!.name)!.p10);
  const blendCost = 1 - ours / held.get(rows[1]!.name)!.p10;
  const allBlendCost = 1 - figures.get('all')!.get(rows[0]!.name)!.p10 / figures.get('all')!.get(rows[1]!.name)!.p10;
  console.log(
    `\nHeld-out P@10: shipped ${f3(ours)} = ${(ours / best).toFixed(3)} × the best plain baseline (${f3(best)}); ` +
      `target ≥ 1.1 × → ${ours >= 1.1 * best ? 'met' : 'MISSED'}.`,
  );
  console.log(
    `Price of the trending tie-breaker in P@10: ${pct(blendCost)} held out, ${pct(allBlendCost)} on all pairs (limit 5 %).`,
  );
  console.log(
    `Replies: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}; popup path ${popupMs.toFixed(1)} ms per page ` +
      '(parse + scan + related, Node).',
  );
  similarities.sort((a, b) => a - b);
  console.log(
    `Best first-pass similarity of judged paper pages: min ${f3(similarities[0] ?? 0)}, 1st percentile ` +
      `${f3(similarities[Math.floor(similarities.length / 100)] ?? 0)}, median ${f3(similarities[similarities.length >> 1] ?? 0)}.`,
  );

  // Pages that are not the paper's own.
  const wrappers: { name: string; page: (p: Paper) => [string, string] }[] = [
    {
      name: 'blog post about the paper (title, excerpt, no arXiv link)',
      page: (p) => [blogPostPage(p), `https://blog.example.org/posts/${p.id}`],
    },
    {
      name: 'GitHub README of its code (repo name, first sentence, headings)',
      page: (p) => [readmePage(p), `https://github.com/research-lab/${p.id}`],
    },
  ];
  const pageRows = [];
  for (const w of wrappers) {
    const pageSims: number[] = [];
    const fallbacks = { n: 0 };
    const rankings = await rankingsOf(queries, async (id) => {
      const [html, url] = w.page(byId.get(id)!);
      const { source, reply } = await popup.related(html, url);
      if (reply.kind !== 'related') fallbacks.n++;
      if (source) pageSims.push(rankRelated(related, relatedQuery(related, source), { limit: 1 })[0]?.similarity ?? 0);
      // The page's own paper is not a related paper: a detector that found it excluded it already.
      return reply.hits.map((h) => h.id).filter((h) => h !== id);
    });
    pageRows.push({ name: `${w.name}${fallbacks.n > 0 ? ` (${fallbacks.n} fell back to trending)` : ''}`, rankings });
  }
  halvesTable('Related for any page: the judged papers in other wrappers', halves, [rows[0]!, ...pageRows, rows[4]!]);

  // Reading lists: three papers of a section on one page; the section's other papers are the relevant ones.
  const listPairs: Pair[] = [];
  const listRankings = new Map<string, readonly string[]>();
  for (const section of sections.filter((s) => s.ids.length >= 4)) {
    for (let i = 0; i < section.ids.length; i++) {
      const shown = [0, 1, 2].map((k) => section.ids[(i + k) % section.ids.length]!);
      const key = `${section.list}#${section.heading}#${i}`;
      const { reply } = await popup.related(
        readingListPage(shown.map((id) => byId.get(id)!)),
        `https://wiki.example.org/reading-list/${i}`,
      );
      listRankings.set(
        key,
        reply.hits.map((h) => h.id),
      );
      listPairs.push({ query: key, relevant: new Set(section.ids.filter((id) => !shown.includes(id))), section });
    }
  }
  const listFigures = meanFigures(listPairs, (p) => listRankings.get(p.query) ?? []);
  console.log(`\n### Reading lists: three papers of a section on a page\n\n${FIGURES_HEAD}`);
  console.log(figuresRow('shipped, popup on a reading list page', listFigures));

  // Pages of fields the feed does not cover: how close is the best match?
  console.log('\n### Real pages: best match and what the popup shows\n');
  console.log('| page | source | reply | best similarity | first results |\n|---|---|---|---:|---|');
  const real: [string, string][] = [
    ['arxiv-abs-1902.02534-layout2026.html', 'https://arxiv.org/abs/1902.02534'],
    ['arxiv-abs-2106.09608-layout2021.html', 'https://arxiv.org/abs/2106.09608'],
    ['arxiv-list-hep-th-new-2024-08-09.html', 'https://arxiv.org/list/hep-th/new'],
    ['arxiv-html-2501.11120v1.html', 'https://arxiv.org/html/2501.11120v1'],
    ['google-scholar-results-2016.html', 'https://scholar.google.com/scholar?q=deep+learning'],
  ];
  for (const [file, url] of real) {
    const { source, reply } = await popup.related(recordedPage(file), url);
    const best = source ? (rankRelated(related, relatedQuery(related, source), { limit: 1 })[0]?.similarity ?? 0) : 0;
    const what = source
      ? `${source.id ? `own ${source.id}` : 'text'}${source.papers ? ` + ${source.papers.length} papers` : ''}`
      : 'none';
    const first = reply.hits
      .slice(0, 3)
      .map((h) => h.title.slice(0, 50))
      .join(' · ');
    console.log(
      `| ${file} | ${what} | ${reply.kind}${reply.kind === 'related' ? ` (${reply.basis})` : ` (${reply.reason})`} | ${f3(best)} | ${first} |`,
    );
  }
}

/** The title word with the fewest papers (by document frequency), as written; `undefined` for none. */
function rarestTitleWord(p: Paper, related: RelatedIndex): string | undefined {
  let best: { word: string; df: number } | undefined;
  for (const word of rawWords(p.title)) {
    const term = processTerm(word);
    if (term === null || word.length < 4 || !/^[A-Za-z]+$/.test(word)) continue;
    const t = related.termOf.get(term);
    const df = t === undefined ? Infinity : related.df[t]!;
    if (!best || df < best.df) best = { word, df };
  }
  return best?.word;
}

function knownItemSearch(ctx: Context): void {
  const { papers, search, related } = ctx;
  const random = seededRandom(20240312);
  const sampleRandom = seededRandom(99);
  const sample = papers.filter(() => sampleRandom() < 2000 / papers.length);
  const rows: KnownItemRow[] = [
    knownItem(
      search,
      'exact title',
      papers.map((p) => ({ query: p.title, id: p.id })),
    ),
    knownItem(
      search,
      'exact title, ranking alone (`exactTitleFirst: false`)',
      papers.map((p) => ({ query: p.title, id: p.id })),
      false,
    ),
    knownItem(
      search,
      'title with one typo (any word of 4+ letters)',
      papers.map((p) => ({ query: withTypo(p.title, random), id: p.id })),
    ),
    knownItem(
      search,
      'first six words (titles > 6 words)',
      papers
        .filter((p) => p.title.split(' ').length > 6)
        .map((p) => ({ query: p.title.split(' ').slice(0, 6).join(' '), id: p.id })),
    ),
    knownItem(
      search,
      'typed so far: first 60 % of characters',
      papers.map((p) => ({ query: p.title.slice(0, Math.ceil(p.title.length * 0.6)).trimEnd(), id: p.id })),
    ),
  ];
  const ids: [string, (id: string) => string][] = [
    ['arXiv id', (id) => id],
    ['`arXiv:ID` with a version', (id) => `arXiv:${id}v2`],
    ['arXiv abstract URL', (id) => `https://arxiv.org/abs/${id}`],
    ['arXiv PDF URL', (id) => `https://arxiv.org/pdf/${id}v1`],
    ['alphaXiv URL', (id) => `https://www.alphaxiv.org/abs/${id}`],
    ['Hugging Face paper URL', (id) => `https://huggingface.co/papers/${id}`],
    ['arXiv DOI (doi.org URL)', (id) => `https://doi.org/10.48550/arXiv.${id}`],
  ];
  for (const [name, query] of ids)
    rows.push(
      knownItem(
        search,
        `${name} (sample)`,
        sample.map((p) => ({ query: query(p.id), id: p.id })),
      ),
    );
  const authorCount = new Map<string, number>();
  for (const p of papers) for (const a of new Set(p.authors)) authorCount.set(a, (authorCount.get(a) ?? 0) + 1);
  rows.push(
    knownItem(
      search,
      'first author’s full name + the rarest title word (sample)',
      sample
        .filter((p) => p.authors[0] && rarestTitleWord(p, related))
        .map((p) => ({ query: `${p.authors[0]} ${rarestTitleWord(p, related)}`, id: p.id })),
    ),
    knownItem(
      search,
      'title with a typo in its rarest word (sample)',
      sample
        .filter((p) => rarestTitleWord(p, related))
        .map((p) => {
          const word = rarestTitleWord(p, related)!;
          return { query: p.title.replace(word, withTypo(word, random)), id: p.id };
        }),
    ),
    knownItem(
      search,
      'full name of an author of one paper only (sample)',
      sample
        .map((p) => ({ p, author: p.authors.find((a) => authorCount.get(a) === 1 && a.split(' ').length >= 2) }))
        .filter((x) => x.author !== undefined)
        .map(({ p, author }) => ({ query: author!, id: p.id })),
    ),
  );
  console.log('\n## Known-item search\n');
  console.log('| query | papers | recall@1 | recall@5 | MRR@10 |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(`| ${r.name} | ${r.n} | ${pct(r.recall1)} | ${pct(r.recall5)} | ${r.mrr10.toFixed(4)} |`);
}

/** Papers of a section taken as the set in "related to a set" (the rest of the section are the relevant ones). */
export const SET_SIZE = 3;

/**
 * "Related to a set" (the papers of a page, or the saved ones: `relatedQuery` with `papers`, the path
 * `SearchService.related` answers) on the judgments: per section with more than `SET_SIZE` papers, its first
 * `SET_SIZE` papers are the set and its other papers the relevant ones; P@10 over the ranking, next to "related to
 * the last paper of the set" (that paper's own related list, the set's other papers left out). Held-out half as in
 * `relatedness`.
 */
function setRelatedness(ctx: Context, judgmentsPath: string): void {
  const { byId, related } = ctx;
  const sections = loadJudgments(judgmentsPath, new Set(byId.keys())).filter((s) => s.ids.length > SET_SIZE);
  const { tuning, heldOut } = splitHalves(sections);
  const pairsOfSets = (list: readonly Section[]): Pair[] =>
    list.map((section) => ({
      query: `${section.list}#${section.heading}`,
      relevant: new Set(section.ids.slice(SET_SIZE)),
      section,
    }));
  const rows = [
    {
      name: `related to the set (its ${SET_SIZE} papers)`,
      rank: (set: string[]) => rankRelated(related, relatedQuery(related, { papers: set }), { limit: 10 }),
    },
    {
      name: 'related to the last paper of the set',
      rank: (set: string[]) =>
        rankRelated(related, relatedQuery(related, { id: set.at(-1)! }), { limit: 10 + SET_SIZE }),
    },
  ].map((r) => ({
    name: r.name,
    rankings: new Map(
      sections.map((section) => {
        const set = section.ids.slice(0, SET_SIZE);
        const ids = r
          .rank(set)
          .map((x) => x.id)
          .filter((id) => !set.includes(id));
        return [`${section.list}#${section.heading}`, ids.slice(0, 10)] as const;
      }),
    ),
  }));
  halvesTable(
    `Related to a set: ${sections.length} sections of more than ${SET_SIZE} papers (${tuning.length} tuning, ${heldOut.length} held out); the first ${SET_SIZE} are the set`,
    [
      { name: 'tuning half', pairs: pairsOfSets(tuning) },
      { name: 'held-out half', pairs: pairsOfSets(heldOut) },
      { name: 'all sections', pairs: pairsOfSets(sections) },
    ],
    rows,
  );
}

/**
 * The popup's "related to the papers this page cites" (a page with a paper of its own and its references) on the
 * judgments: per section with more than `SET_SIZE + 1` papers, its first paper is the page's own, its next
 * `SET_SIZE` the papers the page cites, its other papers the relevant ones. The section's ranking is what the popup
 * asks (`relatedQuery` with `papers` = the cited set and `exclude` = the own paper), next to the own paper's related
 * list (what the popup showed alone before; the cited papers left out, as they are on the page already) — both over
 * the same relevant papers. Held-out half as in `relatedness`.
 */
function citedRelatedness(ctx: Context, judgmentsPath: string): void {
  const { byId, related } = ctx;
  const sections = loadJudgments(judgmentsPath, new Set(byId.keys())).filter((s) => s.ids.length > SET_SIZE + 1);
  const { tuning, heldOut } = splitHalves(sections);
  const keyOf = (s: Section) => `${s.list}#${s.heading}`;
  const pairsOf = (list: readonly Section[]): Pair[] =>
    list.map((section) => ({ query: keyOf(section), relevant: new Set(section.ids.slice(SET_SIZE + 1)), section }));
  const rows = [
    {
      name: `related to the ${SET_SIZE} cited papers (own paper excluded)`,
      rank: (own: string, cited: string[]) =>
        rankRelated(related, relatedQuery(related, { papers: cited, exclude: [own] }), { limit: 10 }),
    },
    {
      name: 'related to the own paper only',
      rank: (own: string) => rankRelated(related, relatedQuery(related, { id: own }), { limit: 10 + SET_SIZE }),
    },
  ].map((r) => ({
    name: r.name,
    rankings: new Map(
      sections.map((section) => {
        const [own, ...rest] = section.ids;
        const cited = rest.slice(0, SET_SIZE);
        const ids = r
          .rank(own!, cited)
          .map((x) => x.id)
          .filter((id) => id !== own && !cited.includes(id));
        return [keyOf(section), ids.slice(0, 10)] as const;
      }),
    ),
  }));
  halvesTable(
    `Related to the papers a page cites: ${sections.length} sections of more than ${SET_SIZE + 1} papers (${tuning.length} tuning, ${heldOut.length} held out); the first is the page's own, the next ${SET_SIZE} the cited`,
    [
      { name: 'tuning half', pairs: pairsOf(tuning) },
      { name: 'held-out half', pairs: pairsOf(heldOut) },
      { name: 'all sections', pairs: pairsOf(sections) },
    ],
    rows,
  );
}

/**
 * What a set shares (`sharedTerms`), printed beside the heading people gave the section, for a look by eye: per
 * held-out section with more than `SET_SIZE` papers, the terms of its first `SET_SIZE` papers (a small set, as a page
 * cites) and of all its papers. Also how many sections name any term, and in how many a named term has a word of
 * the heading (stemmed) — a description, not a target: headings are often not topic words ("Repo-Level Coding").
 */
function setTermsBesideHeadings(ctx: Context, judgmentsPath: string): void {
  const { byId, related } = ctx;
  const sections = loadJudgments(judgmentsPath, new Set(byId.keys())).filter((s) => s.ids.length > SET_SIZE);
  const { heldOut } = splitHalves(sections);
  const textsOf = (ids: readonly string[]) =>
    ids.map((id) => byId.get(id)!).map((p) => ({ title: p.title, keywords: p.keywords }));
  const stems = (s: string) => new Set(rawWords(s).flatMap((w) => processTerm(w) ?? []));
  const rows = heldOut.map((s) => {
    const leaf = s.heading.split(' > ').at(-1) ?? s.heading;
    const small = sharedTerms(related, textsOf(s.ids.slice(0, SET_SIZE)));
    const all = sharedTerms(related, textsOf(s.ids));
    const head = stems(leaf);
    const hits = (terms: string[]) => terms.some((t) => [...stems(t)].some((w) => head.has(w)));
    return { s, leaf, small, all, smallHit: hits(small), allHit: hits(all) };
  });
  console.log(`\n### What a set shares, beside its section's heading (${rows.length} held-out sections)\n`);
  console.log('| list | heading | first 3 papers share | all its papers share |\n|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.s.list} | ${r.leaf} (${r.s.ids.length}) | ${r.small.join(', ')} | ${r.all.join(', ')} |`);
  }
  const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  console.log(
    `\nTerms named: first ${SET_SIZE} papers ${count((r) => r.small.length > 0)}/${rows.length}, all papers ` +
      `${count((r) => r.all.length > 0)}/${rows.length}. A named term shares a word with the heading: first ` +
      `${SET_SIZE} ${count((r) => r.smallHit)}/${rows.length}, all ${count((r) => r.allHit)}/${rows.length}.`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--judgments');
  const judgments = at >= 0 ? args[at + 1]! : (process.env.RELATEDNESS_JUDGMENTS ?? PUBLIC_JUDGMENTS);
  const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--judgments');
  console.log(`${dataSourceNote()}\n`);
  const ctx = await setUp();
  if (only.length === 0 || only.includes('related')) await relatedness(ctx, judgments);
  if (only.length === 0 || only.includes('set')) setRelatedness(ctx, judgments);
  if (only.length === 0 || only.includes('cites')) citedRelatedness(ctx, judgments);
  if (only.length === 0 || only.includes('set-terms')) setTermsBesideHeadings(ctx, judgments);
  if (only.length === 0 || only.includes('search')) knownItemSearch(ctx);
  if (only.length === 0 || only.includes('checks')) {
    const checks = corpusChecks(ctx.papers, ctx.search, ctx.related);
    console.log(`\n## Invariants over every paper\n\n${checksTable(checks)}`);
    if (checks.some((c) => c.failures > 0)) process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
