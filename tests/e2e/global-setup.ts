/** Builds the production extension once before the end-to-end tests (they test exactly what ships). */
import { execSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  try {
    execSync('npx wxt build', { cwd: join(import.meta.dirname, '../..'), stdio: 'pipe' });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `paper-radar e2e: the production build failed\n${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`,
      { cause: e },
    );
  }
}
