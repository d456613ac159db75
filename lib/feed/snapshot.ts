/**
 * The bundled first-run snapshot (`public/snapshot.json`): recent real papers so the extension is useful before
 * its first sync. Built by `npm run snapshot` from the recorded feed; read by the background on install.
 */
import * as z from 'zod/mini';
import { SNAPSHOT_SEEN_AT, type Paper } from './paper';

export const SNAPSHOT_VERSION = 1;

/** One paper as the snapshot keeps it: a `Paper` without `seenAt` and the thumbnail URL. */
export type SnapshotPaper = Omit<Paper, 'seenAt' | 'thumbnail'>;

export interface Snapshot {
  version: typeof SNAPSHOT_VERSION;
  /** The list dates it covers, newest first. */
  days: string[];
  papers: SnapshotPaper[];
}

const SnapshotPaperSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  title: z.string().check(z.minLength(1)),
  abstract: z.string(),
  authors: z.array(z.string()),
  upvotes: z.number(),
  comments: z.number(),
  publishedDate: z.string(),
  listDate: z.string(),
  dayRank: z.optional(z.number()),
  keywords: z.array(z.string()),
  aiSummary: z.optional(z.string()),
  githubRepo: z.optional(z.string()),
  githubStars: z.optional(z.number()),
  projectPage: z.optional(z.string()),
  organization: z.optional(z.string()),
});

const SnapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  days: z.array(z.string()),
  papers: z.array(SnapshotPaperSchema),
});

/** Makes a snapshot of `papers` (their `seenAt` and thumbnails dropped), newest list date first. */
export function toSnapshot(papers: readonly Paper[]): Snapshot {
  const sorted = [...papers].sort(
    (a, b) =>
      b.listDate.localeCompare(a.listDate) || (a.dayRank ?? 1e9) - (b.dayRank ?? 1e9) || a.id.localeCompare(b.id),
  );
  const days = [...new Set(sorted.map((p) => p.listDate))];
  return {
    version: SNAPSHOT_VERSION,
    days,
    papers: sorted.map(({ seenAt: _s, thumbnail: _t, ...rest }) => rest),
  };
}

/**
 * The papers of a snapshot file's parsed JSON, marked as unconfirmed (`seenAt = SNAPSHOT_SEEN_AT`), or a reason it
 * cannot be used.
 */
export function readSnapshot(data: unknown): { ok: true; papers: Paper[] } | { ok: false; reason: string } {
  const parsed = SnapshotSchema.safeParse(data);
  if (!parsed.success)
    return { ok: false, reason: `paper-radar: bad snapshot (${parsed.error.issues[0]?.path.join('.') ?? ''})` };
  return { ok: true, papers: parsed.data.papers.map((p) => ({ ...(p as SnapshotPaper), seenAt: SNAPSHOT_SEEN_AT })) };
}
