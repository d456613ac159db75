/** A topic as stored: the shape `lib/topics` derives and keeps stable, and `lib/db` persists. */

/** A topic term: a processed term (stem), how it is written, and its weight in the topic. */
export interface TopicTerm {
  term: string;
  label: string;
  weight: number;
}

/** A topic derived from the papers (see `lib/topics`), stored so its id and name stay stable across syncs. */
export interface StoredTopic {
  /** Stable id (`t1`, `t2`, …); never reused for another topic. */
  id: string;
  /** Its name: its top terms as written (`diffusion · image · editing`), fixed when the topic is first made. */
  label: string;
  /** The terms that define it, best first. */
  terms: TopicTerm[];
  /** Epoch ms of creation and of the last derivation that kept it. */
  createdAt: number;
  updatedAt: number;
}
