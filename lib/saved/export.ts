/**
 * Exports of saved (or selected) papers: BibTeX in the shape of arXiv's own "Export BibTeX citation", and a plain
 * list with links.
 *
 * arXiv's export of 1706.03762 reads:
 *
 * ```
 * @misc{vaswani2023attentionneed,
 *       title={Attention Is All You Need},
 *       author={Ashish Vaswani and Noam Shazeer and … and Illia Polosukhin},
 *       year={2023},
 *       eprint={1706.03762},
 *       archivePrefix={arXiv},
 *       primaryClass={cs.CL},
 *       url={https://arxiv.org/abs/1706.03762},
 * }
 * ```
 *
 * Here the same fields, in the same order and indentation; `primaryClass` only when known (the feed does not carry
 * it). The year is that of the first arXiv version (`publishedDate`), where arXiv's export uses the latest version's.
 * Titles and names are plain text, so every character special to (La)TeX is escaped (see `escapeBibtex`); a name
 * with the word "and" in it (an organization) is braced so BibTeX does not split it.
 */

/** What an export needs of a paper. */
export interface CitablePaper {
  id: string;
  title: string;
  authors: readonly string[];
  /** `YYYY-MM-DD` of the first arXiv version, when known. */
  publishedDate?: string | undefined;
  primaryClass?: string | undefined;
}

const TEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/**
 * Plain text as a BibTeX field value: `\ { } & % $ # _ ~ ^` escaped (so braces always balance and nothing is read
 * as a command or math), whitespace collapsed. Other Unicode is kept as it is (biber and BibTeX with UTF-8 input read
 * it; arXiv's export keeps it too).
 */
export function escapeBibtex(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}&%$#_~^]/g, (c) => TEX_SPECIAL[c]!);
}

const KEY_STOP_WORDS = new Set(
  'a an and are as at be by for from in into is it its of on or over the to toward towards under via vs with without all you we our your can do does how what when where which why'.split(
    ' ',
  ),
);

/** ASCII letters of `s`, lowercase, accents dropped (`Schrödinger` → `schrodinger`). */
function asciiWord(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The family name of a name written "Given Family" (its last word), or the whole name of a one-word name. */
function familyName(name: string): string {
  const words = name.trim().split(/\s+/);
  return words.at(-1) ?? '';
}

/**
 * The citation key, as arXiv makes it: the first author's family name, the year, and the first two title words that
 * are not common words, in lowercase ASCII (`vaswani2023attentionneed`); `arxiv` + the id's digits when nothing is
 * left.
 */
export function citationKey(p: CitablePaper): string {
  const family = asciiWord(familyName(p.authors[0] ?? ''));
  const year = p.publishedDate?.slice(0, 4) ?? '';
  const words = p.title
    .split(/[^\p{L}\p{N}]+/u)
    .map(asciiWord)
    .filter((w) => w !== '' && !KEY_STOP_WORDS.has(w))
    .slice(0, 2)
    .join('');
  const key = `${family}${year}${words}`;
  return key === '' || key === year ? `arxiv${p.id.replace(/[^0-9]/g, '')}` : key;
}

function authorField(authors: readonly string[]): string {
  return authors
    .map((a) => {
      const escaped = escapeBibtex(a);
      return /\band\b/i.test(a) ? `{${escaped}}` : escaped;
    })
    .join(' and ');
}

/** One paper as a BibTeX `@misc` entry in arXiv's shape (see the module comment). Keys are not deduplicated here. */
export function toBibtex(p: CitablePaper, key = citationKey(p)): string {
  const lines = [`@misc{${key},`, `      title={${escapeBibtex(p.title)}}, `];
  if (p.authors.length > 0) lines.push(`      author={${authorField(p.authors)}},`);
  if (p.publishedDate) lines.push(`      year={${p.publishedDate.slice(0, 4)}},`);
  lines.push(`      eprint={${p.id}},`, '      archivePrefix={arXiv},');
  if (p.primaryClass) lines.push(`      primaryClass={${escapeBibtex(p.primaryClass)}},`);
  lines.push(`      url={https://arxiv.org/abs/${p.id}}, `, '}');
  return lines.join('\n');
}

/**
 * A BibTeX file of `papers`, in the order given, entries separated by a blank line. Two papers with the same key get
 * `a`, `b`, … appended from the second on (`smith2024diffusion`, `smith2024diffusiona`).
 */
export function toBibtexFile(papers: readonly CitablePaper[]): string {
  const used = new Map<string, number>();
  const entries = papers.map((p) => {
    const base = citationKey(p);
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return toBibtex(p, n === 0 ? base : `${base}${suffix(n)}`);
  });
  return entries.length === 0 ? '' : `${entries.join('\n\n')}\n`;
}

/** 1 → `a`, 26 → `z`, 27 → `aa`. */
function suffix(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

/** A plain list: one paper per line, `Title — First Author et al. (2024). https://arxiv.org/abs/ID`. */
export function toPlainList(papers: readonly CitablePaper[]): string {
  return papers
    .map((p) => {
      const who =
        p.authors.length === 0 ? '' : p.authors.length > 2 ? `${p.authors[0]} et al.` : p.authors.join(' and ');
      const year = p.publishedDate ? ` (${p.publishedDate.slice(0, 4)})` : '';
      const by = who || year ? ` — ${who}${year}` : '';
      return `${p.title.replace(/\s+/g, ' ').trim()}${by}. https://arxiv.org/abs/${p.id}`;
    })
    .join('\n')
    .concat(papers.length > 0 ? '\n' : '');
}
