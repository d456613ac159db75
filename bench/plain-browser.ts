/**
 * What the with/without-extension benchmarks share: a second browser without Paper Radar (same Chromium, same
 * switches as the harness's where they matter), and the real pages' own paper ids.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
