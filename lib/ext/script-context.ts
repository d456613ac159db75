/**
 * The life of one content-script run, told to no one but the run itself. It stands in for WXT's
 * `ContentScriptContext`, which on every page dispatches a `<extension id>:<script>:wxt:content-script-started`
 * CustomEvent and `postMessage` — so any page could learn the extension is installed (and its id), and a page
 * replaying the event stopped the script (RELIABILITY.md). The content scripts are therefore plain scripts
 * (`defineUnlistedScript`) listed in the manifest by `wxt.config.ts`, and create their context here.
 *
 * One run per page, another way: each run registers in the content scripts' isolated world (a global of that world,
 * which pages cannot see or reach) and stops the run registered before it under the same name — an update's
 * re-injection, or a second injection. A run whose extension was reloaded or removed (its `runtime.id` gone) stops
 * itself, quietly, the next time anything calls into it (`guard`); the new run replaces its badges meanwhile.
 */
import { browser } from 'wxt/browser';

export interface ScriptContext {
  /** Aborted when the run stops. */
  readonly signal: AbortSignal;
  /** Whether the run may still work: not stopped, and its extension still there (checked each time). */
  readonly isValid: boolean;
  /** Calls `cb` once when the run stops. */
  onInvalidated(cb: () => void): void;
  /** `target.addEventListener`, removed when the run stops; the handler runs only while the run is valid. */
  addEventListener(target: EventTarget, type: string, handler: (e: Event) => void): void;
  /** `fn`, made to do nothing (and stop the run) once the extension is gone. */
  guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  /** Stops the run. */
  stop(): void;
}

/** Where runs register, in the isolated world's global object (never the page's). */
const REGISTRY = Symbol.for('paper-radar.content-script-runs');

/**
 * Starts a run of the content script `name`, stopping the one before it in this page, if any. Call it first
 * thing in the script.
 */
export function startScriptContext(name: string): ScriptContext {
  const global = globalThis as unknown as Record<symbol, Map<string, () => void> | undefined>;
  const runs = (global[REGISTRY] ??= new Map());
  runs.get(name)?.();
  const controller = new AbortController();
  const stop = () => {
    if (runs.get(name) === stop) runs.delete(name);
    if (!controller.signal.aborted) controller.abort();
  };
  runs.set(name, stop);
  const extensionAlive = () => {
    try {
      return browser.runtime?.id !== undefined;
    } catch {
      return false;
    }
  };
  const ctx: ScriptContext = {
    signal: controller.signal,
    get isValid() {
      if (controller.signal.aborted) return false;
      if (extensionAlive()) return true;
      stop();
      return false;
    },
    onInvalidated(cb) {
      if (controller.signal.aborted) cb();
      else controller.signal.addEventListener('abort', () => cb(), { once: true });
    },
    addEventListener(target, type, handler) {
      target.addEventListener(type, ctx.guard(handler), { signal: controller.signal });
    },
    guard(fn) {
      return (...args) => {
        if (ctx.isValid) fn(...args);
      };
    },
    stop,
  };
  return ctx;
}
