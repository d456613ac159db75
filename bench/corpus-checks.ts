/**
 * Properties of search and relatedness checked over every recorded paper, run by `npm run eval` (they take minutes,
 * so `npm test` checks them on small samples only: tests/integration/search/real-corpus.test.ts). Each check counts
 * the papers that break it and keeps a few examples; eval exits non-zero when any does.
 */
import type { Paper } from '../lib/feed/paper';
import { loadIndex, serializeIndex, type PaperIndex } from '../lib/search/paper-index';
import { relatedPapers } from '../lib/search/related';
import { searchPapers } from '../lib/search/search-papers';

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
 * Runs every check on `papers` and the index built from them (`index`, which is also serialized and loaded here).
 * Related lists are computed once per paper (top 10, from the built and from the loaded index) and shared by the
 * related checks.
 */
export function corpusChecks(papers: readonly Paper[], index: PaperIndex): CheckRow[] {
  const loaded = loadIndex(serializeIndex(index));
  if (!loaded.ok) throw new Error(`eval: the serialized index does not load: ${loaded.reason}`);
  const withAbstract = papers.filter((p) => p.abstract !== '');
  const related = new Map(
    withAbstract.map((p) => [
      p.id,
      { built: relatedPapers(index, p, { limit: 10 }), loaded: relatedPapers(loaded.index, p, { limit: 10 }) },
    ]),
  );
  const lists = (p: Paper) => related.get(p.id)!;
  const key = (rs: readonly { id: string; why: string[] }[]) => rs.map((r) => `${r.id}:${r.why.join(',')}`).join(' ');
  return [
    check('exact title returns the paper first (loaded index)', papers, (p) => {
      const top = searchPapers(loaded.index, p.title, { limit: 1 })[0]?.id;
      return top === p.id ? undefined : `first is ${top ?? 'nothing'}`;
    }),
    check('related top 10: non-empty, without the paper, each result with why', withAbstract, (p) => {
      const rs = lists(p).loaded;
      if (rs.length === 0) return 'empty';
      if (rs.some((r) => r.id === p.id)) return 'lists itself';
      if (rs.some((r) => r.why.length === 0)) return 'a result without why';
      return undefined;
    }),
    check('related top 10: the same from the built and the loaded index', withAbstract, (p) =>
      key(lists(p).built) === key(lists(p).loaded) ? undefined : 'differs',
    ),
    check('related top 10: every why label is in the source text', withAbstract, (p) => {
      const text = `${p.title} ${p.keywords.join(' ')} ${p.abstract}`.toLowerCase();
      for (const r of lists(p).loaded) {
        const label = r.why.find((w) => !text.includes(w.toLowerCase()));
        if (label !== undefined) return `"${label}" (for ${r.id})`;
      }
      return undefined;
    }),
  ];
}

/** The rows as a markdown table. */
export function checksTable(rows: readonly CheckRow[]): string {
  const lines = ['| check | papers | failures | examples |', '|---|---:|---:|---|'];
  for (const r of rows) lines.push(`| ${r.check} | ${r.checked} | ${r.failures} | ${r.examples.join('; ')} |`);
  return lines.join('\n');
}
