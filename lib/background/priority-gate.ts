/**
 * A gate that holds the worker's heavy warm-ups (the title matcher, the typed-search index) until the answer a woken
 * worker was woken for has gone out — the popup's related papers — or `timeoutMs` passed (a worker woken by something
 * else). A service worker runs on one thread: deserializing every paper for the title matcher or a 10–60 MB search
 * index holds it for seconds, and a related answer queued behind that waits as long.
 */
export interface PriorityGate {
  /** Opens the gate (idempotent). */
  open(): void;
  /** Resolves once the gate is open. */
  wait(): Promise<void>;
}

/** How long a gate stays shut at most, ms: a popup's first related request arrives well within it. */
export const PRIORITY_GATE_MS = 1500;

/** A gate that opens on `open()` or after `timeoutMs` (timers from `setTimer`, default `setTimeout`). */
export function createPriorityGate(
  timeoutMs = PRIORITY_GATE_MS,
  setTimer: (f: () => void, ms: number) => unknown = setTimeout,
): PriorityGate {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  setTimer(() => open(), timeoutMs);
  return { open: () => open(), wait: () => opened };
}
