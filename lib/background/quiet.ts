/**
 * A pause in the pages' requests, for the heaviest warm-up to wait for: at 50,000 papers, deserializing the
 * typed-search index (a 57 MB JSON) holds a woken worker's one thread for seconds, and a popup request arriving
 * meanwhile waits as long. Measured: a cold popup's detected-list lookup answered 3–5 s after it was sent, while
 * this warm-up and the first "For you" (which reads every paper) ran (BENCHMARKS.md, session 10; the pause was not
 * measured on its own — "For you" was the larger wait). The typed-search index still loads on demand at the first
 * search, so waiting costs nothing but when the warm-up starts.
 */
export interface Quiet {
  /** A request began (pair with `end`). */
  begin(): void;
  /** A request was answered. */
  end(): void;
  /** Resolves once no request is being answered and none began or ended for `ms` (default `QUIET_MS`). */
  settled(ms?: number): Promise<void>;
}

/** How long the pages' requests must pause before the typed-search warm-up starts, ms. */
export const QUIET_MS = 300;

/**
 * A `Quiet` on the clock `now` (ms) with timers `sleep`; a request that never ends (a lost reply) keeps it from
 * settling, which only leaves the typed-search index to load at the first search.
 */
export function createQuiet(
  now: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Quiet {
  let inFlight = 0;
  let last = Number.NEGATIVE_INFINITY;
  return {
    begin() {
      inFlight++;
      last = now();
    },
    end() {
      inFlight = Math.max(0, inFlight - 1);
      last = now();
    },
    async settled(ms = QUIET_MS) {
      for (;;) {
        const left = last + ms - now();
        if (inFlight === 0 && left <= 0) return;
        await sleep(Math.max(left, ms / 4));
      }
    },
  };
}
