/** Builds the production extension (Chrome and Firefox) once before the end-to-end tests: they test what ships. */
import { execSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  try {
    const cwd = join(import.meta.dirname, '../..');
    execSync('npx wxt build', { cwd, stdio: 'pipe' });
    execSync('npx wxt build -b firefox', { cwd, stdio: 'pipe' });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `paper-radar e2e: the production build failed\n${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`,
      { cause: e },
    );
  }
}
