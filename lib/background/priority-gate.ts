/**
 * A gate that holds the worker's heavy warm-ups (the title matcher, the typed-search index) until the answer a woken
 * worker was woken for has gone out — the popup's related papers — or `timeoutMs` passed with no such request
 * arrived (a worker woken by something else). A service worker runs on one thread: deserializing every paper for the
 * title matcher or a 10–60 MB search index holds it for seconds, and a related answer queued behind that waits as
 * long. Once a related request has arrived (`hold`), only its answer opens the gate: on a loaded machine the first
 * answer can take longer than the timeout, and opening then put the title matcher's read of every paper in front of
 * that answer's last database read (measured: a 15 s wait, BENCHMARKS.md).
 */
export interface PriorityGate {
  /** Opens the gate (idempotent). */
  open(): void;
  /** A request the gate waits for has arrived: from now on only `open()` opens it, not the timeout. */
  hold(): void;
  /** Resolves once the gate is open. */
  wait(): Promise<void>;
}

/** How long a gate stays shut at most when no related request arrives, ms. */
export const PRIORITY_GATE_MS = 1500;

/** A gate that opens on `open()`, or after `timeoutMs` unless held first (timers from `setTimer`, default `setTimeout`). */
export function createPriorityGate(
  timeoutMs = PRIORITY_GATE_MS,
  setTimer: (f: () => void, ms: number) => unknown = setTimeout,
): PriorityGate {
  let open!: () => void;
  let held = false;
  const opened = new Promise<void>((resolve) => (open = resolve));
  // When the timeout comes due while the worker is busy (loading the related index), a related request may already be
  // queued behind it: one more task hop lets it run (and hold the gate) before the timeout opens it (measured: a
  // request received 1 s after the timeout was due, behind the index load, then waited 14 s behind the title matcher).
  setTimer(() => held || setTimer(() => held || open(), 0), timeoutMs);
  return { open: () => open(), hold: () => void (held = true), wait: () => opened };
}
