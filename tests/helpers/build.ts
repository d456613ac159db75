/** Building the production extension once per test run: the end-to-end suites and the demo test what ships. */
import { execSync } from 'node:child_process';
import { join } from 'node:path';

export type BuildTarget = 'chrome' | 'firefox';

const ROOT = join(import.meta.dirname, '../..');

/**
 * Runs `wxt build` for `target` unless this process already did. Vitest runs every project's global setup in its
 * one main process, so the marker in `process.env` keeps two projects from building the same target twice.
 */
export function buildOnce(target: BuildTarget): void {
  const marker = `PAPER_RADAR_BUILT_${target.toUpperCase()}`;
  if (process.env[marker]) return;
  try {
    execSync(target === 'chrome' ? 'npx wxt build' : 'npx wxt build -b firefox', { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `paper-radar tests: the production ${target} build failed\n${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`,
      { cause: e },
    );
  }
  process.env[marker] = '1';
}
