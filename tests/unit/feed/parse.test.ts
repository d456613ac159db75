import { describe, expect, it } from 'vitest';
import { canonicalArxivId } from '../../../lib/arxiv/id';
import { listDateOf, normalizeWhitespace, parseEntry, parseFeed } from '../../../lib/feed/parse';
import { EntrySchema } from '../../../lib/feed/schema';
import { recordedFiles } from '../../helpers/recorded-feed';

const files = recordedFiles();

describe('parseFeed over every recorded response', () => {
  it('has the recorded corpus to test against', () => {
    expect(files.length).toBeGreaterThanOrEqual(560);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s parses, keeping every usable entry', (_name, file) => {
    const raw = JSON.parse(file.text) as { paper?: { id?: unknown; title?: unknown } }[];
    const result = parseFeed(file.text, { seenAt: 1, ...(file.date ? { listDate: file.date } : {}) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Independently of the schema: an entry is usable when it has a string id and a non-blank title.
    const usable = raw.filter(
      (e) => typeof e.paper?.id === 'string' && typeof e.paper.title === 'string' && e.paper.title.trim(),
    );
    const distinct = new Set(usable.map((e) => canonicalArxivId(e.paper!.id as string)));
    expect(result.papers.length).toBe(distinct.size);
    expect(result.rejected.length).toBe(raw.length - usable.length);
    for (const p of result.papers) {
      expect(p.id).toMatch(/^\d{4}\.\d{4,5}$/);
      expect(p.title).not.toMatch(/\s{2}|\n/);
      expect(p.listDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (file.date) expect(p.listDate <= file.date || p.listDate === file.date).toBe(true);
      expect(p.dayRank).toBeGreaterThanOrEqual(1);
    }
  });

  it('reads the newer fields where the feed has them', () => {
    const file = files.find((f) => f.name === 'days/2025-10-03.json')!;
    const result = parseFeed(file.text, { seenAt: 1, listDate: '2025-10-03' });
    if (!result.ok) throw new Error(result.reason);
    const withKeywords = result.papers.filter((p) => p.keywords.length > 0);
    expect(withKeywords.length).toBeGreaterThan(0);
    expect(result.papers.some((p) => p.githubRepo?.startsWith('https://github.com/'))).toBe(true);
    expect(result.papers.some((p) => p.organization === 'ByteDance Seed')).toBe(true);
    expect(result.papers.some((p) => (p.aiSummary ?? '').length > 20)).toBe(true);
  });
});

describe('parseFeed with bad bodies', () => {
  it.each([
    ['not JSON', '<html>502 Bad Gateway</html>', /not JSON/],
    ['an object', '{"error":"Invalid date"}', /expected a JSON array.*object/],
    ['null', 'null', /got null/],
    ['a number', '42', /got number/],
    ['truncated JSON', '[{"paper":{"id":"2406.01234"', /not JSON/],
  ])('rejects %s as a whole', (_what, body, reason) => {
    const result = parseFeed(body, { seenAt: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('keeps the good entries of an array with bad ones and says why each bad one went', () => {
    const day = files.find((f) => f.name === 'days/2024-06-05.json')!;
    const good = JSON.parse(day.text) as unknown[];
    const body = JSON.stringify([
      good[0],
      { paper: { title: 'No id here' } },
      'a string',
      { paper: { id: 'not-an-id', title: 'Bad id' }, publishedAt: '2024-06-05T00:00:00Z' },
      { paper: { id: '2406.01234', title: '   ' } },
      good[1],
    ]);
    const result = parseFeed(body, { seenAt: 1, listDate: '2024-06-05' });
    if (!result.ok) throw new Error(result.reason);
    expect(result.papers).toHaveLength(2);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(result.rejected[0]!.reason).toMatch(/paper\.id: expected string/);
    expect(result.rejected[1]!.reason).toMatch(/^entry: expected object/);
    expect(result.rejected[2]).toMatchObject({ id: 'not-an-id', reason: expect.stringMatching(/not an arXiv id/) });
    expect(result.rejected[3]!.reason).toMatch(/paper\.title: empty/);
  });
});

describe('parseEntry', () => {
  const base = {
    paper: {
      id: '2406.01234v2',
      title: 'A  title\n  wrapped',
      summary: 'Line one\n  line two.',
      upvotes: 12,
      authors: [{ name: 'Ada Lovelace', hidden: false }, { name: 'Hidden Author', hidden: true }, { _id: 'x' }],
    },
    publishedAt: '2024-06-04T23:10:00.000Z',
    title: 'A title wrapped',
    numComments: 3,
  };

  it('drops optional fields of an unexpected type instead of the entry', () => {
    const r = parseEntry(
      { ...base, numComments: 'three', paper: { ...base.paper, githubStars: 'many', ai_keywords: 'llm' } },
      { seenAt: 1 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.paper.comments).toBe(0);
    expect(r.paper.githubStars).toBeUndefined();
    expect(r.paper.keywords).toEqual([]);
  });

  it('normalizes the id, whitespace, authors and counts', () => {
    const r = parseEntry(base, { seenAt: 7 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.paper).toMatchObject({
      id: '2406.01234',
      title: 'A title wrapped',
      abstract: 'Line one line two.',
      authors: ['Ada Lovelace', 'Hidden Author'],
      upvotes: 12,
      comments: 3,
      seenAt: 7,
    });
    expect('aiSummary' in r.paper).toBe(false);
  });

  it('drops explicit directional controls (overrides, embeddings, isolates) from every text, keeps RTL letters', () => {
    const rlo = '\u202e';
    const r = parseEntry(
      {
        ...base,
        paper: {
          ...base.paper,
          title: `Safe ${rlo}txet desrever\u202c and \u2067isolated\u2069 \u05e9\u05dc\u05d5\u05dd`,
          summary: `An ${rlo}abstract`,
          authors: [{ name: `\u202aAda\u202c` }],
          ai_keywords: [`\u202dkey`],
          ai_summary: `${rlo}sum`,
        },
      },
      { seenAt: 1 },
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.paper.title).toBe('Safe txet desrever and isolated \u05e9\u05dc\u05d5\u05dd');
    expect([r.paper.abstract, r.paper.authors, r.paper.keywords, r.paper.aiSummary]).toEqual([
      'An abstract',
      ['Ada'],
      ['key'],
      'sum',
    ]);
  });

  it('refuses a title made only of directional controls', () => {
    const r = parseEntry({ ...base, paper: { ...base.paper, title: '\u202e\u2066 \u202c' } }, { seenAt: 1 });
    expect(r).toEqual({ ok: false, reason: 'paper.title: empty' });
  });

  it('tolerates unknown fields', () => {
    const r = parseEntry({ ...base, brandNew: { x: 1 }, paper: { ...base.paper, futureField: [1, 2] } }, { seenAt: 1 });
    expect(r.ok).toBe(true);
  });
});

describe('listDateOf', () => {
  const entry = (paper: object, publishedAt?: string) =>
    EntrySchema.parse({ paper: { id: '2406.01234', title: 't', ...paper }, ...(publishedAt ? { publishedAt } : {}) });

  it('prefers paper.submittedOnDailyAt', () => {
    expect(
      listDateOf(entry({ submittedOnDailyAt: '2025-02-03T00:00:00.000Z' }, '2025-02-01T20:00:00Z'), '2025-02-09'),
    ).toBe('2025-02-03');
  });
  it('uses the requested list date when the entry has no submittedOnDailyAt', () => {
    expect(listDateOf(entry({}, '2024-12-01T23:12:46.420Z'), '2024-12-02')).toBe('2024-12-02');
  });
  it('falls back to the top-level publishedAt', () => {
    expect(listDateOf(entry({}, '2024-03-12T13:00:00.000Z'))).toBe('2024-03-12');
  });
  it('has none without either', () => {
    expect(listDateOf(entry({}))).toBeUndefined();
  });
});

describe('canonicalArxivId', () => {
  it.each([
    ['2406.01234', '2406.01234'],
    ['2406.01234v3', '2406.01234'],
    ['arXiv:2406.01234v1', '2406.01234'],
    [' 1412.6980 ', '1412.6980'],
    ['0704.0001', '0704.0001'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v2', 'hep-th/9901001'],
    ['math.GT/0309136', 'math/0309136'],
    ['cond-mat/0207270', 'cond-mat/0207270'],
  ])('canonicalizes %s to %s', (raw, id) => {
    expect(canonicalArxivId(raw)).toBe(id);
  });

  it.each([
    '2413.01234',
    '2400.01234',
    '1501.1234',
    '1412.12345',
    '0612.1234',
    'foo/9901001',
    'hep-th/9913001',
    '2406.123',
    '12.34',
    '',
  ])('rejects %s', (raw) => {
    expect(canonicalArxivId(raw)).toBeUndefined();
  });
});

describe('normalizeWhitespace', () => {
  it('collapses hard line breaks, tabs and runs of spaces', () => {
    expect(normalizeWhitespace('  Attention\n  Is\tAll   You Need \n')).toBe('Attention Is All You Need');
  });
});
