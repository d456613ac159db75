/**
 * The background's services over the user's own data: the local reading history, "for you", saved papers, follows,
 * the derived topics and the period views (day, week, month) that show them. Browser-free but for the database;
 * the entrypoint answers the protocol with these methods.
 */
import type { Follow, PaperRadarDB, SavedPaper, StoredTopic } from '../db/database';
import { getAllPapers, getPapers, getTrending, latestListDate, listPapersByDate } from '../db/queries';
import {
  addFollow,
  clearHistory,
  deleteHistoryEntries,
  getTopics,
  listFollows,
  listHistory,
  listSaved,
  recordVisit,
  removeFollow,
  replaceTopics,
  restoreHistory,
  savedIds,
  savePaper,
  unsavePapers,
} from '../db/user-data';
import { addDays } from '../feed/dates';
import type { Paper } from '../feed/paper';
import { periodRange, rankPeriod, type Period } from '../feed/periods';
import type { PaperRow, TopicRef } from '../feed/summary';
import { checkFollow, compileFollows, followLabel, type FollowMatcher } from '../follow/match';
import { rankForYou, type ReadPaper } from '../for-you/rank';
import { relatedScores } from '../for-you/relatedness';
import type { HistoryEntry, HistoryVia } from '../db/database';
import { log } from '../log';
import type { RelatedIndex } from '../search/related-index';
import type { Settings } from '../settings/settings';
import { deriveTopics, paperTopicTerms, topicScorer, topicTermsOf } from '../topics/derive';
import { reconcileTopics } from '../topics/stable';

/** "For you" draws from the papers listed in this many days up to the newest list date (and the trending list). */
export const FOR_YOU_WINDOW_DAYS = 30;

/** Reads of the history "for you" relates to, newest first. */
export const FOR_YOU_READS = 20;

const personalLog = log.child('personal');

/** "For you": recommendations best first, and how many papers the history holds (0: the list is trending alone). */
export interface ForYouReply {
  hits: PaperRow[];
  historySize: number;
  paused: boolean;
}

/** A period's papers, best first, and the list dates it spans. */
export interface PeriodReply {
  from: string;
  to: string;
  papers: PaperRow[];
  /** Papers of the period before the topic filter. */
  total: number;
}

/** A derived topic, whether it is followed, and how many cached papers it covers. */
export interface TopicInfo extends TopicRef {
  followed: boolean;
  papers: number;
}

/** A follow as the pages list it. */
export interface FollowInfo {
  id: string;
  kind: 'keyword' | 'regex' | 'topic';
  value: string;
  /** How it is shown: the words, `/pattern/`, or the topic's name. */
  label: string;
}

/** A saved paper and, when the feed still holds it, its feed data. */
export interface SavedRow extends SavedPaper {
  row?: PaperRow;
}

export interface PersonalDeps {
  db: PaperRadarDB;
  /** The search index (the background's SearchService). */
  index: () => Promise<RelatedIndex>;
  settings: () => Promise<Settings>;
  now: () => number;
}

interface TopicState {
  topics: StoredTopic[];
  byId: Map<string, StoredTopic>;
  /** Paper id → topic ids, best first. */
  byPaper: Map<string, string[]>;
  counts: Map<string, number>;
  /** Topic membership of any text (an arXiv listing entry). */
  scoreTerms: (terms: Iterable<string>) => string[];
}

export class PersonalService {
  private topicState: Promise<TopicState> | undefined;
  private follows: Promise<{ list: Follow[]; matcher: FollowMatcher }> | undefined;
  /** Follow labels per paper id, for the current follows and store. */
  private followCache = new Map<string, string[]>();
  private forYouCache: { key: string; reply: Promise<ForYouReply> } | undefined;
  private pool: { version: number; papers: Promise<Map<string, Paper>> } | undefined;
  private historyVersion = 0;
  private storeVersion = 0;

  constructor(private readonly deps: PersonalDeps) {}

  /** The store changed (a sync, retention, the snapshot): topics are derived again and caches dropped. */
  async storeChanged(): Promise<void> {
    this.storeVersion++;
    this.followCache.clear();
    this.forYouCache = undefined;
    const run = this.recomputeTopics();
    this.topicState = run;
    await run;
  }

  /**
   * An import changed the history, saved papers or follows: drop what was derived from them (saved papers are read
   * fresh on each request, so nothing is cached for them).
   */
  userDataImported(store: 'history' | 'saved' | 'follows'): void {
    if (store === 'history') this.historyChanged();
    if (store === 'follows') this.followsChanged();
  }

  // --- history -------------------------------------------------------------------------------------------------

  /** Records a visit unless the history is paused. The page's abstract is kept only for papers the feed lacks. */
  async visit(v: {
    id: string;
    title?: string | undefined;
    abstract?: string | undefined;
    primaryClass?: string | undefined;
    via: HistoryVia;
  }): Promise<{ recorded: boolean }> {
    if ((await this.deps.settings()).historyPaused) return { recorded: false };
    const [stored] = await getPapers(this.deps.db, [v.id]);
    await recordVisit(
      this.deps.db,
      { id: v.id, title: stored?.title ?? v.title, abstract: stored ? undefined : v.abstract, via: v.via },
      this.deps.now(),
    );
    if (v.primaryClass) {
      const [saved] = await this.deps.db.saved.bulkGet([v.id]);
      if (saved && !saved.primaryClass) await savePaper(this.deps.db, { ...saved, primaryClass: v.primaryClass });
    }
    this.historyChanged();
    return { recorded: true };
  }

  history(limit?: number): Promise<HistoryEntry[]> {
    return listHistory(this.deps.db, limit);
  }

  async deleteHistory(ids: readonly string[]): Promise<HistoryEntry[]> {
    const gone = await deleteHistoryEntries(this.deps.db, ids);
    this.historyChanged();
    return gone;
  }

  async clearHistory(): Promise<HistoryEntry[]> {
    const gone = await clearHistory(this.deps.db);
    this.historyChanged();
    return gone;
  }

  async restoreHistory(entries: readonly HistoryEntry[]): Promise<void> {
    await restoreHistory(this.deps.db, entries);
    this.historyChanged();
  }

  private historyChanged(): void {
    this.historyVersion++;
    this.forYouCache = undefined;
  }

  // --- for you -------------------------------------------------------------------------------------------------

  /** Recommendations from the history (see `rankForYou`); with an empty history, the pool's most upvoted. */
  async forYou(limit = 20): Promise<ForYouReply> {
    const key = `${this.historyVersion}:${this.storeVersion}:${limit}`;
    if (this.forYouCache?.key !== key) {
      const reply = this.computeForYou(limit);
      this.forYouCache = { key, reply };
      reply.catch(() => {
        if (this.forYouCache?.reply === reply) this.forYouCache = undefined;
      });
    }
    return this.forYouCache.reply;
  }

  private async computeForYou(limit: number): Promise<ForYouReply> {
    const { db } = this.deps;
    const [history, pool, settings] = await Promise.all([
      listHistory(db, FOR_YOU_READS),
      this.forYouPool(),
      this.deps.settings(),
    ]);
    const stored = await getPapers(
      db,
      history.map((h) => h.id),
    );
    const reads: ReadPaper[] = [];
    history.forEach((h, i) => {
      const p = stored[i];
      const read: ReadPaper = p
        ? { id: h.id, title: p.title, abstract: p.abstract, keywords: p.keywords, lastAt: h.lastAt }
        : { id: h.id, title: h.title, lastAt: h.lastAt, ...(h.abstract ? { abstract: h.abstract } : {}) };
      if (read.title.trim() !== '') reads.push(read);
    });
    const index = reads.length > 0 ? await this.deps.index() : undefined;
    const hits = rankForYou(
      reads,
      pool,
      (source, n) => (index ? relatedScores(index, source, n, (id) => pool.get(id)) : []),
      { limit },
    );
    const rows = await this.annotate(hits.map((h) => pool.get(h.id)!));
    rows.forEach((row, i) => {
      const h = hits[i]!;
      if (h.because) row.because = h.because;
      if (h.why) row.why = h.why;
    });
    return { hits: rows, historySize: history.length, paused: settings.historyPaused };
  }

  /**
   * The candidate pool: papers listed in the `FOR_YOU_WINDOW_DAYS` up to the newest list date, and the trending list
   * (read once per store version).
   */
  forYouPool(): Promise<Map<string, Paper>> {
    if (this.pool?.version !== this.storeVersion) {
      const papers = this.readPool();
      this.pool = { version: this.storeVersion, papers };
      papers.catch(() => {
        if (this.pool?.papers === papers) this.pool = undefined;
      });
    }
    return this.pool.papers;
  }

  private async readPool(): Promise<Map<string, Paper>> {
    const { db } = this.deps;
    const newest = await latestListDate(db);
    if (!newest) return new Map();
    const recent = await listPapersByDate(db, { from: addDays(newest, -(FOR_YOU_WINDOW_DAYS - 1)) });
    const trending = await getTrending(db);
    const pool = new Map(recent.map((p) => [p.id, p]));
    const missing = trending.ids.filter((id) => !pool.has(id));
    for (const p of await getPapers(db, missing)) if (p) pool.set(p.id, p);
    return pool;
  }

  // --- periods and topics --------------------------------------------------------------------------------------

  /** The papers of `period` around `date`, best first (`rankPeriod`), optionally only those of `topic`. */
  async period(period: Period, date: string, topic?: string, limit?: number): Promise<PeriodReply> {
    const range = periodRange(period, date);
    const papers = await listPapersByDate(this.deps.db, range);
    const chosen = topic ? await this.ofTopic(papers, topic) : papers;
    const ranked = rankPeriod(chosen);
    const rows = await this.annotate(limit === undefined ? ranked : ranked.slice(0, limit));
    return { ...range, papers: rows, total: papers.length };
  }

  /** The items of `list` (papers, search results) that belong to `topic`, in their order. */
  async ofTopic<T extends { id: string }>(list: readonly T[], topic: string): Promise<T[]> {
    const state = await this.topics();
    return list.filter((p) => state.byPaper.get(p.id)?.includes(topic));
  }

  /** Every topic with its followed state and size, largest first. */
  async topicList(): Promise<TopicInfo[]> {
    const [state, follows] = await Promise.all([this.topics(), this.followState()]);
    const followed = new Set(follows.list.filter((f) => f.kind === 'topic').map((f) => f.value));
    return state.topics
      .map((t) => ({ id: t.id, label: t.label, followed: followed.has(t.id), papers: state.counts.get(t.id) ?? 0 }))
      .sort((a, b) => b.papers - a.papers || a.label.localeCompare(b.label));
  }

  /** The topics, derived (or loaded) on first use. */
  topics(): Promise<TopicState> {
    this.topicState ??= this.loadTopics();
    return this.topicState;
  }

  private async loadTopics(): Promise<TopicState> {
    const stored = await getTopics(this.deps.db);
    if (stored.length === 0) return this.recomputeTopics();
    return assignTopics(stored, await getAllPapers(this.deps.db));
  }

  /** Derives the topics again from every stored paper, keeping ids, names and followed topics stable. */
  async recomputeTopics(): Promise<TopicState> {
    try {
      const { db } = this.deps;
      const [papers, previous, follows] = await Promise.all([getAllPapers(db), getTopics(db), listFollows(db)]);
      const followed = new Set(follows.filter((f) => f.kind === 'topic').map((f) => f.value));
      const next = reconcileTopics(previous, deriveTopics(papers), followed, this.deps.now());
      await replaceTopics(db, next);
      this.followCache.clear();
      return assignTopics(next, papers);
    } catch (e) {
      personalLog.error('deriving topics failed', e);
      return assignTopics([], []);
    }
  }

  // --- follows -------------------------------------------------------------------------------------------------

  private followState(): Promise<{ list: Follow[]; matcher: FollowMatcher }> {
    this.follows ??= listFollows(this.deps.db).then((list) => ({
      list,
      matcher: compileFollows(
        list.flatMap((f) => (f.kind === 'topic' ? [] : [{ id: f.id, kind: f.kind, value: f.value }])),
      ),
    }));
    return this.follows;
  }

  async followList(): Promise<FollowInfo[]> {
    const [{ list }, state] = await Promise.all([this.followState(), this.topics()]);
    return list.map((f) => toFollowInfo(f, state.byId));
  }

  /** Follows a keyword, pattern or topic; an invalid one is refused with a sentence saying why. */
  async follow(
    kind: Follow['kind'],
    raw: string,
  ): Promise<{ ok: true; follow: FollowInfo } | { ok: false; reason: string }> {
    let value: string;
    const state = await this.topics();
    if (kind === 'topic') {
      if (!state.byId.has(raw)) return { ok: false, reason: 'No such topic.' };
      value = raw;
    } else {
      const checked = checkFollow(kind, raw);
      if (!checked.ok) return checked;
      value = checked.value;
    }
    const follow: Follow = { id: `${kind}:${value}`, kind, value, createdAt: this.deps.now() };
    await addFollow(this.deps.db, follow);
    this.followsChanged();
    return { ok: true, follow: toFollowInfo(follow, state.byId) };
  }

  async unfollow(id: string): Promise<void> {
    await removeFollow(this.deps.db, id);
    this.followsChanged();
  }

  private followsChanged(): void {
    this.follows = undefined;
    this.followCache.clear();
    this.forYouCache = undefined;
  }

  /** Labels of the follows each text matches (an arXiv listing's entries), and whether to dim the others. */
  async matchFollows(entries: readonly { id: string; text: string }[]): Promise<{
    marks: Record<string, string[]>;
    dim: boolean;
  }> {
    const [{ list, matcher }, state, settings] = await Promise.all([
      this.followState(),
      this.topics(),
      this.deps.settings(),
    ]);
    const marks: Record<string, string[]> = {};
    if (list.length === 0) return { marks, dim: false };
    const labels = new Map(list.map((f) => [f.id, toFollowInfo(f, state.byId).label]));
    const topicFollows = new Map(list.filter((f) => f.kind === 'topic').map((f) => [f.value, f.id]));
    for (const e of entries) {
      const ids = matcher.match({ text: e.text });
      if (topicFollows.size > 0) {
        const terms = [...topicTermsOf({ title: e.text, keywords: [] }).keys()];
        for (const t of state.scoreTerms(terms)) {
          const f = topicFollows.get(t);
          if (f) ids.push(f);
        }
      }
      if (ids.length > 0) marks[e.id] = [...new Set(ids)].map((id) => labels.get(id)!);
    }
    return { marks, dim: settings.dimUnfollowed };
  }

  /** Labels of the follows `p` matches (cached until the follows or the store change). */
  private async followedLabels(papers: readonly Paper[]): Promise<string[][]> {
    const [{ list, matcher }, state] = await Promise.all([this.followState(), this.topics()]);
    if (list.length === 0) return papers.map(() => []);
    const labels = new Map(list.map((f) => [f.id, toFollowInfo(f, state.byId).label]));
    const topicFollows = new Map(list.filter((f) => f.kind === 'topic').map((f) => [f.value, f.id]));
    return papers.map((p) => {
      let out = this.followCache.get(p.id);
      if (!out) {
        const ids = matcher.match(p);
        for (const t of state.byPaper.get(p.id) ?? []) {
          const f = topicFollows.get(t);
          if (f) ids.push(f);
        }
        out = ids.map((id) => labels.get(id)!);
        this.followCache.set(p.id, out);
      }
      return out;
    });
  }

  // --- saved ---------------------------------------------------------------------------------------------------

  /** Saves a paper: its data from the store, else from the request (a page the feed does not hold). */
  async save(req: {
    id: string;
    title?: string | undefined;
    authors?: string[] | undefined;
    publishedDate?: string | undefined;
    primaryClass?: string | undefined;
  }): Promise<SavedPaper | null> {
    const [p] = await getPapers(this.deps.db, [req.id]);
    const title = p?.title ?? req.title?.trim();
    if (!title) return null;
    const saved: SavedPaper = { id: req.id, savedAt: this.deps.now(), title, authors: p?.authors ?? req.authors ?? [] };
    const published = p?.publishedDate || req.publishedDate;
    if (published) saved.publishedDate = published;
    if (req.primaryClass) saved.primaryClass = req.primaryClass;
    return savePaper(this.deps.db, saved);
  }

  async unsave(ids: readonly string[]): Promise<void> {
    await unsavePapers(this.deps.db, ids);
  }

  /** The saved papers, newest first, each with its feed row when the feed still holds it. */
  async saved(): Promise<SavedRow[]> {
    const list = await listSaved(this.deps.db);
    const papers = await getPapers(
      this.deps.db,
      list.map((s) => s.id),
    );
    const present = papers.filter((p): p is Paper => p !== undefined);
    const rows = new Map((await this.annotate(present)).map((r) => [r.id, r]));
    return list.map((s) => {
      const row = rows.get(s.id);
      return row ? { ...s, row } : s;
    });
  }

  // --- rows ----------------------------------------------------------------------------------------------------

  /** The rows of `papers`: summary, topics, follows matched, saved state and trending rank. */
  async annotate(papers: readonly Paper[]): Promise<PaperRow[]> {
    const [state, followed, saved, trending] = await Promise.all([
      this.topics(),
      this.followedLabels(papers),
      savedIds(
        this.deps.db,
        papers.map((p) => p.id),
      ),
      getTrending(this.deps.db),
    ]);
    const trendRank = new Map(trending.ids.map((id, i) => [id, i + 1]));
    return papers.map((p, i) => {
      const row: PaperRow = {
        id: p.id,
        title: p.title,
        upvotes: p.upvotes,
        listDate: p.listDate,
        authors: p.authors,
      };
      if (p.dayRank !== undefined) row.dayRank = p.dayRank;
      const tr = trendRank.get(p.id);
      if (tr !== undefined) row.trendingRank = tr;
      if (p.organization) row.organization = p.organization;
      if (p.aiSummary) row.aiSummary = p.aiSummary;
      const topics = (state.byPaper.get(p.id) ?? [])
        .map((id) => state.byId.get(id))
        .filter((t): t is StoredTopic => t !== undefined)
        .map((t): TopicRef => ({ id: t.id, label: t.label }));
      if (topics.length > 0) row.topics = topics;
      if (followed[i]!.length > 0) row.followed = followed[i]!;
      if (saved.has(p.id)) row.saved = true;
      return row;
    });
  }
}

function toFollowInfo(f: Follow, topics: ReadonlyMap<string, StoredTopic>): FollowInfo {
  const label =
    f.kind === 'topic'
      ? (topics.get(f.value)?.label ?? 'a topic no longer derived')
      : followLabel({ kind: f.kind, value: f.value });
  return { id: f.id, kind: f.kind, value: f.value, label };
}

/** Which papers belong to which of `topics` (`topicScorer` over each paper's AI keywords and title). */
export function assignTopics(topics: readonly StoredTopic[], papers: readonly Paper[]): TopicState {
  const score = topicScorer(topics.map((t) => t.terms));
  const byPaper = new Map<string, string[]>();
  const counts = new Map<string, number>();
  for (const p of papers) {
    const ids = score(paperTopicTerms(p)).map((i) => topics[i]!.id);
    if (ids.length === 0) continue;
    byPaper.set(p.id, ids);
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return {
    topics: [...topics],
    byId: new Map(topics.map((t) => [t.id, t])),
    byPaper,
    counts,
    scoreTerms: (terms) => score(terms).map((i) => topics[i]!.id),
  };
}
