/**
 * Self time per trace event name, per process, from a Chrome trace (`Tracing` over the DevTools protocol): where
 * the CPU of a traced span went, in the browser's own terms (`IndexedDB…`, `LevelDB…`, V8's `v8.serialize`, …).
 * Complete (`X`) and begin/end (`B`/`E`) events are nested per thread; an event's self time is its duration less its
 * children's. Wall time on a thread, not CPU time: a thread descheduled by other load still counts.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: Record<string, unknown>;
}

interface Span {
  name: string;
  start: number;
  end: number;
}

/** `process label → (event name → self ms)`, a process labelled by its trace name (and utility sub-type). */
export function selfTimeByProcess(events: readonly TraceEvent[]): Map<string, Map<string, number>> {
  const label = new Map<number, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    const name = (e.args?.name ?? e.args?.labels) as string | undefined;
    if (name) label.set(e.pid, [label.get(e.pid), name].filter(Boolean).join(' '));
  }
  const spans = new Map<string, Span[]>();
  const open = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.dur !== undefined) {
      (spans.get(key) ?? spans.set(key, []).get(key)!).push({ name: e.name, start: e.ts, end: e.ts + e.dur });
    } else if (e.ph === 'B') {
      (open.get(key) ?? open.set(key, []).get(key)!).push(e);
    } else if (e.ph === 'E') {
      const b = open.get(key)?.pop();
      if (b) (spans.get(key) ?? spans.set(key, []).get(key)!).push({ name: b.name, start: b.ts, end: e.ts });
    }
  }
  const out = new Map<string, Map<string, number>>();
  for (const [key, list] of spans) {
    const pid = Number(key.split(':')[0]);
    const proc = label.get(pid) ?? `pid ${pid}`;
    const byName = out.get(proc) ?? out.set(proc, new Map()).get(proc)!;
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    // A stack of the spans enclosing the current one, each with the time its children took.
    const stack: { span: Span; children: number }[] = [];
    const close = (upTo: number) => {
      while (stack.length > 0 && stack.at(-1)!.span.end <= upTo) {
        const { span, children } = stack.pop()!;
        const self = Math.max(0, span.end - span.start - children);
        byName.set(span.name, (byName.get(span.name) ?? 0) + self / 1000);
        if (stack.length > 0) stack.at(-1)!.children += span.end - span.start;
      }
    };
    for (const s of list) {
      close(s.start);
      stack.push({ span: s, children: 0 });
    }
    close(Infinity);
  }
  return out;
}
