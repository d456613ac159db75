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
import { PeriodIndex } from '../feed/period-index';
import { MAX_PERIOD_PAGE, PERIOD_PAGE, periodRange, type Period } from '../feed/periods';
import type { PaperRow, TopicRef } from '../feed/summary';
import { checkFollow, compileFollows, followLabel, type FollowMatcher } from '../follow/match';
import { rankForYou, type ReadPaper } from '../for-you/rank';
import { relatedScores } from '../for-you/relatedness';
import type { HistoryEntry, HistoryVia } from '../db/database';
import { log } from '../log';
import type { RelatedIndex } from '../search/related-index';
import { analyze } from '../search/text';
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

/** One page of a period's papers, best first, and the list dates it spans. */
export interface PeriodReply {
  from: string;
  to: string;
  /** Place of the page's first row in the period's ranking (0 for the best paper). */
  offset: number;
  /** The page's rows, best first. */
  papers: PaperRow[];
  /** Papers of the period after the topic filter: every page together holds this many. */
  count: number;
  /** Papers of the period before the topic filter. */
  total: number;
}

/** Which page of a period, and of which topic. */
export interface PeriodQuery {
  /** A topic id: only that topic's papers. */
  topic?: string | undefined;
  /** Rows of the ranking to skip; 0 when absent. */
  offset?: number | undefined;
  /** Rows to answer, at most `MAX_PERIOD_PAGE`; `PERIOD_PAGE` when absent. */
  limit?: number | undefined;
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
  /** Topic id → the ids of its papers (the topic filter's index). */
  members: Map<string, Set<string>>;
  counts: Map<string, number>;
  /** Topic membership of any text (an arXiv listing entry). */
  scoreTerms: (terms: Iterable<string>) => string[];
}

/** What the background derives from the stored papers: the topics and the period ranking. */
interface StoreState extends TopicState {
  ranking: PeriodIndex;
}

export class PersonalService {
  private topicState: Promise<StoreState> | undefined;
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
   * A sync stored the papers of `dates` (it goes on; `storeChanged` follows at its end): their ranking and topics
   * are read again now, so period views and topic filters list them at once. Nothing is done before the first use
   * (which reads every paper).
   */
  async datesStored(dates: readonly string[]): Promise<void> {
    const before = this.topicState;
    if (dates.length === 0 || before === undefined) return;
    const run = before.then(async (state) => {
      const papers = (await Promise.all(dates.map((d) => listPapersByDate(this.deps.db, { from: d, to: d })))).flat();
      const gone = state.ranking.idsOn(dates);
      state.ranking.replaceDates(dates, papers);
      reassignTopics(state, gone, papers);
      for (const id of gone) this.followCache.delete(id);
      for (const p of papers) this.followCache.delete(p.id);
      return state;
    });
    this.topicState = run;
    try {
      await run;
    } catch (e) {
      // A failed read leaves the ranking to the full rebuild at the sync's end.
      personalLog.error('updating the period ranking failed', e);
      if (this.topicState === run) this.topicState = before;
    }
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

  /**
   * One page of the papers of `period` around `date`, best first (`comparePeriodRank`), optionally only those of
   * `topic`. The ranking and the topic filter come from memory (`PeriodIndex`, the topics' members); only the page's
   * papers are read from the database and annotated. Throws a `RangeError` for a malformed date.
   */
  async period(period: Period, date: string, query: PeriodQuery = {}): Promise<PeriodReply> {
    const range = periodRange(period, date);
    const offset = query.offset ?? 0;
    const limit = Math.min(query.limit ?? PERIOD_PAGE, MAX_PERIOD_PAGE);
    const state = await this.topics();
    const members = query.topic ? (state.members.get(query.topic) ?? new Set<string>()) : undefined;
    const page = state.ranking.page(range, offset, limit, members && ((id) => members.has(id)));
    // A paper deleted since the ranking was built (retention, before its rebuild) is left out.
    const papers = (await getPapers(this.deps.db, page.ids)).filter((p): p is Paper => p !== undefined);
    const rows = await this.annotate(papers);
    return { ...range, offset, papers: rows, count: page.count, total: page.total };
  }

  /** The items of `list` (papers, search results) that belong to `topic`, in their order. */
  async ofTopic<T extends { id: string }>(list: readonly T[], topic: string): Promise<T[]> {
    const members = (await this.topics()).members.get(topic);
    return members ? list.filter((p) => members.has(p.id)) : [];
  }

  /** Every topic with its followed state and size, largest first. */
  async topicList(): Promise<TopicInfo[]> {
    const [state, follows] = await Promise.all([this.topics(), this.followState()]);
    const followed = new Set(follows.list.filter((f) => f.kind === 'topic').map((f) => f.value));
    return state.topics
      .map((t) => ({ id: t.id, label: t.label, followed: followed.has(t.id), papers: state.counts.get(t.id) ?? 0 }))
      .sort((a, b) => b.papers - a.papers || a.label.localeCompare(b.label));
  }

  /** The topics and the period ranking, derived (or loaded) on first use. */
  topics(): Promise<StoreState> {
    this.topicState ??= this.loadTopics();
    return this.topicState;
  }

  private async loadTopics(): Promise<StoreState> {
    const stored = await getTopics(this.deps.db);
    if (stored.length === 0) return this.recomputeTopics();
    return deriveState(stored, await getAllPapers(this.deps.db));
  }

  /**
   * Derives the topics again from every stored paper, keeping ids, names and followed topics stable, and ranks
   * every paper within its list date again.
   */
  async recomputeTopics(): Promise<StoreState> {
    try {
      const { db } = this.deps;
      const [papers, previous, follows] = await Promise.all([getAllPapers(db), getTopics(db), listFollows(db)]);
      const followed = new Set(follows.filter((f) => f.kind === 'topic').map((f) => f.value));
      const next = reconcileTopics(previous, deriveTopics(papers), followed, this.deps.now());
      await replaceTopics(db, next);
      this.followCache.clear();
      return deriveState(next, papers);
    } catch (e) {
      personalLog.error('deriving topics failed', e);
      return deriveState([], []);
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
      // A keyword is matched by its words (case and endings ignored): one that differs only in those is the same.
      if (kind === 'keyword') {
        const words = analyze(value).join(' ');
        const same = (await this.followState()).list.find(
          (f) => f.kind === 'keyword' && f.value !== value && analyze(f.value).join(' ') === words,
        );
        if (same) return { ok: false, reason: `Already followed as “${same.value}” (the same words).` };
      }
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
  const state: TopicState = {
    topics: [...topics],
    byId: new Map(topics.map((t) => [t.id, t])),
    byPaper: new Map(),
    members: new Map(topics.map((t) => [t.id, new Set<string>()])),
    counts: new Map(),
    scoreTerms: (terms) => score(terms).map((i) => topics[i]!.id),
  };
  reassignTopics(state, [], papers);
  return state;
}

/**
 * Keeps `state`'s topic index in step with the store: the papers `gone` leave their topics, then `papers` (new or
 * changed) are assigned again. The topics themselves stay (they are derived again after the sync).
 */
export function reassignTopics(state: TopicState, gone: Iterable<string>, papers: readonly Paper[]): void {
  const leave = (id: string) => {
    for (const t of state.byPaper.get(id) ?? []) {
      state.members.get(t)?.delete(id);
      state.counts.set(t, (state.counts.get(t) ?? 1) - 1);
    }
    state.byPaper.delete(id);
  };
  for (const id of gone) leave(id);
  for (const p of papers) {
    leave(p.id);
    const ids = state.scoreTerms(paperTopicTerms(p));
    if (ids.length === 0) continue;
    state.byPaper.set(p.id, ids);
    for (const id of ids) {
      state.counts.set(id, (state.counts.get(id) ?? 0) + 1);
      state.members.get(id)?.add(p.id);
    }
  }
}

function deriveState(topics: readonly StoredTopic[], papers: readonly Paper[]): StoreState {
  return { ...assignTopics(topics, papers), ranking: new PeriodIndex(papers) };
}
