/**
 * arXiv identifiers: recognising one in a string and reducing it to the canonical form Paper Radar keys on.
 *
 * Canonical form: no version suffix, no `arXiv:` prefix; new-style ids keep their `YYMM.NNNNN` digits, old-style
 * ids are `archive/YYMMNNN` with the subject class dropped (`math.GT/0309136` → `math/0309136`), lower-cased.
 */

/** Archives that existed before April 2007, when old-style ids (`archive/YYMMNNN`) were issued. */
// prettier-ignore
export const OLD_STYLE_ARCHIVES = [
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'astro-ph', 'atom-ph', 'bayes-an', 'chao-dyn', 'chem-ph',
  'cmp-lg', 'comp-gas', 'cond-mat', 'cs', 'dg-ga', 'funct-an', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th',
  'math', 'math-ph', 'mtrl-th', 'nlin', 'nucl-ex', 'nucl-th', 'patt-sol', 'physics', 'plasm-ph', 'q-alg', 'q-bio',
  'quant-ph', 'solv-int', 'supr-con',
] as const;

const OLD_ARCHIVES = new Set<string>(OLD_STYLE_ARCHIVES);

/** `2406.01234`, `2406.01234v3`, `0704.0001` — the version is optional. Anchored; use on a candidate string. */
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v\d+)?$/;
/** `hep-th/9901001`, `math.GT/0309136v2`. Anchored. */
const OLD_STYLE = /^([a-z-]+)(?:\.[a-z-]{2,8})?\/(\d{2})(\d{2})(\d{3})(?:v\d+)?$/i;

/**
 * Returns the canonical arXiv id for `raw`, or `undefined` when `raw` is not a well-formed arXiv id.
 *
 * Accepts an optional `arXiv:` prefix, surrounding whitespace and a version suffix. New-style ids must have a real
 * month (01–12), a year from 2007 (`0704`), 4 digits of sequence through `1412` and 5 digits from `1501`. Old-style
 * ids must name a known archive, a year from 1991 to 2007 and a month 01–12.
 */
export function canonicalArxivId(raw: string): string | undefined {
  const s = raw.trim().replace(/^arxiv:\s*/i, '');
  const n = NEW_STYLE.exec(s);
  if (n) {
    const [, yy, mm, seq] = n as unknown as [string, string, string, string];
    const yymm = Number(yy + mm);
    const month = Number(mm);
    if (month < 1 || month > 12 || yymm < 704) return undefined;
    if (seq.length === 4 && yymm > 1412) return undefined;
    if (seq.length === 5 && yymm < 1501) return undefined;
    return `${yy}${mm}.${seq}`;
  }
  const o = OLD_STYLE.exec(s);
  if (o) {
    const [, archive, yy, mm, num] = o as unknown as [string, string, string, string, string];
    const a = archive.toLowerCase();
    const year = Number(yy);
    const month = Number(mm);
    if (!OLD_ARCHIVES.has(a) || month < 1 || month > 12) return undefined;
    // Old-style ids ran from 1991 (91) to March 2007 (07).
    if (!(year >= 91 || year <= 7)) return undefined;
    return `${a}/${yy}${mm}${num}`;
  }
  return undefined;
}
