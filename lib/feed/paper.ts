/** One paper as Paper Radar stores it: normalized from a Daily Papers entry, independent of the API's drift. */
export interface Paper {
  /** Canonical arXiv id, no version (`2406.01234`, `hep-th/9901001`). Primary key. */
  id: string;
  /** Title, whitespace collapsed. */
  title: string;
  /** Abstract, whitespace collapsed; empty when the feed carried none. */
  abstract: string;
  /** Author names in order; hidden authors are kept (the API flags, not removes, them). */
  authors: string[];
  /** Upvotes on Hugging Face when last seen. */
  upvotes: number;
  /** Comments on the Hugging Face discussion when last seen. */
  comments: number;
  /** The arXiv publication date, `YYYY-MM-DD`. */
  publishedDate: string;
  /** The Daily Papers list date, `YYYY-MM-DD` (see `listDateOf`). */
  listDate: string;
  /** Rank on its list date by upvotes, 1-based, among the papers of that date we hold. */
  dayRank?: number;
  /** Keywords the Hub extracted with a model (`paper.ai_keywords`); empty when absent. */
  keywords: string[];
  /** One-paragraph model summary (`paper.ai_summary`). */
  aiSummary?: string;
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
  thumbnail?: string;
  /** The organization's display name (`fullname`, else `name`). */
  organization?: string;
  /** Epoch ms when a sync last saw this paper in a response. */
  seenAt: number;
}

/** `seenAt` of papers that came from the bundled first-run snapshot and no sync has confirmed yet. */
export const SNAPSHOT_SEEN_AT = 0;
