/**
 * Where each badge frame's time went, from the traces `bench/page-cost.ts` writes (`PR_BENCH_TRACE_DIR`, taken with
 * `PR_BENCH_LONG=1` so that the trace holds the `blink` category's lifecycle timers). A badge frame is a main-thread
 * task of the traced tab that runs an animation frame callback of a `chrome-extension://` script: the frame in which
 * the content script inserted badges, with the style, layout, compositing inputs, pre-paint and paint they caused.
 *
 * Per trace: each frame's CPU (thread) time, its compositing-inputs CPU time (`Blink.CompositingInputs.UpdateTime`),
 * and the layout's dirty / total objects (`partial` for a subtree layout); then the frames' CPU summed and the
 * largest self CPU times over all of them. CPU times, unlike wall times, are what a loaded machine stretches least.
 *
 *   npx tsx bench/trace-frames.ts /tmp/traces/*.json [--frames]
 */
import { readFileSync } from 'node:fs';
import { traceEventsOf } from './trace-read';

type Ev = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    data?: { url?: string };
    beginData?: { dirtyObjects?: number; totalObjects?: number; partialLayout?: boolean };
  };
};

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const showFrames = process.argv.includes('--frames');
const ms = (us: number | undefined) => (us ?? 0) / 1000;

for (const file of files) {
  const events = traceEventsOf<Ev>(readFileSync(file, 'utf8'));
  const ours = events.find(
    (e) =>
      e.name === 'FireAnimationFrame' ||
      (e.name === 'FunctionCall' && e.args?.data?.url?.startsWith('chrome-extension://')),
  );
  if (!ours) {
    console.log(`${file}: no Paper Radar script in the trace`);
    continue;
  }
  const onThread = events
    .filter((e) => e.pid === ours.pid && e.tid === ours.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const frames: { cpu: number; ci: number; layout: string; self: Map<string, number> }[] = [];
  let i = 0;
  for (const task of onThread) {
    if (task.name !== 'RunTask') continue;
    const end = task.ts + task.dur!;
    while (i < onThread.length && onThread[i]!.ts < task.ts) i++;
    const inside: Ev[] = [];
    for (let k = i; k < onThread.length && onThread[k]!.ts <= end; k++)
      if (onThread[k] !== task && onThread[k]!.ts + onThread[k]!.dur! <= end) inside.push(onThread[k]!);
    const fired = inside.some((e) => e.name === 'FireAnimationFrame');
    const script = inside.some((e) => e.args?.data?.url?.startsWith('chrome-extension://'));
    if (!fired || !script) continue;
    // Self CPU time per event name: each event's thread time less its children's.
    const self = new Map<string, number>();
    const stack: { e: Ev; child: number }[] = [];
    const close = (upTo: number) => {
      while (stack.length > 0 && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= upTo) {
        const top = stack.pop()!;
        self.set(top.e.name, (self.get(top.e.name) ?? 0) + ms((top.e.tdur ?? 0) - top.child));
      }
    };
    for (const e of inside) {
      close(e.ts);
      const parent = stack[stack.length - 1];
      if (parent) parent.child += e.tdur ?? 0;
      stack.push({ e, child: 0 });
    }
    close(Number.POSITIVE_INFINITY);
    const ci = inside
      .filter((e) => e.name === 'Blink.CompositingInputs.UpdateTime')
      .reduce((s, e) => s + ms(e.tdur), 0);
    const layout = inside
      .filter((e) => e.name === 'Layout')
      .map((e) => {
        const d = e.args?.beginData;
        return `${d?.dirtyObjects ?? '?'}/${d?.totalObjects ?? '?'}${d?.partialLayout ? ' partial' : ''}`;
      })
      .join(', ');
    frames.push({ cpu: ms(task.tdur), ci, layout, self });
  }
  const total = new Map<string, number>();
  for (const f of frames) for (const [k, v] of f.self) total.set(k, (total.get(k) ?? 0) + v);
  const cpus = frames.map((f) => f.cpu).sort((a, b) => a - b);
  const cis = frames.map((f) => f.ci).sort((a, b) => a - b);
  const mid = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? Number.NaN;
  console.log(
    `${file}: ${frames.length} badge frames, CPU ${cpus.reduce((a, b) => a + b, 0).toFixed(0)} ms ` +
      `(median ${mid(cpus).toFixed(1)}, max ${(cpus[cpus.length - 1] ?? Number.NaN).toFixed(1)}); ` +
      `compositing inputs ${cis.reduce((a, b) => a + b, 0).toFixed(0)} ms (median ${mid(cis).toFixed(1)}, max ${(cis[cis.length - 1] ?? Number.NaN).toFixed(1)})`,
  );
  console.log(
    '  largest self CPU: ' +
      [...total]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(' | '),
  );
  if (showFrames)
    for (const f of frames)
      console.log(`  frame CPU ${f.cpu.toFixed(1)}, compositing inputs ${f.ci.toFixed(1)}, layout ${f.layout}`);
}
