/**
 * An arXiv paper's own page — its abstract page (`/abs/ID`) or its HTML full text (`/html/IDvN`) — read for the
 * local reading history: which paper it is, its title and abstract (used to relate it when the feed does not hold
 * it) and its primary category (for BibTeX).
 */
import { arxivIdFromUrl } from '../arxiv/urls';
import { readPageMeta } from './page-meta';

const PAPER_PAGE = /^https?:\/\/(?:www\.|export\.|browse\.)?arxiv\.org\/(abs|html)\/[^?#]+/i;
const CATEGORY = /\(([a-z-]+(?:\.[A-Za-z-]+)?)\)\s*$/;

/** A visit to record. */
export interface PaperPageVisit {
  id: string;
  via: 'abs' | 'html';
  title?: string;
  abstract?: string;
  /** `cs.CL`: from the abstract page's "Subjects" (`.primary-subject`), when shown. */
  primaryClass?: string;
}

/** Whether `url` is an arXiv abstract or HTML full-text page. */
export function isArxivPaperPage(url: string): boolean {
  return PAPER_PAGE.test(url);
}

/** The paper page at `url` (DOM passed in), or undefined when `url` is no arXiv abstract or HTML page. */
export function readPaperPage(doc: Document, url: string): PaperPageVisit | undefined {
  const m = PAPER_PAGE.exec(url);
  const id = m ? arxivIdFromUrl(url) : undefined;
  if (!m || !id) return undefined;
  const visit: PaperPageVisit = { id, via: m[1]!.toLowerCase() === 'abs' ? 'abs' : 'html' };
  const meta = readPageMeta(doc);
  const title = (meta.title ?? '').replace(/\s+/g, ' ').trim();
  if (title) visit.title = title.slice(0, 2000);
  if (meta.abstract) visit.abstract = meta.abstract.replace(/\s+/g, ' ').trim().slice(0, 20_000);
  const subject = doc.querySelector('.primary-subject')?.textContent?.trim() ?? '';
  const category = CATEGORY.exec(subject)?.[1];
  if (category) visit.primaryClass = category;
  return visit;
}
