/**
 * The message round trip from an extension page to the warm service worker and back, one-off
 * (`runtime.sendMessage`) against a long-lived port (`runtime.connect`, `lib/ext/port-transport.ts`), in the same
 * page and the same run, alternating, so the machine's load weighs on both alike. A build with the port handler is
 * needed (`PAPER_RADAR_EXTENSION_DIR`). Requests: `status` (a storage read in the worker) and a one-word `search`.
 *
 * `PR_BENCH_PROFILE=<folder> npx tsx bench/popup-transit.ts [rounds]` (a profile kept by `bench/popup.ts`, e.g.
 * `<folder>/10000`, gives the search a real index; without one the index is empty).
 */
import { loadavg } from 'node:os';
import { SYNC_STATUS_KEY } from '../lib/ext/cache-watch';
import { launch } from '../tests/e2e/harness';
import { PORT_NAME } from '../lib/ext/port-transport';
import { median, quantile } from './stats';

const rounds = Number(process.argv[2] ?? 300);
const profile = process.env.PR_BENCH_PROFILE;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

const h = await launch(profile ? { profile } : {});
try {
  const page = await h.open('privacy.html');
  await page.evaluate('globalThis.__name = (f) => f');
  // The install's (or the start's) sync and index work first: the worker is to be warm and idle.
  await page.evaluate(async (key) => {
    type Local = { get(k: string): Promise<Record<string, { state?: string } | undefined>> };
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: Local } } };
    for (let i = 0; i < 3000; i++) {
      const state = (await chrome.storage.local.get(key))[key]?.state;
      if (state !== undefined && state !== 'syncing') return;
      await new Promise((r) => setTimeout(r, 200));
    }
  }, SYNC_STATUS_KEY);
  await new Promise((r) => setTimeout(r, 3000));
  const startLoad = load();
  const out = await page.evaluate(
    async ({ rounds, portName }) => {
      type Port = {
        postMessage(m: unknown): void;
        disconnect(): void;
        onMessage: { addListener(f: (m: { id: number; reply: unknown }) => void): void };
      };
      type Runtime = { sendMessage(m: unknown): Promise<unknown>; connect(i: { name: string }): Port };
      const runtime = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome.runtime;
      const waiting = new Map<number, () => void>();
      let nextId = 1;
      const listen = (p: Port) => p.onMessage.addListener((m) => waiting.get(m.id)?.());
      let port = runtime.connect({ name: portName });
      listen(port);
      const overPort = (request: unknown, p: Port = port) =>
        new Promise<void>((resolve) => {
          const id = nextId++;
          waiting.set(id, resolve);
          p.postMessage({ id, request });
        });
      const oneOff = async (request: unknown) => void (await runtime.sendMessage(request));
      const time = async (f: () => Promise<void>) => {
        const t0 = performance.now();
        await f();
        return performance.now() - t0;
      };
      const gap = (i: number) => new Promise((r) => setTimeout(r, (i * 7) % 16));
      const requests = [{ type: 'status' }, { type: 'search', query: 'graph', limit: 20 }];
      const res: Record<string, number[]> = {};
      const push = (k: string, v: number) => (res[k] ??= []).push(v);
      for (let i = 0; i < rounds; i++) {
        const request = requests[i % requests.length]!;
        const kind = (request as { type: string }).type;
        // Alternating order, so neither path always goes first after the gap.
        const pair: [string, () => Promise<void>][] = [
          ['sendMessage', () => oneOff(request)],
          ['port', () => overPort(request)],
        ];
        if (i % 2 === 1) pair.reverse();
        for (const [name, f] of pair) {
          await gap(i);
          push(`${kind} ${name}`, await time(f));
        }
      }
      // A page's first request: a new port opened and used once, against a one-off message.
      for (let i = 0; i < 30; i++) {
        await gap(i);
        push('first-request sendMessage', await time(() => oneOff(requests[0])));
        await gap(i);
        push(
          'first-request new-port',
          await time(async () => {
            port = runtime.connect({ name: portName });
            listen(port);
            await overPort(requests[0]);
          }),
        );
        port.disconnect();
      }
      return res;
    },
    { rounds, portName: PORT_NAME },
  );
  console.log(`## Message round trip, warm worker (load ${startLoad} → ${load()}; ${profile ?? 'fresh profile'})\n`);
  console.log('| request | path | n | p50 | p95 | max |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const [k, xs] of Object.entries(out)) {
    const [kind, ...path] = k.split(' ');
    console.log(
      `| ${kind} | ${path.join(' ')} | ${xs.length} | ${median(xs).toFixed(2)} | ${quantile(xs, 0.95).toFixed(2)} | ${Math.max(...xs).toFixed(1)} |`,
    );
  }
} finally {
  await h.close();
}
