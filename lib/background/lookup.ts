/**
 * The background's services over the database: lookups for content scripts and pages. Browser-free apart from
 * the database, so the same code answers messages in the service worker and in tests.
 */
import type { PaperRadarDB } from '../db/database';
import { getPapers, getTrending } from '../db/queries';
import { createTitleMatcher, type TitleEntry, type TitleMatcher } from '../detect/title-matcher';
import { toBadgeInfo, type BadgeInfo } from '../feed/summary';

/** The ids' badge data for those that are in the store; ids not in the feed are absent. */
export async function lookupPapers(db: PaperRadarDB, ids: readonly string[]): Promise<Record<string, BadgeInfo>> {
  const unique = [...new Set(ids)];
  const [papers, trending] = await Promise.all([getPapers(db, unique), getTrending(db)]);
  const trendRank = new Map(trending.ids.map((id, i) => [id, i + 1]));
  const out: Record<string, BadgeInfo> = {};
  papers.forEach((p) => {
    if (p) out[p.id] = toBadgeInfo(p, trendRank.get(p.id));
  });
  return out;
}

/**
 * Cached titles for matching page texts, built from the store on first use and dropped when the store changes.
 */
export class TitleService {
  private matcher: Promise<TitleMatcher> | undefined;

  constructor(private readonly loadTitles: () => Promise<TitleEntry[]>) {}

  /** Forget the matcher; the next `match` rebuilds it from the store. */
  invalidate(): void {
    this.matcher = undefined;
  }

  /** Ids of cached papers whose titles appear in `texts`, in order of first appearance. */
  async match(texts: readonly string[]): Promise<string[]> {
    this.matcher ??= this.loadTitles().then((entries) => createTitleMatcher(entries));
    const matcher = await this.matcher;
    if (texts.length === 0) return [];
    const ids = new Set<string>();
    for (const text of texts) for (const m of matcher.findInText(text)) m.ids.forEach((id) => ids.add(id));
    return [...ids];
  }
}
