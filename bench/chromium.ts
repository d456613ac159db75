/**
 * Benchmarks in real Chromium on the production build: the store from the extension's service worker and the
 * first-run snapshot. Run `npm run build` first (npm run bench does).
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { launch } from '../tests/e2e/harness';
import { readDb } from '../tests/e2e/store';
import { scaledPapers } from './corpus';
import { browserCpuSeconds } from './plain-browser';
import { median } from './stats';

const bundle = await build({
  entryPoints: [join(import.meta.dirname, 'sw/db-bench.ts')],
  bundle: true,
  format: 'iife',
  write: false,
  target: 'chrome120',
});
const code = bundle.outputFiles[0]!.text;

/** Runs of each measurement (`PR_BENCH_RUNS`, default 5; medians are taken). */
const RUNS = Number(process.env.PR_BENCH_RUNS ?? 5);

const h = await launch();
// tsx keeps function names with an `__name` helper, which functions passed to evaluate() then call.
await h.worker.evaluate('globalThis.__name = (f) => f');
try {
  // First run: the background loads the bundled snapshot on install and records how long it took.
  let snapshot: unknown;
  for (let i = 0; i < 100 && snapshot === undefined; i++) {
    const [row] = (await readDb(h.worker, [{ store: 'meta', key: 'snapshotLoad' }])) ?? [];
    snapshot = (row as { value?: unknown } | undefined)?.value;
    if (snapshot === undefined) await new Promise((r) => setTimeout(r, 100));
  }

  await h.worker.evaluate(code);
  const papers = scaledPapers(10_000);
  // Where the time goes (`PR_BENCH_BREAKDOWN=1`, first, each row also on stderr as it comes): one thing changed per
  // variant (see `breakdown` in sw/db-bench.ts).
  const breakdownRows: string[] = [];
  const all: Record<string, number[]> = {};
  if (process.env.PR_BENCH_BREAKDOWN === '1') {
    type Breakdown = { hold: (p: unknown) => number; breakdown: (n: number) => Promise<Record<string, number[]>> };
    await h.worker.evaluate((ps) => (globalThis as unknown as { __prBench: Breakdown }).__prBench.hold(ps), papers);
    for (let i = 0; i < RUNS; i++) {
      const parts = await h.worker.evaluate(() =>
        (globalThis as unknown as { __prBench: Breakdown }).__prBench.breakdown(1),
      );
      process.stderr.write(`breakdown run ${i + 1}: ${JSON.stringify(parts)}\n`);
      for (const [name, ms] of Object.entries(parts)) (all[name] ??= []).push(...ms);
    }
    for (const [name, ms] of Object.entries(all)) {
      breakdownRows.push(
        `| … ${name} (median of ${ms.length}) | ${median(ms).toFixed(0)} ms (min ${Math.min(...ms).toFixed(0)}) | — |`,
      );
    }
  }
  // The layouts compared (`PR_BENCH_BREAKDOWN=layouts`): each round writes and reads every layout once; each row is
  // printed with its ratio to the shipped layout's write in the same round (only such ratios survive a busy machine).
  // The layouts compared (`PR_BENCH_BREAKDOWN=layouts`, nothing else is run then): each round writes and reads every
  // layout once; each figure is printed with its ratio to the shipped layout's in the same round (only such ratios
  // survive a busy machine).
  const layoutsOnly = process.env.PR_BENCH_BREAKDOWN === 'layouts';
  if (layoutsOnly) {
    type Layouts = {
      hold: (p: unknown) => number;
      layoutNames: () => string[];
      SLOW_LAYOUTS: string[];
      layout: (name: string) => Promise<Record<string, number>>;
    };
    await h.worker.evaluate((ps) => (globalThis as unknown as { __prBench: Layouts }).__prBench.hold(ps), papers);
    const [every, slow] = await h.worker.evaluate(() => {
      const b = (globalThis as unknown as { __prBench: Layouts }).__prBench;
      return [b.layoutNames(), b.SLOW_LAYOUTS];
    });
    // `PR_BENCH_LAYOUTS`: `all` adds the slow layouts; any other text keeps the baseline, the shipped layout and the
    // layouts whose name contains it.
    const only = process.env.PR_BENCH_LAYOUTS;
    const names = every.filter((n) =>
      only === 'all' ? true : only ? n.includes(only) || !n.startsWith('(') : !slow.some((s) => n.startsWith(s)),
    );
    const rounds: Record<string, Record<string, number>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      const round: Record<string, Record<string, number>> = {};
      for (const name of names) {
        round[name] = await h.worker.evaluate(
          (n) => (globalThis as unknown as { __prBench: Layouts }).__prBench.layout(n),
          name,
        );
        process.stderr.write(`round ${i + 1} ${name}: ${JSON.stringify(round[name])}\n`);
      }
      rounds.push(round);
    }
    const shipped = names.find((k) => k.startsWith('as shipped'))!;
    console.log('| layout | path | ms per round | ratio to the shipped layout, per round |');
    console.log('|---|---|---|---|');
    for (const name of names) {
      for (const path of Object.keys(rounds[0]![name]!)) {
        const ms = rounds.map((r) => r[name]![path]!);
        const ratios = rounds.map((r) => r[name]![path]! / r[shipped]![path]!);
        console.log(
          `| ${name} | ${path} | ${ms.map((m) => m.toFixed(0)).join(' / ')} | ${ratios.map((x) => x.toFixed(2)).join(' / ')} |`,
        );
      }
    }
  }
  if (!layoutsOnly) {
    const runs: { bulkPutMs: number; upsertMs: number; reupsertMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(
        await h.worker.evaluate(
          (ps) =>
            (globalThis as unknown as { __prBench: { bulkPut: (p: unknown) => Promise<never> } }).__prBench.bulkPut(ps),
          papers,
        ),
      );
    }
    // `bulkPut` alone, with the CPU time all the browser's processes spent on it (the worker serializing, the
    // storage service writing LevelDB): CPU time is not inflated by other processes the way wall time is.
    type Held = { hold: (p: unknown) => number; bulkPutHeld: () => Promise<number> };
    await h.worker.evaluate((ps) => (globalThis as unknown as { __prBench: Held }).__prBench.hold(ps), papers);
    const held: { ms: number; cpu: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const cpu0 = browserCpuSeconds(h.userDataDir);
      const ms = await h.worker.evaluate(() => (globalThis as unknown as { __prBench: Held }).__prBench.bulkPutHeld());
      held.push({ ms, cpu: browserCpuSeconds(h.userDataDir) - cpu0 });
    }
    const version = h.context.browser()?.version() ?? 'Chromium';
    console.log(`## Store in real Chromium (${version}, headless, extension service worker)\n`);
    console.log(`| what | median of ${RUNS} | target |`);
    console.log('|---|---|---|');
    console.log(
      `| \`bulkPut\` 10,000 papers into IndexedDB (Dexie) | ${median(runs.map((r) => r.bulkPutMs)).toFixed(0)} ms | ≤ 1 s |`,
    );
    console.log(
      `| \`bulkPut\` alone (papers already in the worker; wall time, min; CPU time of all the browser's processes, median) | ${median(held.map((r) => r.ms)).toFixed(0)} ms (min ${Math.min(...held.map((r) => r.ms)).toFixed(0)}); CPU ${(median(held.map((r) => r.cpu)) * 1000).toFixed(0)} ms | ≤ 1 s |`,
    );
    for (const r of breakdownRows) console.log(r);
    console.log(
      `| sync write path for 10,000 new papers (\`upsertPapers\`: bulkGet + merge + bulkPut, one transaction) | ${median(runs.map((r) => r.upsertMs)).toFixed(0)} ms | — |`,
    );
    console.log(
      `| the same 10,000 again (nothing changes, nothing written) | ${median(runs.map((r) => r.reupsertMs)).toFixed(0)} ms | — |`,
    );
    const s = snapshot as { count: number; usableMs: number; indexedMs: number } | undefined;
    if (s) {
      console.log(
        `| fresh install → usable store from the bundled snapshot (${s.count} papers: fetch, validate, store, publish count) | ${s.usableMs.toFixed(0)} ms | ≤ 500 ms |`,
      );
      console.log(`| … and its search index built and persisted | ${s.indexedMs.toFixed(0)} ms | — |`);
    } else {
      console.log('| fresh install from the snapshot | not recorded (snapshotLoad missing) | ≤ 500 ms |');
    }
  }
} finally {
  await h.close();
}
