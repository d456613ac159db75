import { describe, expect, it } from 'vitest';
import { FEED_LIMITS, parseEntry, parseFeed } from '../../../lib/feed/parse';
import { recordedFiles } from '../../helpers/recorded-feed';

/** A real 2025 entry (every field of the current schema), the base each case changes one thing of. */
const REAL = (() => {
  const file = recordedFiles().find((f) => f.name === 'days/2025-10-03.json')!;
  const entries = JSON.parse(file.text) as Record<string, unknown>[];
  return entries.find((e) => {
    const p = e.paper as Record<string, unknown>;
    return p.githubRepo && p.ai_summary && Array.isArray(p.ai_keywords) && p.organization;
  })!;
})();

const TODAY = '2026-08-07';
const options = { seenAt: 1, today: TODAY, listDate: '2025-10-03' };

type Entry = { paper: Record<string, unknown> } & Record<string, unknown>;
const withPaper = (patch: Record<string, unknown>): Entry => ({
  ...structuredClone(REAL),
  paper: { ...structuredClone(REAL.paper as Record<string, unknown>), ...patch },
});
const withTop = (patch: Record<string, unknown>): Entry => ({
  ...structuredClone(REAL),
  ...patch,
  paper: structuredClone(REAL.paper as Record<string, unknown>),
});
const long = (n: number) => 'x'.repeat(n);

describe('parseEntry: the values of a real entry', () => {
  it('are within every limit', () => {
    const r = parseEntry(REAL, options);
    if (!r.ok) throw new Error(r.reason);
    expect(r.paper.githubStars).toBeGreaterThanOrEqual(0);
  });
});

describe('parseEntry: limits on strings', () => {
  const L = FEED_LIMITS;
  it.each([
    ['title', withPaper({ title: long(L.title + 1) }), /^paper\.title: 1,001 characters, over the limit of 1,000$/],
    ['title of 5,000,000 characters', withPaper({ title: long(5_000_000) }), /paper\.title: 5,000,000 characters/],
    ['abstract', withPaper({ summary: long(L.abstract + 1) }), /paper\.summary: 20,001 characters/],
    ['top-level abstract', withTop({ summary: long(L.abstract + 1) }), /^summary: 20,001 characters/],
    ['AI summary', withPaper({ ai_summary: long(L.aiSummary + 1) }), /paper\.ai_summary: 10,001 characters/],
    [
      'an author name',
      withPaper({ authors: [{ name: 'Ada' }, { name: long(L.authorName + 1) }] }),
      /paper\.authors\.1\.name: 501 characters/,
    ],
    [
      'the number of authors',
      withPaper({ authors: Array.from({ length: L.authors + 1 }, () => ({ name: 'A' })) }),
      /paper\.authors: 5001 authors, over the limit of 5000/,
    ],
    [
      'the number of keywords',
      withPaper({ ai_keywords: Array.from({ length: L.keywords + 1 }, () => 'k') }),
      /paper\.ai_keywords: 201 keywords/,
    ],
    ['a keyword', withPaper({ ai_keywords: ['ok', long(L.keyword + 1)] }), /paper\.ai_keywords\.1: 201 characters/],
    ['the GitHub repo URL', withPaper({ githubRepo: long(L.url + 1) }), /paper\.githubRepo: 2,049 characters/],
    ['the project page URL', withPaper({ projectPage: long(L.url + 1) }), /paper\.projectPage: 2,049 characters/],
    ['the thumbnail URL', withTop({ thumbnail: long(L.url + 1) }), /^thumbnail: 2,049 characters/],
    [
      'the organization name',
      withPaper({ organization: { name: 'x', fullname: long(L.organization + 1) } }),
      /paper\.organization\.fullname: 501 characters/,
    ],
    ['the id', withPaper({ id: `2406.01234${long(60)}` }), /paper\.id: 70 characters, over the limit of 64/],
  ])('rejects an entry over the cap on %s, saying which', (_what, entry, reason) => {
    const r = parseEntry(entry, options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('accepts each string at exactly its cap', () => {
    const r = parseEntry(
      withPaper({
        title: long(L.title),
        summary: long(L.abstract),
        ai_summary: long(L.aiSummary),
        authors: [{ name: long(L.authorName) }],
        ai_keywords: [long(L.keyword)],
        githubRepo: long(L.url),
      }),
      options,
    );
    expect(r.ok).toBe(true);
  });

  it('names every broken limit of one entry', () => {
    const r = parseEntry(withPaper({ title: long(L.title + 1), summary: long(L.abstract + 1) }), options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.split('; ')).toHaveLength(2);
  });
});

describe('parseEntry: list and publication dates', () => {
  it.each([
    ['9999-12-31', /^list date: 9999-12-31 is not between 2023-01-01 and 2026-08-08$/],
    ['0000-01-01', /^list date: 0000-01-01 is not between 2023-01-01 and 2026-08-08$/],
    ['2022-12-31', /list date: 2022-12-31 is not between/],
    ['2026-08-09', /list date: 2026-08-09 is not between/],
  ])('rejects the list date %s', (day, reason) => {
    const r = parseEntry(withPaper({ submittedOnDailyAt: `${day}T00:00:00.000Z` }), options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it.each(['2023-01-01', '2026-08-07', '2026-08-08'])('accepts the list date %s (first day to tomorrow)', (day) => {
    const r = parseEntry(withPaper({ submittedOnDailyAt: `${day}T09:00:00.000Z` }), options);
    if (!r.ok) throw new Error(r.reason);
    expect(r.paper.listDate).toBe(day);
  });

  it('rejects a requested list date out of range as well (entries without submittedOnDailyAt)', () => {
    const { submittedOnDailyAt: _s, ...paper } = REAL.paper as Record<string, unknown>;
    const r = parseEntry({ ...REAL, paper }, { ...options, listDate: '9999-12-31' });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^list date: 9999-12-31/) });
  });

  it.each(['1970-01-01', '9999-12-31'])('rejects the arXiv publication date %s', (day) => {
    const r = parseEntry(withPaper({ publishedAt: `${day}T00:00:00.000Z` }), options);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(new RegExp(`^paper.publishedAt: ${day}`)) });
  });

  it('takes today from the clock when not given', () => {
    const r = parseEntry(withPaper({ submittedOnDailyAt: '9999-12-31T00:00:00.000Z' }), { seenAt: 1 });
    expect(r.ok).toBe(false);
  });
});

describe('parseEntry: counts', () => {
  it.each([
    ['"12"', '12', 12],
    ['" 7 "', ' 7 ', 7],
    ['12.0', 12.0, 12],
    ['0', 0, 0],
    ['the cap', FEED_LIMITS.upvotes, FEED_LIMITS.upvotes],
  ])('reads upvotes %s', (_what, upvotes, expected) => {
    const r = parseEntry(withPaper({ upvotes }), options);
    if (!r.ok) throw new Error(r.reason);
    expect(r.paper.upvotes).toBe(expected);
  });

  it.each([
    ['1e21', 1e21, /^paper\.upvotes: 1e\+21 is over the limit of 1,000,000$/],
    ['"1e21"', '1e21', /^paper\.upvotes: 1e\+21 is over the limit/],
    ['one over the cap', FEED_LIMITS.upvotes + 1, /paper\.upvotes: 1000001 is over the limit/],
    ['-5', -5, /^paper\.upvotes: negative \(-5\)$/],
    ['"-5"', '-5', /^paper\.upvotes: negative \(-5\)$/],
    ['2.5', 2.5, /^paper\.upvotes: not a whole number \(2\.5\)$/],
    ['"1e999" (Infinity)', '1e999', /^paper\.upvotes: not a finite number$/],
  ])('rejects upvotes %s with the reason', (_what, upvotes, reason) => {
    const r = parseEntry(withPaper({ upvotes }), options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it.each([
    ['numComments', withTop({ numComments: -1 }), /^numComments: negative/],
    ['numComments', withTop({ numComments: 1e9 }), /^numComments: 1000000000 is over the limit of 1,000,000/],
    ['githubStars', withPaper({ githubStars: 1e8 }), /^paper\.githubStars: 100000000 is over the limit of 10,000,000/],
    ['githubStars', withPaper({ githubStars: '12.5' }), /^paper\.githubStars: not a whole number/],
  ])('rejects an absurd %s', (_what, entry, reason) => {
    const r = parseEntry(entry, options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('reads numeric strings in every count', () => {
    const r = parseEntry({ ...withPaper({ upvotes: '3', githubStars: '4' }), numComments: '5' }, options);
    if (!r.ok) throw new Error(r.reason);
    expect([r.paper.upvotes, r.paper.githubStars, r.paper.comments]).toEqual([3, 4, 5]);
  });
});

describe('parseFeed: limits on a whole response', () => {
  it('rejects more entries than a response can hold, without reading them', () => {
    const body = Array.from({ length: FEED_LIMITS.entries + 1 }, () => ({}));
    const r = parseFeed(body, options);
    expect(r).toEqual({ ok: false, reason: '2,001 entries, more than the 2,000 a response can hold' });
  });

  it('rejects 5,000,000 invalid entries at once', () => {
    const body = `[${'0,'.repeat(4_999_999)}0]`;
    const r = parseFeed(body, options);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^5,000,000 entries/) });
  });

  it('rejects a body over the byte cap before parsing it', () => {
    const body = `[${' '.repeat(FEED_LIMITS.bodyBytes)}]`;
    expect(parseFeed(body, options)).toEqual({ ok: false, reason: 'response too large: over 16 MB' });
  });

  it('keeps the sensible entries of a response and names each rejected one', () => {
    const r = parseFeed(
      [REAL, withPaper({ id: '2510.00001', upvotes: -3 }), withPaper({ id: '2510.00002', title: long(2000) })],
      options,
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.papers).toHaveLength(1);
    expect(r.rejected).toEqual([
      { index: 1, id: '2510.00001', reason: 'paper.upvotes: negative (-3)' },
      { index: 2, id: '2510.00002', reason: 'paper.title: 2,000 characters, over the limit of 1,000' },
    ]);
  });
});
