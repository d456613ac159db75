/**
 * The browser APIs the badge loop calls, taken once from the content script's window when it starts and never
 * looked up on page objects afterwards. In Chromium a content script's isolated world has its own copies of
 * these, which a page cannot replace; capturing them at start keeps the loop correct wherever that shield is
 * thinner (a script sharing the page's realm, a page that clobbers names) and makes what it depends on explicit.
 */

/** The APIs of `capturePageApis`. Each is bound to the window it came from. */
export interface PageApis {
  MutationObserver: typeof MutationObserver;
  /** Absent where the DOM has none (old browsers, happy-dom): visible-first ordering is then skipped. */
  IntersectionObserver?: typeof IntersectionObserver;
  /** Runs `cb` before the next paint. */
  requestAnimationFrame: (cb: () => void) => void;
  /** Resolves soon, letting the page run its own tasks first (`scheduler.yield`, else a zero timeout). */
  yieldToPage: () => Promise<void>;
  getComputedStyle: (el: Element) => CSSStyleDeclaration;
  matchMedia?: (query: string) => MediaQueryList;
  /** A monotonic clock in ms. */
  now: () => number;
}

type WindowLike = Window &
  typeof globalThis & {
    scheduler?: { yield?: () => Promise<void> };
    IntersectionObserver?: typeof IntersectionObserver;
  };

/**
 * Binds the APIs of `win` (the content script's own `window`) now. Later changes to `win`'s properties do not
 * reach the returned object.
 */
export function capturePageApis(win: Window): PageApis {
  const w = win as WindowLike;
  const raf = w.requestAnimationFrame.bind(w);
  const setTimeout = w.setTimeout.bind(w);
  const schedulerYield = w.scheduler?.yield?.bind(w.scheduler);
  const getComputedStyle = w.getComputedStyle.bind(w);
  const matchMedia = typeof w.matchMedia === 'function' ? w.matchMedia.bind(w) : undefined;
  const perf = w.performance;
  const now = perf.now.bind(perf);
  const apis: PageApis = {
    MutationObserver: w.MutationObserver,
    requestAnimationFrame: (cb) => void raf(() => cb()),
    yieldToPage: schedulerYield ?? (() => new Promise<void>((resolve) => void setTimeout(resolve, 0))),
    getComputedStyle,
    now,
  };
  if (typeof w.IntersectionObserver === 'function') apis.IntersectionObserver = w.IntersectionObserver;
  if (matchMedia) apis.matchMedia = matchMedia;
  return Object.freeze(apis);
}
