/**
 * Builds `public/snapshot.json`, the first-run snapshot, from the newest N recorded list dates (`feed/days`, read
 * by the one loader: ../shared/data when present, else the vendored copies, which parse the same). Re-runnable;
 * deterministic for the same input.
 *
 *   npm run snapshot            # newest 30 days
 *   npm run snapshot -- 14      # newest 14 days
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed } from '../lib/feed/parse';
import type { Paper } from '../lib/feed/paper';
import { toSnapshot } from '../lib/feed/snapshot';
import { dataSourceNote, recordedFiles } from '../tests/helpers/recorded-feed';

const out = join(import.meta.dirname, '../public/snapshot.json');
const count = Number(process.argv[2] ?? 30);

const files = recordedFiles()
  .filter((f) => f.name.startsWith('days/') && f.date)
  .slice(-count);
const byId = new Map<string, Paper>();
let rejected = 0;
for (const f of files) {
  const date = f.date!;
  const r = parseFeed(f.text, { seenAt: 0, listDate: date });
  if (!r.ok) throw new Error(`${f.name}: ${r.reason}`);
  rejected += r.rejected.length;
  for (const p of r.papers) if (!byId.has(p.id) || byId.get(p.id)!.listDate > p.listDate) byId.set(p.id, p);
}
const snapshot = toSnapshot([...byId.values()]);
const json = JSON.stringify(snapshot);
writeFileSync(out, json);
console.log(
  `snapshot: ${snapshot.papers.length} papers from ${files.length} list dates (${files[0]?.date} … ${files.at(-1)?.date}), ` +
    `${rejected} entries rejected, ${(json.length / 1024).toFixed(0)} KB → public/snapshot.json. ${dataSourceNote()}`,
);
