/** What pages and badges show about a paper: a small summary of its stored record. */
import type { Paper } from './paper';

/** What a badge shows about a paper in the feed. */
export interface BadgeInfo {
  id: string;
  title: string;
  upvotes: number;
  comments: number;
  listDate: string;
  dayRank?: number;
  /** 1-based rank in the current trending list, when the paper is on it. */
  trendingRank?: number;
  aiSummary?: string;
}

/** A paper in a result list (search results, related papers, trending), as the background's search answers. */
export interface PaperHit {
  id: string;
  title: string;
  upvotes: number;
  listDate: string;
  dayRank?: number;
  /** 1-based rank in the current trending list, when on it. */
  trendingRank?: number;
  /** Why it is listed: the terms it shares with the query or the source paper, most telling first. */
  why?: string[];
}

/** A topic as a row shows it. */
export interface TopicRef {
  id: string;
  label: string;
}

/**
 * A paper in one of the reader's or the popup's lists (a day, week or month; "for you"; saved papers), with what the
 * user's own data says about it.
 */
export interface PaperRow extends PaperHit {
  authors: string[];
  organization?: string;
  /** The feed's one-paragraph AI summary (shown on demand). */
  aiSummary?: string;
  /** The derived topics it belongs to, best first. */
  topics?: TopicRef[];
  /** Labels of the followed keywords, patterns and topics it matches. */
  followed?: string[];
  saved?: boolean;
  /** "For you": the read paper it is most related to. */
  because?: { id: string; title: string };
}

/** The badge summary of a stored paper; `trendingRank` is its 1-based place in the current trending list. */
export function toBadgeInfo(p: Paper, trendingRank?: number): BadgeInfo {
  const info: BadgeInfo = {
    id: p.id,
    title: p.title,
    upvotes: p.upvotes,
    comments: p.comments,
    listDate: p.listDate,
  };
  if (p.dayRank !== undefined) info.dayRank = p.dayRank;
  if (trendingRank !== undefined) info.trendingRank = trendingRank;
  if (p.aiSummary !== undefined) info.aiSummary = p.aiSummary;
  return info;
}
