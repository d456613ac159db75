/**
 * Related papers in the extension's service worker (real Chromium, production build), with 10,000 and 50,000 cached
 * papers synced through the extension from a routed feed (`derivedFeedBodies` in `bench/corpus.ts`).
 *
 * From an extension page, each `related` request is timed as a `runtime.sendMessage` round trip: the worker
 * validates it, builds the query, ranks (first pass, feedback, second pass), reads the results from IndexedDB and
 * explains them. The round trip of a `status` request (one storage read) is reported as the messaging floor. Sources:
 * 200 cached papers by id (the arXiv page of a cached paper), 100 uncached papers by title and abstract (an arXiv page
 * the feed does not hold), 50 pages listing 20 cached papers. Then the worker is stopped (CDP
 * `ServiceWorker.stopAllWorkers`) and the first `related` answer of the restarted worker is timed: it loads both
 * persisted indexes instead of rebuilding them.
 *
 *   npx tsx bench/related-sw.ts 10000,50000
 */
import { addDays, toIsoDay } from '../lib/feed/dates';
import { launch } from '../tests/e2e/harness';
import { derivedFeedBodies, rawFeedEntries } from './corpus';
import { median, quantile } from './stats';

type Timing = { p50: number; p95: number; n: number };

async function measure(n: number): Promise<string[]> {
  const days = 60;
  const { bodies, ids } = derivedFeedBodies(n, days);
  const today = toIsoDay(Date.now());
  const byDate = new Map(bodies.map((b, i) => [addDays(today, -i), b]));
  const h = await launch({ feed: (url) => ({ body: byDate.get(url.searchParams.get('date') ?? '') ?? '[]' }) });
  await h.worker.evaluate('globalThis.__name = (f) => f');
  const rows: string[] = [];
  const label = n.toLocaleString('en-US');
  try {
    const page = await h.open('popup.html');
    // tsx keeps function names with an `__name` helper, which functions passed to evaluate() then call.
    await page.evaluate('globalThis.__name = (f) => f');
    await page
      .locator(`[data-paper-radar="sync-status"][data-state="idle"][data-count="${n}"]`)
      .waitFor({ timeout: 900_000 });
    const real = rawFeedEntries();
    const cached = ids.filter((_, i) => i % Math.floor(ids.length / 200) === 0).slice(0, 200);
    const texts = real
      .filter((_, i) => i % Math.floor(real.length / 100) === 0)
      .slice(0, 100)
      .map((e) => ({ title: e.paper.title, abstract: e.paper.summary ?? '' }));
    const listings = Array.from({ length: 50 }, (_, k) => ids.slice(k * 20, k * 20 + 20));
    const times = await page.evaluate(
      async ({ cached, texts, listings }) => {
        const rt = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
          .chrome.runtime;
        const timed = async (messages: unknown[]) => {
          const out: number[] = [];
          for (const m of messages) {
            const t = performance.now();
            const reply = await rt.sendMessage(m);
            out.push(performance.now() - t);
            if (!reply || (typeof reply === 'object' && 'error' in reply)) throw new Error(JSON.stringify(reply));
          }
          return out;
        };
        // Warm-up: the first requests pay for lazy work (the title matcher, JIT).
        await timed(cached.slice(0, 10).map((id) => ({ type: 'related', source: { id, title: id }, limit: 10 })));
        return {
          status: await timed(Array.from({ length: 50 }, () => ({ type: 'status' }))),
          paper: await timed(cached.map((id) => ({ type: 'related', source: { id, title: id }, limit: 10 }))),
          text: await timed(texts.map((source) => ({ type: 'related', source, limit: 10 }))),
          listing: await timed(
            listings.map((papers) => ({ type: 'related', source: { title: 'Reading list', papers }, limit: 10 })),
          ),
        };
      },
      { cached, texts, listings },
    );
    const stat = (xs: number[]): Timing => ({ p50: median(xs), p95: quantile(xs, 0.95), n: xs.length });
    const row = (what: string, t: Timing, target: string) =>
      rows.push(`| ${what} (${t.n}) | ${label} | ${t.p50.toFixed(1)} ms | ${t.p95.toFixed(1)} ms | ${target} |`);
    const target = n > 20_000 ? '≤ 100 ms p95' : '≤ 30 ms p95';
    row('messaging floor: `status` round trip', stat(times.status), '—');
    row('related, cached paper (its arXiv page)', stat(times.paper), target);
    row('related, uncached paper (title + abstract)', stat(times.text), target);
    row('related, a page listing 20 cached papers', stat(times.listing), '—');

    // A restarted worker loads the persisted indexes (never rebuilds them) before its first answer.
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const restart = await page.evaluate(async (id) => {
      const rt = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome.runtime;
      const t = performance.now();
      await rt.sendMessage({ type: 'related', source: { id, title: id }, limit: 10 });
      const first = performance.now() - t;
      const t2 = performance.now();
      await rt.sendMessage({ type: 'related', source: { id, title: id }, limit: 10 });
      return { first, second: performance.now() - t2 };
    }, cached[0]!);
    rows.push(
      `| first related answer of a restarted worker (loads the persisted indexes) | ${label} | ${restart.first.toFixed(0)} ms | next: ${restart.second.toFixed(1)} ms | — |`,
    );
  } finally {
    await h.close().catch(() => {});
  }
  return rows;
}

const sizes = (process.argv[2] ?? '10000,50000').split(',').map(Number);
const rows: string[] = [];
for (const n of sizes) rows.push(...(await measure(n)));
console.log('## Related papers in the service worker (real Chromium, production build)\n');
console.log('| what | papers | p50 | p95 | target |');
console.log('|---|---:|---:|---:|---|');
for (const r of rows) console.log(r);
