/**
 * `npm run bench`: every benchmark, one after another (they share two cores; running them together would measure
 * each other), on the real recorded corpus. Prints one markdown report headed by the machine and the date; the
 * figures in BENCHMARKS.md come from it.
 *
 *   npm run bench                 # all
 *   npm run bench -- feed popup   # some: feed, store, detect, content, cost, idle, idle-worker, search, popup, related, personal,
 *                                 # foryou
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const BENCHES: Record<string, { file: string; args?: string[] }> = {
  feed: { file: 'feed-node.ts' },
  store: { file: 'chromium.ts' },
  detect: { file: 'detect-node.ts' },
  content: { file: 'content.ts' },
  cost: { file: 'page-cost.ts' },
  idle: { file: 'idle.ts' },
  'idle-worker': { file: 'idle-worker.ts' },
  search: { file: 'search-node.ts' },
  popup: { file: 'popup.ts', args: ['10000,50000'] },
  related: { file: 'related-sw.ts', args: ['10000,50000'] },
  personal: { file: 'personal-node.ts' },
  foryou: { file: 'for-you.ts' },
};

const chosen = process.argv.slice(2).filter((a) => a in BENCHES);
const names = chosen.length > 0 ? chosen : Object.keys(BENCHES);
const chromium = (() => {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'chromium not found';
  }
})();

// Every benchmark (a child process each) reads the original recorded data when ../shared/data is there.
process.env.PAPER_RADAR_DATA ??= 'shared';
const { dataSourceNote } = await import('../tests/helpers/recorded-feed');

console.log(`# Paper Radar benchmarks — ${new Date().toISOString()}\n`);
console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ` +
    `Node ${process.version}; ${chromium}. ${dataSourceNote()}\n`,
);
for (const name of names) {
  const { file, args = [] } = BENCHES[name]!;
  const started = Date.now();
  try {
    const out = execFileSync('npx', ['tsx', join(import.meta.dirname, file), ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 2 ** 20,
    });
    console.log(out.trim());
  } catch (e) {
    console.log(`## ${name}\n\nfailed: ${(e as Error).message.split('\n')[0]}`);
    process.exitCode = 1;
  }
  console.log(`\n_(${name}: ${((Date.now() - started) / 1000).toFixed(0)} s)_\n`);
}
