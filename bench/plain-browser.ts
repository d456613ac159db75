/**
 * What the browser benchmarks share: a second browser without Paper Radar (same Chromium, same switches as the
 * harness's where they matter), the real pages' own paper ids, and the CPU time of a browser's processes (CPU time,
 * unlike wall time, is not inflated by other processes on a loaded machine).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM } from '../tests/e2e/harness';

/** Chromium without the extension on a fresh profile; `close` deletes the profile. */
export async function launchPlain(): Promise<{ context: BrowserContext; userDataDir: string; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'pr-bench-plain-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  return {
    context,
    userDataDir,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The papers of an arXiv `/list/…` page: the ids of its `<a href ="/abs/…">` entries, in page order, distinct. */
export function listingIds(html: string): string[] {
  return [...new Set([...html.matchAll(/<a href ="\/abs\/([^"]+)"/g)].map((m) => m[1]!))];
}

/** USER_HZ: `/proc` CPU times are in 1/100 s on Linux. */
export const TICK = 100;
/** A process of a browser: its extension renderer, a tab renderer, or another (browser, GPU, utility). */
export interface Proc {
  pid: number;
  kind: 'extension' | 'renderer' | 'other';
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function stat(pid: number): { ppid: number; cpuTicks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state ppid … utime(14) stime(15).
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), cpuTicks: Number(f[11]) + Number(f[12]) };
  } catch {
    return undefined;
  }
}

/**
 * The browser process started on `userDataDir` (Linux `/proc`) and all its descendants, by kind.
 */
export function processesOf(userDataDir: string): Proc[] {
  const pids = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const parent = new Map(pids.map((p) => [p, stat(p)?.ppid ?? 0]));
  const roots = pids.filter((p) => {
    const c = cmdline(p);
    return c.includes('chromium') && c.includes(`--user-data-dir=${userDataDir}`) && !c.includes('--type=');
  });
  const inTree = (p: number): boolean => {
    for (let q = p, i = 0; q > 1 && i < 10; q = parent.get(q) ?? 0, i++) if (roots.includes(q)) return true;
    return false;
  };
  return pids.filter(inTree).map((pid) => {
    const c = cmdline(pid);
    const kind = c.includes('--extension-process') ? 'extension' : c.includes('--type=renderer') ? 'renderer' : 'other';
    return { pid, kind };
  });
}

/** CPU time (user + system) a process has used so far, in `TICK`s; 0 once it is gone. */
export function cpuTicks(pid: number): number {
  return stat(pid)?.cpuTicks ?? 0;
}

/** CPU seconds used so far by all processes of the browser on `userDataDir` (those alive now). */
export function browserCpuSeconds(userDataDir: string): number {
  return processesOf(userDataDir).reduce((sum, p) => sum + cpuTicks(p.pid), 0) / TICK;
}
