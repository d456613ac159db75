/**
 * The background's services over the database: lookups for content scripts and pages. Browser-free apart from
 * the database, so the same code answers messages in the service worker and in tests.
 */
import type { PaperRadarDB } from '../db/database';
import { getPapers, getTrending } from '../db/queries';
import { savedIds } from '../db/user-data';
import { CONFIDENT } from '../detect/mention';
import type { PageText } from '../detect/page-text';
import type { TitleMatchReply } from '../detect/scan-page';
import { createTitleIndex, TitleIndex, type TitleEntry } from '../detect/title-index';
import { toBadgeInfo, type BadgeInfo } from '../feed/summary';

/**
 * The ids' badge data for those that are in the store (`saved: true` on those the user saved, for the badges' save
 * toggle); ids not in the feed are absent.
 */
export async function lookupPapers(db: PaperRadarDB, ids: readonly string[]): Promise<Record<string, BadgeInfo>> {
  const unique = [...new Set(ids)];
  const [papers, trending] = await Promise.all([getPapers(db, unique), getTrending(db)]);
  const inFeed = papers.filter((p) => p !== undefined);
  const saved =
    inFeed.length > 0
      ? await savedIds(
          db,
          inFeed.map((p) => p.id),
        )
      : new Set<string>();
  const trendRank = new Map(trending.ids.map((id, i) => [id, i + 1]));
  const out: Record<string, BadgeInfo> = {};
  for (const p of inFeed) {
    const info = toBadgeInfo(p, trendRank.get(p.id));
    if (saved.has(p.id)) info.saved = true;
    out[p.id] = info;
  }
  return out;
}

/**
 * How long a title index may keep answering after a sync stored more list dates (`invalidate({ soon: true })`),
 * in ms: during a long first sync dates are stored every few seconds, and rebuilding the whole index for each
 * batch would cost a page that asks meanwhile one full build per batch. The newest dates' titles are then found
 * at most this late; the end of the sync invalidates at once.
 */
export const TITLES_STALE_MS = 15_000;

/**
 * Cached titles for matching pages' texts (`lib/detect/title-index.ts`), built from the store on first use and
 * dropped when the store changes.
 */
export class TitleService {
  private index: Promise<TitleIndex> | undefined;
  /** When the held index was asked to be built (ms, `now()`). */
  private builtAt = 0;
  /** Set by a soft invalidation: the held index misses papers stored since. */
  private stale = false;

  constructor(
    /** The matcher itself, or the entries to build it from. */
    private readonly loadTitles: () => Promise<TitleIndex | TitleEntry[]>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Forget the index; the next `match` rebuilds it from the store. With `soon` (more list dates stored while a
   * sync goes on) the held index keeps answering until it is `TITLES_STALE_MS` old, then the next `match` rebuilds.
   */
  invalidate(options: { soon?: boolean } = {}): void {
    if (options.soon && this.index) this.stale = true;
    else this.index = undefined;
  }

  /** Builds the index now if it is not built (warm-up), and returns how many titles it holds. */
  async warm(): Promise<number> {
    return (await this.get()).size;
  }

  /**
   * The confident title matches in a page's text (confidence ≥ `CONFIDENT`), and the ids of the cached papers whose
   * title is the page's metadata title.
   */
  async match(text: PageText, metaTitle?: string): Promise<TitleMatchReply> {
    const index = await this.get();
    return {
      matches: index.match(text, { minConfidence: CONFIDENT }),
      metaTitleIds: metaTitle === undefined ? [] : [...index.lookup(metaTitle)],
    };
  }

  private get(): Promise<TitleIndex> {
    if (this.stale && this.now() - this.builtAt >= TITLES_STALE_MS) this.index = undefined;
    if (!this.index) {
      this.stale = false;
      this.builtAt = this.now();
      this.index = this.loadTitles().then((loaded) =>
        loaded instanceof TitleIndex ? loaded : createTitleIndex(loaded),
      );
    }
    return this.index;
  }
}
