/**
 * What the popup learns from a page: the papers it refers to (the page's own first, each with why and how sure)
 * and what the page says about itself. Run inside the page (by the one-off scanner the popup injects); cached
 * titles are matched by the background through `matchTitles`, so the page never holds the cache.
 */
import { recordTitleAround } from './citation-title';
import { scanPage } from './find-papers';
import { linkTitle } from './links';
import { CONFIDENT, REASONS, type MentionReason, type PaperMention } from './mention';
import { readPageMeta } from './page-meta';
import type { PageText } from './page-text';
import type { TitleMatch } from './title-scores';

/** What a page tells about itself: its own paper's metadata where it has one, else its title and headings. */
export interface PageInfo {
  url?: string;
  title?: string;
  description?: string;
  headings?: string[];
  /** The page's own paper (abstract page meta tags), when it is one. */
  paper?: { id?: string; title: string; abstract?: string; authors?: string[] };
}

/** A paper the page refers to, merged over all the places it is mentioned. */
export interface DetectedPaper {
  id: string;
  /** Why it is taken to be on the page, strongest first. */
  reasons: MentionReason[];
  /** 0..1, the most confident mention's confidence (only confident papers are reported). */
  confidence: number;
  /** Its title as the page gives it (metadata, a citation record, a link's text), when it does. */
  title?: string;
  /** The page is about this paper itself. */
  isPagePaper?: boolean;
}

/** What the popup learns about a tab. */
export interface TabScan {
  /** The confident papers' ids, the page's own first, then in page order. */
  ids: string[];
  /** The same papers with their reasons, confidence and page-given title. */
  papers: DetectedPaper[];
  page: PageInfo;
  /** How the scan was made: the one-off injected detector, or nothing possible (only the tab's URL was read). */
  via: 'injected' | 'none';
}

/** The background's answer to a page's text: confident title matches, and the ids whose title is the page's. */
export interface TitleMatchReply {
  matches: TitleMatch[];
  metaTitleIds: string[];
}

/** Asks the background for the cached titles in a page's text (the `matchTitles` message). */
export type MatchTitles = (text: PageText, metaTitle: string | undefined) => Promise<TitleMatchReply>;

/** The confident mentions merged per paper: reasons united, the best confidence, the first title the page gives. */
export function summarizeMentions(mentions: readonly PaperMention[]): DetectedPaper[] {
  const byId = new Map<string, DetectedPaper>();
  for (const m of mentions) {
    if (m.confidence < CONFIDENT) continue;
    let p = byId.get(m.id);
    if (!p) {
      p = { id: m.id, reasons: [], confidence: m.confidence };
      byId.set(m.id, p);
    }
    p.confidence = Math.max(p.confidence, m.confidence);
    for (const r of m.reasons) if (!p.reasons.includes(r)) p.reasons.push(r);
    if (p.title === undefined && m.title !== undefined) p.title = m.title;
    if (m.isPagePaper) p.isPagePaper = true;
  }
  for (const p of byId.values()) p.reasons.sort((a, b) => REASONS.indexOf(a) - REASONS.indexOf(b));
  return [...byId.values()];
}

/**
 * Scans a whole document (see the module comment): its mentions, then — when `matchTitles` is given — the cached
 * titles in its text. A failing `matchTitles` (the background asleep or updating) leaves the title part out. Never
 * throws for odd pages.
 */
export async function scanDocument(
  doc: Document,
  url: string | undefined,
  matchTitles?: MatchTitles,
): Promise<Omit<TabScan, 'via'>> {
  const scan = scanPage(doc, { ...(url ? { url } : {}), linkTitle });
  let mentions = scan.mentions;
  if (matchTitles) {
    try {
      const reply = await matchTitles(scan.text, scan.metaTitle?.title);
      mentions = scan.withTitles(reply.matches, reply.metaTitleIds);
    } catch {
      // No titles this time: ids and links still stand.
    }
  }
  // Papers found by an id in a citation record (BibTeX, RIS, CSL-JSON) are named by the record's title.
  for (const m of mentions) {
    if (m.title === undefined && m.reason === 'id in text' && m.range) {
      const title = recordTitleAround(m.range);
      if (title) m.title = title;
    }
  }
  const papers = summarizeMentions(mentions);
  const meta = readPageMeta(doc);
  const page: PageInfo = { headings: meta.headings };
  const pageUrl = url ?? doc.URL;
  if (/^https?:/.test(pageUrl)) page.url = pageUrl;
  const title = meta.title ?? doc.title;
  if (title) page.title = title;
  if (meta.abstract) page.description = meta.abstract;
  const own = papers.find((p) => p.isPagePaper);
  if (meta.title && (own || meta.abstract || meta.authors.length > 0)) {
    page.paper = {
      title: meta.title,
      ...(own ? { id: own.id } : {}),
      ...(meta.abstract ? { abstract: meta.abstract } : {}),
      ...(meta.authors.length > 0 ? { authors: meta.authors } : {}),
    };
  }
  return { ids: papers.map((p) => p.id), papers, page };
}
