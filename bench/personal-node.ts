/**
 * Topics and period views in Node: `npx tsx bench/personal-node.ts`.
 *
 * - Topic derivation (`deriveTopics`, then `assignTopics` over every paper) at the recorded corpus, 10,000 and
 *   50,000 papers (`deriveCorpus` of bench/corpus.ts: real papers, then recombinations of them).
 * - Period views at 10,000 and 50,000 papers: `PersonalService.period` for a day, an ISO week and a month, with and
 *   without a topic filter, as the pages ask for them — the reader's first and last page (`PERIOD_PAGE` rows) and
 *   the popup's top 10: the page ranked from the in-memory `PeriodIndex`, then only its papers read and annotated
 *   (topics, three followed keywords, saved state); median and worst of 7 after one warm-up. The database is `fake-indexeddb` (Dexie over
 *   an in-memory IndexedDB in Node, slower than Chromium's), and the derived corpus stacks five copies of the real
 *   papers on each real list date, so periods hold five times the papers a real 50,000-paper store would: both make
 *   these figures upper bounds.
 */
import 'fake-indexeddb/auto';
import { PersonalService, assignTopics, type PeriodQuery } from '../lib/background/personal';
import type { Paper } from '../lib/feed/paper';
import { PeriodIndex } from '../lib/feed/period-index';
import { PERIOD_PAGE } from '../lib/feed/periods';
import { createDatabase } from '../lib/db/database';
import { deriveTopics } from '../lib/topics/derive';
import { DEFAULT_SETTINGS } from '../lib/settings/settings';
import { recordedPapers } from '../tests/helpers/recorded-feed';
import { deriveCorpus } from './corpus';
import { median } from './stats';

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

async function timeIt(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const real = recordedPapers();
  console.log(`## Topics and period views in Node ${process.version}\n`);
  // `--periods`: the period views alone (for before/after pairs).
  if (!process.argv.includes('--periods')) await deriveTable(real);
  for (const size of [10_000, 50_000]) await periodViews(real, size);
}

/** Topic derivation, topic assignment and the period ranking of every paper, at growing sizes. */
async function deriveTable(real: readonly Paper[]): Promise<void> {
  console.log(
    '| papers | derive topics | topics | assign every paper | papers with a topic | rank every paper by date |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const size of [real.length, 10_000, 50_000]) {
    const papers = deriveCorpus(real, size);
    let topics: ReturnType<typeof deriveTopics> = [];
    const derive = await timeIt(() => (topics = deriveTopics(papers)));
    const stored = topics.map((t, i) => ({ id: `t${i}`, label: t.label, terms: t.terms, createdAt: 0, updatedAt: 0 }));
    let assigned = 0;
    const assign = await timeIt(() => (assigned = assignTopics(stored, papers).byPaper.size));
    const rank = await timeIt(() => new PeriodIndex(papers));
    console.log(
      `| ${papers.length} | ${ms(derive)} ms | ${topics.length} | ${ms(assign)} ms | ${((100 * assigned) / papers.length).toFixed(0)} % | ${ms(rank)} ms |`,
    );
  }
}

/**
 * The period views at `size` papers, as the pages ask for them: the reader's first page (`PERIOD_PAGE` rows), its last
 * page, and the popup's top 10, with and without a topic filter.
 */
async function periodViews(real: readonly Paper[], size: number): Promise<void> {
  const papers = deriveCorpus(real, size);
  const db = createDatabase(`personal-bench-${size}`);
  await db.papers.bulkPut(papers);
  const personal = new PersonalService({
    db,
    index: async () => {
      throw new Error('not used');
    },
    settings: async () => DEFAULT_SETTINGS,
    now: Date.now,
  });
  await personal.storeChanged();
  for (const k of ['diffusion', 'reinforcement learning', 'speculative decoding']) await personal.follow('keyword', k);
  const topics = await personal.topicList();
  const topic = topics[Math.floor(topics.length / 2)]!;
  const date = '2025-10-15';
  console.log(`\n${size} papers in fake-indexeddb; period around ${date}; topic filter “${topic.label}”.\n`);
  console.log('| view | papers of the view | request | rows | median | worst of 7 |');
  console.log('|---|---:|---|---:|---:|---:|');
  for (const period of ['day', 'week', 'month'] as const) {
    for (const filter of [undefined, topic.id]) {
      const { count } = await personal.period(period, date, { topic: filter, limit: 1 });
      const lastPage = Math.max(0, Math.floor((count - 1) / PERIOD_PAGE) * PERIOD_PAGE);
      const requests: [string, PeriodQuery][] = [
        ['reader, first page', { topic: filter }],
        ['reader, last page', { topic: filter, offset: lastPage }],
        ['popup, top 10', { topic: filter, limit: 10 }],
      ];
      for (const [name, query] of requests) {
        if (name === 'reader, last page' && lastPage === 0) continue;
        await personal.period(period, date, query);
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < 7; i++) {
          times.push(await timeIt(async () => (rows = (await personal.period(period, date, query)).papers.length)));
        }
        console.log(
          `| ${period}${filter ? ', one topic' : ''} | ${count} | ${name} | ${rows} | ${ms(median(times))} ms | ${ms(Math.max(...times))} ms |`,
        );
      }
    }
  }
  await db.delete();
}

await main();
