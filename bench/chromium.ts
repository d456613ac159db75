/**
 * Benchmarks in real Chromium on the production build: the store from the extension's service worker and the
 * first-run snapshot. Run `npm run build` first (npm run bench does).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/e2e/harness';
import { readDb } from '../tests/e2e/store';
import { scaledPapers } from './corpus';
import { browserCpuSeconds, cpuTicks, processesOf, TICK } from './plain-browser';
import { median } from './stats';
import { endTrace } from './trace-read';
import { selfTimeByProcess, type TraceEvent } from './trace-self';

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

/**
 * CPU seconds used so far by the browser's processes on `userDataDir`, summed by role: `extension` (the extension's
 * renderer, which runs the service worker), `storage` (the storage service utility process),
 * `browser` (the main process: in Chromium 156 IndexedDB and its LevelDB run there, on its thread pool), `other` (GPU, network, other utilities, renderers).
 */
function cpuByRole(userDataDir: string): Record<string, number> {
  const out: Record<string, number> = { extension: 0, storage: 0, browser: 0, other: 0 };
  for (const p of processesOf(userDataDir)) {
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8');
    } catch {
      continue; // gone since listed
    }
    const role = cmd.includes('--extension-process')
      ? 'extension'
      : cmd.includes('storage.mojom.StorageService')
        ? 'storage'
        : cmd.includes('--type=')
          ? 'other'
          : 'browser';
    out[role]! += cpuTicks(p.pid) / TICK;
  }
  return out;
}

/** The write-only part of sw/db-bench.ts's `__prBench`: papers held in the worker, written per layout. */
type Writes = {
  hold: (p: unknown) => number;
  writeNames: () => string[];
  layoutOpen: (name: string) => Promise<void>;
  layoutWrite: (name: string) => Promise<number>;
  layoutClose: () => Promise<void>;
};

/** Whether `PR_BENCH_LAYOUTS=only` runs layout `name`: the unlettered ones always, others named by a part of it. */
const chosen = (name: string, only: string) =>
  !name.startsWith('(') || only.split('|').some((part) => part !== '' && name.includes(part));

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
    // layouts whose name contains it (or one of its `|`-separated parts: `(c) |(c2)`).
    const only = process.env.PR_BENCH_LAYOUTS;
    const names = every.filter((n) =>
      only === 'all' ? true : only ? chosen(n, only) : !slow.some((s) => n.startsWith(s)),
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
  // Where the write's CPU goes (`PR_BENCH_BREAKDOWN=cpu`, nothing else is run then): per layout (`PR_BENCH_LAYOUTS`
  // as above), the write alone, with the CPU time each of the browser's processes used meanwhile, by role (the
  // extension's process, where the worker serializes; the browser process, where IndexedDB writes LevelDB; the
  // storage service; the rest). Also the write-only references of sw/db-bench.ts (`ref: …`), always run.
  /**
   * Hands the papers to the worker to hold and gives the write-only layouts of sw/db-bench.ts that
   * `PR_BENCH_LAYOUTS` chooses (as above); with none chosen, every one when `all` is set, else the unlettered ones.
   */
  const heldWrites = async (all: boolean): Promise<string[]> => {
    await h.worker.evaluate((ps) => (globalThis as unknown as { __prBench: Writes }).__prBench.hold(ps), papers);
    const every = await h.worker.evaluate(() =>
      (globalThis as unknown as { __prBench: Writes }).__prBench.writeNames(),
    );
    const only = process.env.PR_BENCH_LAYOUTS;
    return every.filter((n) => (only ? chosen(n, only) : all || !n.startsWith('(')));
  };
  const cpuOnly = process.env.PR_BENCH_BREAKDOWN === 'cpu';
  if (cpuOnly) {
    const names = await heldWrites(true);
    const rows: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const name of names) {
        await h.worker.evaluate((n) => (globalThis as unknown as { __prBench: Writes }).__prBench.layoutOpen(n), name);
        const before = cpuByRole(h.userDataDir);
        const ms = await h.worker.evaluate(
          (n) => (globalThis as unknown as { __prBench: Writes }).__prBench.layoutWrite(n),
          name,
        );
        const after = cpuByRole(h.userDataDir);
        await h.worker.evaluate(() => (globalThis as unknown as { __prBench: Writes }).__prBench.layoutClose());
        const cpu = Object.fromEntries(
          Object.entries(after).map(([role, s]) => [role, Math.round((s - (before[role] ?? 0)) * 1000)]),
        );
        const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
        const line = `| ${i + 1} | ${name} | ${ms.toFixed(0)} | ${Object.entries(cpu)
          .map(([r, v]) => `${r} ${v}`)
          .join(', ')} | ${load} |`;
        process.stderr.write(`${line}\n`);
        rows.push(line);
      }
    }
    console.log('| round | layout | write ms | CPU ms by process | load (1 min) |');
    console.log('|---|---|---|---|---|');
    for (const r of rows) console.log(r);
  }
  // A Chrome trace of each selected layout's write (`PR_BENCH_BREAKDOWN=trace`, nothing else is run then; layouts
  // chosen by `PR_BENCH_LAYOUTS` as above): the self time per trace event in each process, top 12 per process.
  const traceOnly = process.env.PR_BENCH_BREAKDOWN === 'trace';
  if (traceOnly) {
    const names = await heldWrites(false);
    const browser = h.context.browser();
    if (!browser) throw new Error('paper-radar bench: no browser to trace');
    const cdp = await browser.newBrowserCDPSession();
    for (const name of names) {
      await h.worker.evaluate((n) => (globalThis as unknown as { __prBench: Writes }).__prBench.layoutOpen(n), name);
      await cdp.send('Tracing.start', {
        transferMode: 'ReturnAsStream',
        traceConfig: {
          includedCategories: [
            'toplevel',
            'IndexedDB',
            'leveldb',
            'v8',
            'blink',
            'mojom',
            'disabled-by-default-devtools.timeline',
          ],
        },
      });
      const ms = await h.worker.evaluate(
        (n) => (globalThis as unknown as { __prBench: Writes }).__prBench.layoutWrite(n),
        name,
      );
      const events = await endTrace<TraceEvent>(cdp);
      await h.worker.evaluate(() => (globalThis as unknown as { __prBench: Writes }).__prBench.layoutClose());
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
      console.log(`### ${name}: write ${ms.toFixed(0)} ms traced (load ${load})\n`);
      for (const [proc, byName] of selfTimeByProcess(events)) {
        const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12);
        const total = [...byName.values()].reduce((a, b) => a + b, 0);
        if (total < 20) continue;
        console.log(
          `- ${proc} (${total.toFixed(0)} ms in traced events): ${top.map(([n, v]) => `${n} ${v.toFixed(0)}`).join(' | ')}`,
        );
      }
      console.log('');
    }
    await cdp.detach();
  }
  if (!layoutsOnly && !cpuOnly && !traceOnly) {
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
