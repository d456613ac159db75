/**
 * Turning a Daily Papers response into normalized `Paper` records.
 *
 * A response that is not JSON or not an array is rejected as a whole; inside an array each entry stands alone:
 * valid entries are kept and each invalid one is reported with its index and reason.
 */
import type { core } from 'zod/mini';
import { canonicalArxivId } from '../arxiv/id';
import { dayOfTimestamp } from './dates';
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
   * The list date the response answers (`?date=` of the request), used when an entry has no
   * `paper.submittedOnDailyAt`. Without it, such an entry's list date is the day of its top-level `publishedAt`.
   */
  listDate?: string;
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
  const t = s === undefined ? '' : normalizeWhitespace(s);
  return t === '' ? undefined : t;
}

/** Normalizes one raw entry, or says why it cannot be used. */
export function parseEntry(
  raw: unknown,
  options: ParseOptions,
): { ok: true; paper: Paper } | { ok: false; reason: string } {
  const parsed = EntrySchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map(describeIssue).join('; ') };
  }
  const entry = parsed.data;
  const p = entry.paper;
  const id = canonicalArxivId(p.id);
  if (!id) return { ok: false, reason: `paper.id: not an arXiv id (${JSON.stringify(p.id.slice(0, 40))})` };
  const listDate = listDateOf(entry, options.listDate);
  if (!listDate) return { ok: false, reason: 'no list date: neither paper.submittedOnDailyAt nor publishedAt' };
  const publishedDate = (p.publishedAt && dayOfTimestamp(p.publishedAt)) ?? listDate;
  const org = p.organization ?? entry.organization;
  const paper: Paper = {
    id,
    title: normalizeWhitespace(p.title),
    abstract: normalizeWhitespace(p.summary ?? entry.summary ?? ''),
    authors: p.authors.map((a) => normalizeWhitespace(a.name ?? '')).filter((n) => n !== ''),
    upvotes: Math.max(0, Math.trunc(p.upvotes ?? 0)),
    comments: Math.max(0, Math.trunc(entry.numComments ?? 0)),
    publishedDate,
    listDate,
    keywords: (p.ai_keywords ?? []).map(normalizeWhitespace).filter((k) => k !== ''),
    seenAt: options.seenAt,
  };
  const optional: Partial<Paper> = {
    aiSummary: optionalText(p.ai_summary),
    githubRepo: optionalText(p.githubRepo),
    githubStars: p.githubStars,
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
 * Returns `{ ok: false, reason }` when the body is not JSON or not an array. Otherwise every usable entry becomes a
 * `Paper` (a paper listed twice keeps its last occurrence) and every unusable one a `RejectedEntry`. Each paper of
 * the response gets `dayRank`, its rank by upvotes among the response's papers of the same list date.
 */
export function parseFeed(body: unknown, options: ParseOptions): FeedResult {
  let data = body;
  if (typeof body === 'string') {
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
  const byId = new Map<string, Paper>();
  const rejected: RejectedEntry[] = [];
  data.forEach((raw: unknown, index) => {
    const r = parseEntry(raw, options);
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
