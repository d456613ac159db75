/**
 * Properties of search and relatedness checked over every recorded paper, run by `npm run eval` (they take minutes,
 * so `npm test` checks them on small samples only: tests/integration/search/real-corpus.test.ts). Each check counts
 * the papers that break it and keeps a few examples; eval exits non-zero when any does.
 */
import type { Paper } from '../lib/feed/paper';
import { loadIndex, serializeIndex, type PaperIndex } from '../lib/search/paper-index';
import { relatedPapers } from '../lib/search/related';
import { loadRelatedIndex, serializeRelatedIndex, type RelatedIndex } from '../lib/search/related-index';
import { MAX_WHY, relatedReasons, WHY_MAX_DOC_SHARE } from '../lib/search/related-why';
import { searchPapers } from '../lib/search/search-papers';
import { analyze } from '../lib/search/text';
import { normalizeTitle } from '../lib/text/normalize';

export interface CheckRow {
  check: string;
  checked: number;
  failures: number;
  /** Up to five failing papers, `id: what went wrong`. */
  examples: string[];
}

function check(name: string, papers: readonly Paper[], fails: (p: Paper) => string | undefined): CheckRow {
  const row: CheckRow = { check: name, checked: 0, failures: 0, examples: [] };
  for (const p of papers) {
    row.checked++;
    const why = fails(p);
    if (why === undefined) continue;
    row.failures++;
    if (row.examples.length < 5) row.examples.push(`${p.id}: ${why}`);
  }
  return row;
}

/**
 * Runs every check on `papers`, the typed-search index built from them (`index`) and the related index built from
 * them (`related`); both are also stored and loaded here (serialized, structured-cloned). Related lists (top 10, from
 * the built and from the loaded index) are computed once per paper and shared by the related checks; the why of each
 * row is what the background shows (`relatedReasons` of the source paper).
 */
export function corpusChecks(papers: readonly Paper[], index: PaperIndex, related: RelatedIndex): CheckRow[] {
  const loaded = loadIndex(serializeIndex(index));
  if (!loaded.ok) throw new Error(`eval: the serialized index does not load: ${loaded.reason}`);
  const loadedRelated = loadRelatedIndex(structuredClone(serializeRelatedIndex(related)));
  if (!loadedRelated.ok) throw new Error(`eval: the stored related index does not load: ${loadedRelated.reason}`);
  const byId = new Map(papers.map((p) => [p.id, p]));
  const lists = new Map(
    papers.map((p) => [
      p.id,
      {
        built: relatedPapers(related, { id: p.id }, { limit: 10 }),
        loaded: relatedPapers(loadedRelated.index, { id: p.id }, { limit: 10 }),
      },
    ]),
  );
  const listOf = (p: Paper) => lists.get(p.id)!;
  const key = (rs: readonly { id: string }[]) => rs.map((r) => r.id).join(' ');
  const share = (term: string) => (related.df[related.termOf.get(term) ?? -1] ?? 0) / related.ids.length;
  return [
    check('exact title returns the paper first (loaded index)', papers, (p) => {
      const top = searchPapers(loaded.index, p.title, { limit: 1 })[0]?.id;
      return top === p.id ? undefined : `first is ${top ?? 'nothing'}`;
    }),
    check('related top 10: non-empty, without the paper or a paper of its title', papers, (p) => {
      const rs = listOf(p).loaded;
      if (rs.length === 0) return 'empty';
      if (rs.some((r) => r.id === p.id)) return 'lists itself';
      const title = normalizeTitle(p.title);
      const twin = rs.find((r) => normalizeTitle(byId.get(r.id)!.title) === title);
      return twin ? `lists ${twin.id}, of the same title` : undefined;
    }),
    check('related top 10: the same from the built and the stored-and-loaded index', papers, (p) =>
      key(listOf(p).built) === key(listOf(p).loaded) ? undefined : 'differs',
    ),
    check(
      `related top 10: at most ${MAX_WHY} why labels, each in the source text, no single word in > ${(100 * WHY_MAX_DOC_SHARE).toFixed(0)} % of papers`,
      papers,
      (p) => {
        const text = `${p.title} ${p.keywords.join(' ')} ${p.abstract}`.toLowerCase().replace(/\s+/g, ' ');
        const reasons = relatedReasons(related, [p]);
        for (const r of listOf(p).loaded) {
          const why = reasons(byId.get(r.id)!);
          if (why.length > MAX_WHY) return `${why.length} labels (for ${r.id})`;
          for (const label of why) {
            if (!text.includes(label.toLowerCase())) return `"${label}" not in the source (for ${r.id})`;
            const terms = analyze(label);
            if (terms.length === 1 && share(terms[0]!) > WHY_MAX_DOC_SHARE)
              return `"${label}" too common (for ${r.id})`;
          }
        }
        return undefined;
      },
    ),
  ];
}

/** The rows as a markdown table. */
export function checksTable(rows: readonly CheckRow[]): string {
  const lines = ['| check | papers | failures | examples |', '|---|---:|---:|---|'];
  for (const r of rows) lines.push(`| ${r.check} | ${r.checked} | ${r.failures} | ${r.examples.join('; ')} |`);
  return lines.join('\n');
}
