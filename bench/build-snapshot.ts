/**
 * Builds `public/snapshot.json`, the first-run snapshot, from the newest N recorded list dates in
 * ../shared/data/feed/days (default 30). Re-runnable; deterministic for the same input.
 *
 *   npm run snapshot            # newest 30 days
 *   npm run snapshot -- 14      # newest 14 days
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed } from '../lib/feed/parse';
import type { Paper } from '../lib/feed/paper';
import { toSnapshot } from '../lib/feed/snapshot';

const root = join(import.meta.dirname, '..');
const daysDir = join(root, '../shared/data/feed/days');
const out = join(root, 'public/snapshot.json');
const count = Number(process.argv[2] ?? 30);

const files = readdirSync(daysDir)
  .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
  .sort()
  .slice(-count);
const byId = new Map<string, Paper>();
let rejected = 0;
for (const f of files) {
  const date = f.slice(0, 10);
  const r = parseFeed(readFileSync(join(daysDir, f), 'utf8'), { seenAt: 0, listDate: date });
  if (!r.ok) throw new Error(`${f}: ${r.reason}`);
  rejected += r.rejected.length;
  for (const p of r.papers) if (!byId.has(p.id) || byId.get(p.id)!.listDate > p.listDate) byId.set(p.id, p);
}
const snapshot = toSnapshot([...byId.values()]);
const json = JSON.stringify(snapshot);
writeFileSync(out, json);
console.log(
  `snapshot: ${snapshot.papers.length} papers from ${files.length} list dates (${files[0]} … ${files.at(-1)}), ` +
    `${rejected} entries rejected, ${(json.length / 1024).toFixed(0)} KB → public/snapshot.json`,
);
