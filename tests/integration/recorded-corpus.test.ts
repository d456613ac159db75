/**
 * The one loader of the recorded corpus (`recordedPapers`, used by tests, benchmarks and eval) holds what the
 * extension's store would hold after syncing the same responses: same merge rule, same records.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../lib/db/database';
import { getAllPapers, upsertPapers } from '../../lib/db/queries';
import { parseFeed } from '../../lib/feed/parse';
import {
  judgedSections,
  RECORDED_SEEN_AT,
  recordedCase,
  recordedDataNames,
  recordedFiles,
  recordedPage,
  recordedPapers,
} from '../helpers/recorded-feed';

const db = createDatabase('recorded-corpus-test');
afterAll(() => db.delete());

describe('recordedPapers', () => {
  it('returns each distinct recorded paper once, sorted by id', () => {
    const papers = recordedPapers();
    expect(papers.length).toBeGreaterThan(9_000);
    expect(new Set(papers.map((p) => p.id)).size).toBe(papers.length);
    expect(papers.map((p) => p.id)).toEqual(papers.map((p) => p.id).sort((a, b) => a.localeCompare(b)));
    // A limit, not a speed target: the first call parses the whole vendored corpus, which took 22 s on a fresh
    // clone's `npm test` on a loaded 2-core machine (load ~30), past the project's 20 s default.
  }, 90_000);

  it('returns, for papers listed on two dates, the records the store keeps after syncing those dates', async () => {
    // The ten-day spans in which a paper came back on a later list (2604.07429, 2606.11176).
    const spans = ['days/2026-04-1', 'days/2026-06-1'];
    const files = recordedFiles().filter((f) => spans.some((s) => f.name.startsWith(s)));
    expect(files.length).toBeGreaterThan(10);
    // Papers also sighted outside the spans (the undated response of 2026-06-13 repeats 2026-06-12) are left out of
    // the comparison: the store below never saw those sightings.
    const elsewhere = new Set(
      recordedFiles()
        .filter((f) => !files.includes(f))
        .flatMap((f) => {
          const r = parseFeed(f.text, { seenAt: 0 });
          return r.ok ? r.papers.map((p) => p.id) : [];
        }),
    );
    // A sync stores responses as they arrive, several at once and newest first: store them in reverse.
    for (const f of [...files].reverse()) {
      const r = parseFeed(f.text, { seenAt: RECORDED_SEEN_AT, ...(f.date ? { listDate: f.date } : {}) });
      if (!r.ok) throw new Error(r.reason);
      await upsertPapers(db, r.papers);
    }
    const stored = await getAllPapers(db);
    const loaded = new Map(recordedPapers().map((p) => [p.id, p]));
    const twice = stored.filter((p) => ['2604.07429', '2606.11176'].includes(p.id));
    expect(twice.map((p) => p.listDate)).toEqual(['2026-04-10', '2026-06-10']);
    const compared = stored.filter((p) => !elsewhere.has(p.id));
    expect(compared.length).toBeGreaterThan(200);
    for (const p of compared) expect(loaded.get(p.id), p.id).toEqual(p);
  });
});

describe('the other recorded data', () => {
  it('holds the detection cases: small pages, each with its README row', () => {
    const pages = recordedDataNames('cases/detect/').filter((n) => n.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(7);
    const readme = recordedCase('README.md');
    for (const path of pages) {
      const name = path.slice('cases/detect/'.length);
      expect(readme, name).toContain(`\`${name}\``);
      expect(recordedCase(name)).toMatch(/<html|<body|<p|<div/i);
    }
  });

  it('holds the relatedness judgments, whose every id is a recorded paper', () => {
    const sections = judgedSections();
    expect(sections.length).toBeGreaterThan(50);
    const recorded = new Set(recordedPapers().map((p) => p.id));
    const judged = sections.flatMap((s) => s.ids);
    expect(judged.length).toBeGreaterThan(500);
    expect(judged.filter((id) => !recorded.has(id))).toEqual([]);
  });

  it('refuses a file that was not recorded, by name', () => {
    expect(() => recordedPage('no-such-page.html')).toThrow('no recorded file pages/no-such-page.html');
  });
});
