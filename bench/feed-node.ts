/** Validating and normalizing every recorded response in Node: JSON.parse and the schema + normalization apart. */
import { parseFeed } from '../lib/feed/parse';
import { recordedResponses } from './corpus';
import { median } from './stats';

const responses = recordedResponses();
const decoded = responses.map((r) => ({ ...r, json: JSON.parse(r.text) as unknown }));
const bytes = responses.reduce((n, r) => n + r.text.length, 0);

const runs = 7;
const jsonTimes: number[] = [];
const validateTimes: number[] = [];
let papers = 0;
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  for (const r of responses) JSON.parse(r.text);
  jsonTimes.push(performance.now() - t);
  t = performance.now();
  papers = 0;
  for (const r of decoded) {
    const res = parseFeed(r.json, { seenAt: 1, ...(r.date ? { listDate: r.date } : {}) });
    if (res.ok) papers += res.papers.length;
  }
  validateTimes.push(performance.now() - t);
}
console.log(`## Feed validation (Node ${process.version})\n`);
console.log(
  `${responses.length} recorded responses, ${(bytes / 1e6).toFixed(1)} MB, ${papers} papers; median of ${runs} runs.\n`,
);
console.log('| step | median | target |');
console.log('|---|---|---|');
console.log(
  `| Zod validation + normalization of all papers (decoded JSON in) | ${median(validateTimes).toFixed(0)} ms | ≤ 300 ms |`,
);
console.log(
  `| JSON.parse of all ${responses.length} bodies (for reference) | ${median(jsonTimes).toFixed(0)} ms | — |`,
);
