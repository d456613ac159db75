/** Whether the extension's background (Chrome's service worker) is running now, as far as the browser says. */
import { browser } from 'wxt/browser';

/**
 * True when no background context runs (Chrome stopped the idle service worker: the next message starts it), false
 * when one does, undefined when the browser cannot tell (`runtime.getContexts`: Chrome 116+; an error). Ask it
 * before sending any message: a message wakes the worker.
 */
export async function backgroundAsleep(): Promise<boolean | undefined> {
  const runtime = browser.runtime as { getContexts?: typeof browser.runtime.getContexts };
  if (typeof runtime.getContexts !== 'function') return undefined;
  try {
    return (await runtime.getContexts({ contextTypes: ['BACKGROUND'] })).length === 0;
  } catch {
    return undefined;
  }
}
