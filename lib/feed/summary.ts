/**
 * What lists and badges show about a paper: a small summary of its stored record. This is the one place that maps
 * stored fields to a summary; search hits, related papers, trending lists and badges all go through `toSummary`.
 */
import type { Paper } from './paper';

/** The fields a summary is made from: a stored `Paper`, or the fields a search index stores for one. */
export type SummaryFields = Pick<Paper, 'id' | 'title' | 'upvotes' | 'listDate' | 'dayRank'>;

/** What a result list shows of a paper. */
export interface PaperSummary {
  /** Canonical arXiv id. */
  id: string;
  title: string;
  /** Upvotes on Hugging Face when last synced. */
  upvotes: number;
  /** The Daily Papers list date, `YYYY-MM-DD`. */
  listDate: string;
  /** Rank by upvotes on its list date, 1-based, when known. */
  dayRank?: number;
  /** 1-based rank in the current trending list, when the paper is on it. */
  trendingRank?: number;
}

/** What a badge shows about a paper in the feed: its summary, comments and the Hub's one-paragraph summary. */
export interface BadgeInfo extends PaperSummary {
  comments: number;
  aiSummary?: string;
  /** The user saved it (the badge's save toggle starts pressed). */
  saved?: boolean;
}

/** A paper in a result list (search results, related papers, trending): its summary, and why it is listed. */
export interface PaperHit extends PaperSummary {
  /** Why it is listed: at most three phrases it shares with the source, most telling first. */
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

/**
 * The summary of a paper from its stored fields; `trendingRank` is its 1-based place in the current trending list.
 * Absent optional fields stay absent (never `undefined`-valued keys), so summaries compare and serialize cleanly.
 */
export function toSummary(p: SummaryFields, trendingRank?: number): PaperSummary {
  const s: PaperSummary = { id: p.id, title: p.title, upvotes: p.upvotes, listDate: p.listDate };
  if (p.dayRank !== undefined) s.dayRank = p.dayRank;
  if (trendingRank !== undefined) s.trendingRank = trendingRank;
  return s;
}

/** The badge summary of a stored paper: `toSummary` plus comments and the AI summary. */
export function toBadgeInfo(p: Paper, trendingRank?: number): BadgeInfo {
  const info: BadgeInfo = { ...toSummary(p, trendingRank), comments: p.comments };
  if (p.aiSummary !== undefined) info.aiSummary = p.aiSummary;
  return info;
}
