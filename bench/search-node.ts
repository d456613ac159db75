/**
 * Search index cost in Node: run `npx tsx bench/search-node.ts`.
 *
 * For the recorded papers (~9,500) and corpora of 10,000 and 50,000 papers derived from them, measures: build time
 * (`buildIndex`), the update after a sync that brings 1 % new papers and new upvotes for another 1 % (`updateIndex`,
 * given the related index's document frequencies, as the background does), serialized size (`serializeIndex`, raw and gzipped), load time (`loadIndex`: JSON parse +
 * `MiniSearch.loadJS`, median of 3; `loadIndexAsync` once), typed-search latency (`searchPapers`) over real titles
 * typed keystroke by keystroke; and for the related-papers index (`buildRelatedIndex`): build from scratch, rebuild
 * after a sync that adds 1 % new papers (reusing the analysis of the others), stored size (its typed arrays and
 * strings), a structured clone of it (what IndexedDB does to store and read it) plus `loadRelatedIndex`, and
 * `relatedPapers` latency for 200 sampled papers (the query of a cached paper's page) and for their title and
 * abstract as text (an uncached paper's page).
 *
 * Derived corpora: `deriveCorpus` in `bench/corpus.ts` (real papers, then recombinations of their title, abstract
 * and keywords). The vocabulary stays that of the real feed: a real 50,000-paper corpus would hold more distinct
 * terms, so the sizes here are a lower bound and the latencies a fair estimate.
 *
 * Timings are wall-clock on whatever machine runs this; they vary with its load. Prints markdown tables.
 */
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Paper } from '../lib/feed/paper';
import {
  buildIndex,
  loadIndex,
  loadIndexAsync,
  serializeIndex,
  updateIndex,
  type PaperIndex,
} from '../lib/search/paper-index';
import { relatedPapers } from '../lib/search/related';
import {
  buildRelatedIndex,
  docFreqOf,
  loadRelatedIndex,
  serializeRelatedIndex,
  type RelatedIndex,
  type StoredRelatedIndex,
} from '../lib/search/related-index';
import { searchPapers } from '../lib/search/search-papers';
import { recordedPapers } from '../tests/helpers/recorded-feed';
import { deriveCorpus } from './corpus';
import { seededRandom } from './relatedness';

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const value = fn();
  return [value, performance.now() - t];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function latencies(run: () => void, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(time(run)[1]);
  return out;
}

/** Every prefix, keystroke by keystroke, of the first 40 characters of `count` seeded titles. */
function typedQueries(real: readonly Paper[], count: number): string[] {
  const random = seededRandom(4242);
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const title = real[Math.floor(random() * real.length)]?.title ?? '';
    for (let len = 1; len <= Math.min(40, title.length); len++) queries.push(title.slice(0, len));
  }
  return queries;
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

interface Row {
  size: number;
  buildMs: number;
  updateMs: number;
  serializeMs: number;
  bytes: number;
  gzipBytes: number;
  loadMs: number;
  loadAsyncMs: number;
  search?: { n: number; p50: number; p95: number; max: number };
  relatedBuildMs: number;
  relatedRebuildMs: number;
  relatedBytes: number;
  relatedLoadMs: number;
  related?: { n: number; p50: number; p95: number };
  relatedText?: { n: number; p50: number; p95: number };
}

function storedBytes(stored: StoredRelatedIndex): number {
  let bytes = 0;
  for (const v of Object.values(stored)) {
    if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    else if (typeof v === 'string') bytes += v.length * 2;
  }
  return bytes;
}

async function measure(real: readonly Paper[], size: number, latency: boolean): Promise<Row> {
  const papers = deriveCorpus(real, size);
  const [built, buildMs] = time(() => buildIndex(papers));
  const [json, serializeMs] = time(() => serializeIndex(built));
  const loads = [0, 1, 2].map(() => time(() => loadIndex(json))[1]).sort((a, b) => a - b);
  const t = performance.now();
  const asyncLoaded = await loadIndexAsync(json);
  const loadAsyncMs = performance.now() - t;
  const loaded = loadIndex(json);
  if (!loaded.ok || !asyncLoaded.ok) throw new Error('search-node: the index did not load');
  // A sync that brings 1 % new papers (and new upvotes for 1 % of the others): the previous indexes hold the rest.
  const cut = Math.floor(papers.length * 0.99);
  const older = papers.slice(0, cut).map((p, i) => (i % 100 === 0 ? { ...p, upvotes: p.upvotes + 1 } : p));
  const previous = buildRelatedIndex(older);
  const [related, relatedBuildMs] = time(() => buildRelatedIndex(papers));
  const relatedRebuildMs = time(() => buildRelatedIndex(papers, previous))[1];
  const stale = buildIndex(older, docFreqOf(previous));
  const updateMs = time(() => updateIndex(stale, papers, docFreqOf(related)))[1];
  const stored = serializeRelatedIndex(related);
  const clones = [0, 1, 2].map(() => time(() => loadRelatedIndex(structuredClone(stored)))[1]).sort((a, b) => a - b);
  const row: Row = {
    size: papers.length,
    buildMs,
    updateMs,
    serializeMs,
    bytes: Buffer.byteLength(json),
    gzipBytes: gzipSync(json).length,
    loadMs: loads[1] ?? NaN,
    loadAsyncMs,
    relatedBuildMs,
    relatedRebuildMs,
    relatedBytes: storedBytes(stored),
    relatedLoadMs: clones[1] ?? NaN,
  };
  if (latency) {
    row.search = searchLatency(loaded.index, typedQueries(real, 20));
    row.related = relatedLatency(related, real, false);
    row.relatedText = relatedLatency(related, real, true);
  }
  return row;
}

function searchLatency(index: PaperIndex, queries: string[]): Row['search'] {
  for (const q of queries.slice(0, 50)) searchPapers(index, q); // warm-up
  const times: number[] = [];
  for (const q of queries) times.push(time(() => searchPapers(index, q, { limit: 20 }))[1]);
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1) ?? NaN };
}

function relatedLatency(index: RelatedIndex, real: readonly Paper[], asText: boolean): Row['related'] {
  const random = seededRandom(99);
  const sample = Array.from({ length: 200 }, () => real[Math.floor(random() * real.length)]).filter(
    (p): p is Paper => p !== undefined,
  );
  const source = (p: Paper) => (asText ? { title: p.title, abstract: p.abstract } : { id: p.id });
  for (const p of sample.slice(0, 20)) relatedPapers(index, source(p)); // warm-up
  let i = 0;
  const times = latencies(
    () => relatedPapers(index, source(sample[i++ % sample.length]!), { limit: 10 }),
    sample.length,
  ).sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

async function main(): Promise<void> {
  const real = recordedPapers();
  const rows = [
    await measure(real, real.length, true),
    await measure(real, 10_000, true),
    await measure(real, 50_000, true),
  ];
  console.log(`## Search index in Node ${process.version}\n`);
  console.log('| papers | build | update (+1 % new) | serialize | size (gzip) | loadIndex | loadIndexAsync |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.size} | ${ms(r.buildMs)} ms | ${ms(r.updateMs)} ms | ${ms(r.serializeMs)} ms | ${mb(r.bytes)} MB (${mb(r.gzipBytes)} MB) | ` +
        `${ms(r.loadMs)} ms | ${ms(r.loadAsyncMs)} ms |`,
    );
  }
  console.log('\n| papers | typed queries | search p50 | p95 | max |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    if (!r.search) continue;
    console.log(
      `| ${r.size} | ${r.search.n} | ${ms(r.search.p50)} ms | ${ms(r.search.p95)} ms | ${ms(r.search.max)} ms |`,
    );
  }
  console.log('\n## Related-papers index in Node\n');
  console.log(
    '| papers | build | rebuild (+1 % new) | stored size | clone + load | related, cached paper p50 / p95 | related, text p50 / p95 |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const lat = (x: Row['related']) => (x ? `${ms(x.p50)} / ${ms(x.p95)} ms` : '—');
    console.log(
      `| ${r.size} | ${ms(r.relatedBuildMs)} ms | ${ms(r.relatedRebuildMs)} ms | ${mb(r.relatedBytes)} MB | ` +
        `${ms(r.relatedLoadMs)} ms | ${lat(r.related)} | ${lat(r.relatedText)} |`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
