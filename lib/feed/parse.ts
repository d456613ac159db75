/**
 * Turning a Daily Papers response into normalized `Paper` records.
 *
 * A response that is not JSON or not an array is rejected as a whole; inside an array each entry stands alone:
 * valid entries are kept and each invalid one is reported with its index and reason.
 */
import type { core } from 'zod/mini';
import { canonicalArxivId } from '../arxiv/id';
import { addDays, dayOfTimestamp, toIsoDay } from './dates';
import type { Paper } from './paper';
import { EntrySchema, type Entry } from './schema';

/** An entry left out of a response, and why. */
export interface RejectedEntry {
  /** Position in the response array. */
  index: number;
  /** `paper.id` as sent, when there was a string one. */
  id?: string;
  reason: string;
}

export type FeedResult = { ok: true; papers: Paper[]; rejected: RejectedEntry[] } | { ok: false; reason: string };

export interface ParseOptions {
  /** Stamped on every paper as `seenAt` (epoch ms). */
  seenAt: number;
  /**
   * Today, `YYYY-MM-DD` (UTC): list and publication dates after the day after it are rejected (the Hub's day runs
   * ahead of UTC, never by more than a day). Default: the UTC day of `Date.now()`.
   */
  today?: string;
  /**
   * The list date the response answers (`?date=` of the request), used when an entry has no
   * `paper.submittedOnDailyAt`. Without it, such an entry's list date is the day of its top-level `publishedAt`.
   */
  listDate?: string;
}

/**
 * What a Daily Papers response must stay within to be believed. Each cap is 5–20× the largest value in the
 * recorded feed (`shared/data/feed`, 565 responses, 9,569 entries: longest title 175 characters, abstract 1,923, AI
 * summary 1,606, author name 55, 664 authors, 44 keywords of at most 73 characters, at most 250 upvotes, 10
 * comments and 79,408 GitHub stars, 50 entries and 297 KB per response), so a real entry never meets one, and a
 * broken or hostile feed cannot fill the store, the search index or a page with megabytes of one field.
 * String lengths are in UTF-16 code units as sent (before whitespace is collapsed).
 */
export const FEED_LIMITS = {
  /** `paper.id` as sent (the longest real one has 10 characters). */
  id: 64,
  title: 1_000,
  /** `paper.summary` (or the entry's `summary`): the abstract. */
  abstract: 20_000,
  aiSummary: 10_000,
  /** Authors per paper (collaboration papers list ~3,000). */
  authors: 5_000,
  authorName: 500,
  keywords: 200,
  keyword: 200,
  /** `githubRepo`, `projectPage`, `thumbnail`. */
  url: 2_048,
  organization: 500,
  upvotes: 1_000_000,
  comments: 1_000_000,
  githubStars: 10_000_000,
  /**
   * Entries in one response (a list date has had at most ~100 and the API pages by 50; the benchmarks serve up to
   * ~1,700 per date to build large stores).
   */
  entries: 2_000,
  /** Bytes of one response body (enforced while reading it, `lib/sync/http.ts`, and on a string body here). */
  bodyBytes: 16 * 1024 * 1024,
  /** Daily Papers began in May 2023: no list date is older than this. */
  firstListDate: '2023-01-01',
  /** arXiv opened in August 1991: no paper is older than this. */
  firstPublishedDate: '1991-08-01',
} as const;

/**
 * Unicode's explicit directional formatting characters (UAX #9, section 2: embeddings U+202A–U+202B, overrides
 * U+202D–U+202E, their terminator U+202C, isolates U+2066–U+2069). A feed string holding them could reorder how
 * the text around it reads (a title shown backwards, a "Trojan Source" style spoof); the implicit marks LRM/RLM
 * (U+200E, U+200F) and the bidirectional algorithm's own handling of Arabic or Hebrew titles are left alone.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * A feed text as stored: the explicit directional formatting characters (`BIDI_CONTROLS`) removed, then
 * whitespace collapsed (`normalizeWhitespace`).
 */
export function cleanText(s: string): string {
  return normalizeWhitespace(s.replace(BIDI_CONTROLS, ''));
}

/** Collapses every run of whitespace (including the feed's hard line breaks) to one space, and trims. */
export function normalizeWhitespace(s: string): string {
  // Only runs that are not already a single space are replaced: most of the text is left alone, which makes this
  // three times faster than replacing every `\s+` on the corpus (see BENCHMARKS.md).
  return s.replace(/[^\S ]\s*| \s+/g, ' ').trim();
}

/**
 * The Daily Papers list date of an entry, `YYYY-MM-DD`.
 *
 * `paper.submittedOnDailyAt` when present (it is the list date itself). Otherwise the date the response was asked
 * for, when known: before 2025 the top-level `publishedAt` is the moment the paper was put on the list, and 415 of
 * the 2,676 such recorded entries fall on the evening before the list that carries them (the Hub's day is not UTC).
 * Last, the day of the top-level `publishedAt`.
 */
export function listDateOf(entry: Entry, requested?: string): string | undefined {
  const submitted = entry.paper.submittedOnDailyAt && dayOfTimestamp(entry.paper.submittedOnDailyAt);
  if (submitted) return submitted;
  if (requested) return requested;
  return entry.publishedAt ? dayOfTimestamp(entry.publishedAt) : undefined;
}

function describeIssue(issue: core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join('.') : 'entry';
  if (issue.code === 'invalid_type') return `${path}: expected ${issue.expected}`;
  if (issue.code === 'too_small') return `${path}: empty`;
  return `${path}: ${issue.message}`;
}

function optionalText(s: string | undefined): string | undefined {
  const t = s === undefined ? '' : cleanText(s);
  return t === '' ? undefined : t;
}

/** The date bounds an entry is checked against, worked out once per response. */
interface DateBounds {
  /** The newest accepted date: the day after today. */
  latest: string;
}

function dateBounds(options: ParseOptions): DateBounds {
  return { latest: addDays(options.today ?? toIsoDay(Date.now()), 1) };
}

/**
 * A count (upvotes, comments, stars) from a number or a numeric string (`"12"` → 12); `undefined` when absent or
 * a string that is not a number at all (`"many"`: schema drift, dropped like any optional field of another type).
 * A number that is not a finite, non-negative whole number within `max` is an issue, said in words.
 */
function readCount(
  value: number | string | undefined,
  path: string,
  max: number,
  issues: string[],
): number | undefined {
  if (value === undefined) return undefined;
  let n = value;
  if (typeof n === 'string') {
    const t = n.trim();
    if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(t)) return undefined;
    n = Number(t);
  }
  if (!Number.isFinite(n)) issues.push(`${path}: not a finite number`);
  else if (!Number.isInteger(n)) issues.push(`${path}: not a whole number (${n})`);
  else if (n < 0) issues.push(`${path}: negative (${n})`);
  else if (n > max) issues.push(`${path}: ${n} is over the limit of ${max.toLocaleString('en-US')}`);
  else return n;
  return undefined;
}

/** Notes an issue when `s` is longer than `max`. */
function checkLength(s: string | undefined, path: string, max: number, issues: string[]): void {
  if (s !== undefined && s.length > max) {
    issues.push(
      `${path}: ${s.length.toLocaleString('en-US')} characters, over the limit of ${max.toLocaleString('en-US')}`,
    );
  }
}

/** Notes an issue when `day` is outside `[first, latest]`. */
function checkDay(day: string, path: string, first: string, latest: string, issues: string[]): void {
  if (day < first || day > latest) issues.push(`${path}: ${day} is not between ${first} and ${latest}`);
}

/** Every length cap of `FEED_LIMITS` an entry breaks, as issues. */
function checkLengths(entry: Entry, issues: string[]): void {
  const p = entry.paper;
  const L = FEED_LIMITS;
  checkLength(p.id, 'paper.id', L.id, issues);
  checkLength(p.title, 'paper.title', L.title, issues);
  checkLength(p.summary, 'paper.summary', L.abstract, issues);
  checkLength(entry.summary, 'summary', L.abstract, issues);
  checkLength(p.ai_summary, 'paper.ai_summary', L.aiSummary, issues);
  if (p.authors.length > L.authors)
    issues.push(`paper.authors: ${p.authors.length} authors, over the limit of ${L.authors}`);
  else {
    const long = p.authors.findIndex((a) => (a.name?.length ?? 0) > L.authorName);
    if (long >= 0) checkLength(p.authors[long]!.name, `paper.authors.${long}.name`, L.authorName, issues);
  }
  const keywords = p.ai_keywords ?? [];
  if (keywords.length > L.keywords)
    issues.push(`paper.ai_keywords: ${keywords.length} keywords, over the limit of ${L.keywords}`);
  else {
    const long = keywords.findIndex((k) => k.length > L.keyword);
    if (long >= 0) checkLength(keywords[long], `paper.ai_keywords.${long}`, L.keyword, issues);
  }
  checkLength(p.githubRepo, 'paper.githubRepo', L.url, issues);
  checkLength(p.projectPage, 'paper.projectPage', L.url, issues);
  checkLength(entry.thumbnail, 'thumbnail', L.url, issues);
  for (const [org, path] of [
    [p.organization, 'paper.organization'],
    [entry.organization, 'organization'],
  ] as const) {
    checkLength(org?.name, `${path}.name`, L.organization, issues);
    checkLength(org?.fullname, `${path}.fullname`, L.organization, issues);
  }
}

/**
 * Normalizes one raw entry, or says why it cannot be used: its shape (`EntrySchema`), its id, and whether its
 * values make sense (`FEED_LIMITS`: string lengths, counts, list and publication dates). Every broken limit is
 * named in the reason, `; `-separated.
 */
export function parseEntry(
  raw: unknown,
  options: ParseOptions,
): { ok: true; paper: Paper } | { ok: false; reason: string } {
  return parseEntryWithin(raw, options, dateBounds(options));
}

function parseEntryWithin(
  raw: unknown,
  options: ParseOptions,
  bounds: DateBounds,
): { ok: true; paper: Paper } | { ok: false; reason: string } {
  const parsed = EntrySchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map(describeIssue).join('; ') };
  }
  const entry = parsed.data;
  const p = entry.paper;
  const issues: string[] = [];
  checkLengths(entry, issues);
  if (issues.length > 0) return { ok: false, reason: issues.join('; ') };
  const title = cleanText(p.title);
  if (title === '') return { ok: false, reason: 'paper.title: empty' };
  const id = canonicalArxivId(p.id);
  if (!id) return { ok: false, reason: `paper.id: not an arXiv id (${JSON.stringify(p.id.slice(0, 40))})` };
  const listDate = listDateOf(entry, options.listDate);
  if (!listDate) return { ok: false, reason: 'no list date: neither paper.submittedOnDailyAt nor publishedAt' };
  checkDay(listDate, 'list date', FEED_LIMITS.firstListDate, bounds.latest, issues);
  const publishedDate = (p.publishedAt && dayOfTimestamp(p.publishedAt)) ?? listDate;
  checkDay(publishedDate, 'paper.publishedAt', FEED_LIMITS.firstPublishedDate, bounds.latest, issues);
  const upvotes = readCount(p.upvotes, 'paper.upvotes', FEED_LIMITS.upvotes, issues);
  const comments = readCount(entry.numComments, 'numComments', FEED_LIMITS.comments, issues);
  const githubStars = readCount(p.githubStars, 'paper.githubStars', FEED_LIMITS.githubStars, issues);
  if (issues.length > 0) return { ok: false, reason: issues.join('; ') };
  const org = p.organization ?? entry.organization;
  const paper: Paper = {
    id,
    title,
    abstract: cleanText(p.summary ?? entry.summary ?? ''),
    authors: p.authors.map((a) => cleanText(a.name ?? '')).filter((n) => n !== ''),
    upvotes: upvotes ?? 0,
    comments: comments ?? 0,
    publishedDate,
    listDate,
    keywords: (p.ai_keywords ?? []).map(cleanText).filter((k) => k !== ''),
    seenAt: options.seenAt,
  };
  const optional: Partial<Paper> = {
    aiSummary: optionalText(p.ai_summary),
    githubRepo: optionalText(p.githubRepo),
    githubStars,
    projectPage: optionalText(p.projectPage),
    thumbnail: optionalText(entry.thumbnail),
    organization: optionalText(org?.fullname ?? org?.name),
  };
  for (const [k, v] of Object.entries(optional)) {
    if (v !== undefined) (paper as unknown as Record<string, unknown>)[k] = v;
  }
  return { ok: true, paper };
}

/**
 * Parses a whole response body (the text, or JSON already decoded).
 *
 * Returns `{ ok: false, reason }` when the body is not JSON, not an array, longer than `FEED_LIMITS.bodyBytes`
 * (a string body; counted as UTF-16 code units, a lower bound of its bytes) or has more than
 * `FEED_LIMITS.entries` entries: such a response is broken or hostile as a whole, and reading it entry by entry
 * would only cost time. Otherwise every usable entry becomes a
 * `Paper` (a paper listed twice keeps its last occurrence) and every unusable one a `RejectedEntry`. Each paper of
 * the response gets `dayRank`, its rank by upvotes among the response's papers of the same list date.
 */
export function parseFeed(body: unknown, options: ParseOptions): FeedResult {
  let data = body;
  if (typeof body === 'string') {
    if (body.length > FEED_LIMITS.bodyBytes) {
      return { ok: false, reason: `response too large: over ${FEED_LIMITS.bodyBytes / 1024 / 1024} MB` };
    }
    try {
      data = JSON.parse(body);
    } catch (e) {
      return { ok: false, reason: `not JSON: ${(e as Error).message}` };
    }
  }
  if (!Array.isArray(data)) {
    const shape = data === null ? 'null' : typeof data;
    return { ok: false, reason: `expected a JSON array of entries, got ${shape}` };
  }
  if (data.length > FEED_LIMITS.entries) {
    return {
      ok: false,
      reason: `${data.length.toLocaleString('en-US')} entries, more than the ${FEED_LIMITS.entries.toLocaleString('en-US')} a response can hold`,
    };
  }
  const bounds = dateBounds(options);
  const byId = new Map<string, Paper>();
  const rejected: RejectedEntry[] = [];
  data.forEach((raw: unknown, index) => {
    const r = parseEntryWithin(raw, options, bounds);
    if (r.ok) {
      byId.delete(r.paper.id);
      byId.set(r.paper.id, r.paper);
    } else {
      const id = (raw as { paper?: { id?: unknown } } | null)?.paper?.id;
      rejected.push({ index, reason: r.reason, ...(typeof id === 'string' ? { id } : {}) });
    }
  });
  const papers = [...byId.values()];
  assignDayRanks(papers);
  return { ok: true, papers, rejected };
}

/**
 * Sets `dayRank` on each paper: 1 for the most upvoted of its list date, ties broken by id for stability.
 * Mutates and returns `papers`.
 */
export function assignDayRanks(papers: Paper[]): Paper[] {
  const byDay = new Map<string, Paper[]>();
  for (const p of papers) {
    const list = byDay.get(p.listDate);
    if (list) list.push(p);
    else byDay.set(p.listDate, [p]);
  }
  for (const list of byDay.values()) {
    list.sort((a, b) => b.upvotes - a.upvotes || a.id.localeCompare(b.id));
    list.forEach((p, i) => (p.dayRank = i + 1));
  }
  return papers;
}
