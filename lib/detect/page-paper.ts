/**
 * The paper a page is itself about: named by its metadata (`citation_arxiv_id`, an arXiv DOI, canonical URL,
 * `og:url`, `citation_pdf_url`), by its own URL (`arxiv.org/abs/ID`, `huggingface.co/papers/ID`), or by a metadata
 * title equal to a cached title — and the heading its badge goes next to.
 */
import { matchArxivUrl } from '../arxiv/urls';
import { elementName } from './dom-scan';
import { CONFIDENCE, type Evidence } from './mention';
import type { PageIdentity } from './page-meta';

/** Evidence naming the page's own paper from its metadata and URL, strongest first. */
export function pageEvidence(meta: PageIdentity, pageUrl: string | undefined): Evidence[] {
  const out: Evidence[] = [];
  if (meta.arxivId && meta.arxivIdFrom === 'citation_arxiv_id') {
    out.push({ id: meta.arxivId, reason: 'meta', confidence: CONFIDENCE.pageId, order: -1 });
  }
  const fromUrl = pageUrl === undefined ? undefined : matchArxivUrl(pageUrl);
  if (fromUrl) {
    const confidence = fromUrl.kind === 'mirror' ? CONFIDENCE.pageMirror : CONFIDENCE.pageId;
    out.push({ id: fromUrl.id, reason: 'meta', confidence, order: -1 });
  }
  if (meta.arxivId && meta.arxivIdFrom !== 'citation_arxiv_id') {
    out.push({ id: meta.arxivId, reason: 'meta', confidence: CONFIDENCE.pageMeta, order: -1 });
  }
  return out;
}

/** Evidence naming the page's own paper by its metadata title (`ids`: the cached papers with that title). */
export function pageTitleEvidence(ids: readonly string[], fromCitation: boolean, title: string): Evidence[] {
  // Two cached papers with the page's title: the page names neither for sure.
  if (ids.length !== 1) return [];
  const confidence = fromCitation ? CONFIDENCE.pageCitationTitle : CONFIDENCE.pageTitle;
  return [{ id: ids[0] as string, reason: 'meta', confidence, order: -1, title }];
}

/** Lower case, whitespace collapsed: enough to find a heading holding the metadata title as written. */
function folded(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The page's title heading among its first `<h1>`/`<h2>` (document order): the first whose text holds the metadata
 * title (ignoring case and spacing — not the full title normalization, which lives with the title index, out of
 * the content script), else the first `h1.title` (arXiv) or `.ltx_title_document` (LaTeXML), else the first `<h1>`.
 */
export function findPageTitleElement(headings: readonly Element[], title: string | undefined): Element | undefined {
  const wanted = title === undefined ? '' : folded(title);
  if (wanted !== '') {
    for (const h of headings) {
      if (folded(h.textContent ?? '').includes(wanted)) return h;
    }
  }
  const classes = (h: Element): string[] => (h.getAttribute('class') ?? '').split(/\s+/);
  return (
    headings.find((h) => elementName(h) === 'h1' && classes(h).includes('title')) ??
    headings.find((h) => classes(h).includes('ltx_title_document')) ??
    headings.find((h) => elementName(h) === 'h1')
  );
}
