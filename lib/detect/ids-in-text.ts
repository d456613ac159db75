/**
 * arXiv ids written in running text: `arXiv:2406.01234`, `arXiv preprint arXiv:2406.01234`, `arXiv:hep-th/9901001v2`,
 * arXiv URLs and DOIs pasted as text — and, only where the context makes them safe, bare ids.
 */
import { canonicalArxivId, OLD_STYLE_ARCHIVES } from '../arxiv/id';
import { ARXIV_URL_HOSTS, arxivIdFromDoi, matchArxivUrl } from '../arxiv/urls';

/**
 * What made a text match an arXiv id, strongest first (`citation` sits between `prefixed` and `context`):
 * - `url`: an arXiv (or mirror) URL written out (`https://arxiv.org/abs/2406.01234`, `arxiv.org/pdf/…`);
 * - `doi`: `10.48550/arXiv.2406.01234`;
 * - `prefixed`: the id right after `arXiv` (`arXiv:2406.01234`, `arXiv 2406.01234`, `arXiv preprint 2406.01234`,
 *   `arXiv.2406.01234`, `arXiv id: …`);
 * - `citation`: the id as the value of a field of a citation record that names arXiv anywhere within
 *   `CITATION_WINDOW` characters, before or after — BibTeX `eprint = {1706.03762}` with `archivePrefix = {arXiv}`
 *   after it (arXiv's own export) or before it, DBLP's `eprinttype = {arXiv}` and `volume = {abs/1706.03762}`
 *   (`journal = {CoRR}`), RIS lines (`AN  - 1706.03762`), CSL-JSON (`"number": "1706.03762"`), and the arXiv
 *   bibcodes of NASA ADS (`2017arXiv170603762V`);
 * - `context`: a bare new-style id with the word `arXiv` at most `CONTEXT_WINDOW` characters before it
 *   (`on arXiv (2406.01234)`, the second id of `arXiv:2406.01234, 2406.05678`);
 * - `old-style`: a bare old-style id (`hep-th/9901001`), safe on its own because it names a known archive;
 * - `bare`: a bare new-style id with no arXiv context, reported only with `{ bare: true }`.
 */
export type ArxivTextKind = 'url' | 'doi' | 'prefixed' | 'citation' | 'context' | 'old-style' | 'bare';

/** Confidence (0..1) that a text match of each kind really names that arXiv paper. */
export const TEXT_CONFIDENCE: Readonly<Record<ArxivTextKind, number>> = {
  url: 0.95,
  doi: 0.95,
  prefixed: 0.9,
  citation: 0.85,
  context: 0.75,
  'old-style': 0.6,
  bare: 0.5,
};

/** How far back (characters) the word `arXiv` may stand for a bare id to count as in context. */
export const CONTEXT_WINDOW = 48;
/** How far before or after a citation field's id (characters) the record must name arXiv (or CoRR). */
export const CITATION_WINDOW = 400;

/** One arXiv id found in a string. */
export interface ArxivTextMatch {
  /** Canonical id. */
  id: string;
  /** Offset of the first character of the matched text (the URL, DOI, `arXiv:` prefix or bare id). */
  start: number;
  /** Offset just past the match. */
  end: number;
  kind: ArxivTextKind;
  /** `TEXT_CONFIDENCE[kind]`. */
  confidence: number;
}

/** Options of `findArxivIdsInText`. */
export interface TextOptions {
  /**
   * Also report bare new-style ids (`2406.01234`) with no arXiv context, as kind `bare`. Default `false`: a bare
   * `YYMM.NNNNN` is too easily a price, a measurement or a version number. Turn it on only where the page itself
   * is about arXiv papers (an arXiv listing, a reading list).
   */
  bare?: boolean;
}

// An id must not run on into a word character, or into `.digit` (`2406.01234.5` is a number, not an id).
const TAIL = String.raw`(?![\w]|\.\d)`;
const NEW_ID = String.raw`\d{4}\.\d{4,5}(?:v\d+)?`;
const OLD_ID = String.raw`[a-z][a-z-]*(?:\.[A-Za-z-]{2,8})?\/\d{7}(?:v\d+)?`;

/**
 * Characters a URL written in text may hold (RFC 3986's, less the quote and brackets that end URLs in prose); a
 * URL ends at anything else — a space, a `…` a social site appends to a cut link, a closing quote.
 */
const URL_CHARS = String.raw`[A-Za-z0-9\-._~:/?#@!$&()*+,;=%]`;
/**
 * From a host `matchArxivUrl` knows to the end of the URL; the scheme and subdomains before the host are taken by
 * `URL_HEAD`, and trailing punctuation is trimmed after. Anchoring on the host keeps the scan cheap on long texts.
 */
const URL_IN_TEXT = new RegExp(
  `(?:${ARXIV_URL_HOSTS.map((h) => h.replace(/\./g, '\\.')).join('|')})\\/${URL_CHARS}+`,
  'gi',
);
/** What may precede the host in the same URL: `https://`, `export.`, `ar5iv.labs.`. */
const URL_HEAD = /(?:https?:\/\/)?(?:[a-z0-9-]+\.)*$/i;
const DOI_IN_TEXT = new RegExp(String.raw`\b10\.48550\/arxiv\.(?:${NEW_ID}|${OLD_ID})${TAIL}`, 'gi');
/** `arXiv`, optionally a word such as `preprint` or `id`, optional `:`/`.`/`#`, then the id. */
const PREFIXED = new RegExp(
  String.raw`\barxiv(?:\s*(?:e-?prints?|pre-?prints?|id|identifier|no\.?|number|paper))?\s*[:：#.]?\s*(?:\[\s*)?(${NEW_ID}|${OLD_ID})${TAIL}`,
  'gi',
);
// Bare ids must not continue something: `v1.2406.01234`, `$2406.01234`, `/2406.01234`, `1,2406.01234`.
const BARE_NEW = new RegExp(String.raw`(?<![\w.\/\\+\-$€£¥@]|\d,)${NEW_ID}${TAIL}`, 'g');
const OLD_ARCHIVES_SORTED = [...OLD_STYLE_ARCHIVES].sort((a, b) => b.length - a.length);
const BARE_OLD = new RegExp(
  String.raw`(?<![\w.\/\-])(?:${OLD_ARCHIVES_SORTED.join('|')})(?:\.[A-Za-z-]{2,8})?\/\d{7}(?:v\d+)?${TAIL}`,
  'g',
);
/**
 * A citation field holding an id: BibTeX/BibLaTeX `name = {ID}` or `name = "ID"`, JSON `"name": "ID"`, an RIS line
 * `XX  - ID`. The field names are those where indexing services and reference managers put arXiv ids (`eprint`,
 * `arxivid`, `number`, `volume = {abs/ID}`, `eid`, `archive_location`, RIS `AN`/`M3`/`ID`/`N1`…). The id may carry
 * `abs/` or `arXiv:` before it.
 */
const CITATION_FIELD = new RegExp(
  String.raw`(?:\b(?:eprint|arxiv[-_]?(?:id)?|number|volume|eid|archive_location|note|pages|report-?number|id)["']?\s*[=:]\s*[{"']?|^[A-Z][A-Z0-9]  - )\s*(?:abs\/|arxiv:\s*)?(${NEW_ID}|${OLD_ID})${TAIL}`,
  'gim',
);
/** What a record must say near a citation field for the field to be an arXiv id. */
const ARXIV_OR_CORR = /arxiv|\bcorr\b/i;
/** NASA ADS bibcodes of arXiv preprints: year, `arXiv`, the id without its dot (or with it, before 2015), initial. */
const ADS_BIBCODE = /\b(?:19|20)\d\darXiv(\d{4})\.?(\d{4,5})[A-Z.]/g;

/** Every id form contains four digits in a row; text without them is skipped at once. */
export const HAS_DIGITS = /\d{4}/;

function overlaps(taken: readonly ArxivTextMatch[], start: number, end: number): boolean {
  for (const t of taken) if (start < t.end && t.start < end) return true;
  return false;
}

function push(out: ArxivTextMatch[], id: string | undefined, start: number, end: number, kind: ArxivTextKind): void {
  if (!id || overlaps(out, start, end)) return;
  out.push({ id, start, end, kind, confidence: TEXT_CONFIDENCE[kind] });
}

/**
 * Finds the arXiv ids written in `text`, in order of position, non-overlapping (a URL or `arXiv:` prefix claims its
 * span before a bare id inside it could). Each id is checked by `canonicalArxivId` (real month, 4 or 5 digits by
 * era, known old-style archive), so `2413.01234` or `0612.1234` never match.
 *
 * What counts as safe context for a bare new-style id: the word `arXiv` within `CONTEXT_WINDOW` characters before
 * it. Without that, bare ids are ignored unless `options.bare` is set: phone numbers, version strings
 * (`v1.2406.01234`), dates, IP addresses, prices (`$2406.01234`, `2406.01234 USD`) and decimals give nothing.
 * Old-style ids (`hep-th/9901001`) match bare, but not inside a path (`/hep-th/9901001`), since only arXiv writes
 * `archive/YYMMNNN`.
 *
 * Pure and fast: a string without four consecutive digits returns at once.
 */
export function findArxivIdsInText(text: string, options: TextOptions = {}): ArxivTextMatch[] {
  if (!HAS_DIGITS.test(text)) return [];
  const out: ArxivTextMatch[] = [];
  const mentionsArxiv = /arxiv/i.test(text);

  for (const m of text.matchAll(URL_IN_TEXT)) {
    // A host glued to a preceding word (`notarxiv.org`) is another host.
    if (m.index > 0 && /[a-z0-9-]/i.test(text.charAt(m.index - 1))) continue;
    const head = URL_HEAD.exec(text.slice(Math.max(0, m.index - 64), m.index))?.[0] ?? '';
    const start = m.index - head.length;
    const raw = head + m[0].replace(/[.,;:!?)\]}>'"]+$/, '');
    const hit = matchArxivUrl(raw);
    if (hit) push(out, hit.id, start, start + raw.length, hit.kind === 'doi' ? 'doi' : 'url');
  }
  for (const m of text.matchAll(DOI_IN_TEXT)) push(out, arxivIdFromDoi(m[0]), m.index, m.index + m[0].length, 'doi');
  if (mentionsArxiv) {
    for (const m of text.matchAll(PREFIXED)) {
      push(out, canonicalArxivId(m[1] ?? ''), m.index, m.index + m[0].length, 'prefixed');
    }
    for (const m of text.matchAll(ADS_BIBCODE)) {
      push(out, canonicalArxivId(`${m[1]}.${m[2]}`), m.index, m.index + m[0].length, 'citation');
    }
  }
  if (mentionsArxiv || /\bcorr\b/i.test(text)) {
    for (const m of text.matchAll(CITATION_FIELD)) {
      const raw = m[1] ?? '';
      const start = m.index + m[0].length - raw.length;
      const around = text.slice(Math.max(0, start - CITATION_WINDOW), start + raw.length + CITATION_WINDOW);
      if (!ARXIV_OR_CORR.test(around)) continue;
      push(out, canonicalArxivId(raw), start, start + raw.length, 'citation');
    }
  }
  for (const m of text.matchAll(BARE_OLD))
    push(out, canonicalArxivId(m[0]), m.index, m.index + m[0].length, 'old-style');
  for (const m of text.matchAll(BARE_NEW)) {
    const start = m.index;
    // Offsets of a case-folded copy can drift (some letters fold to two code units), so test the window itself.
    const inContext = mentionsArxiv && /arxiv/i.test(text.slice(Math.max(0, start - CONTEXT_WINDOW), start));
    if (inContext || options.bare) {
      push(out, canonicalArxivId(m[0]), start, start + m[0].length, inContext ? 'context' : 'bare');
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
