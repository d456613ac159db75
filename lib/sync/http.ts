/**
 * One GET with a timeout and retries: the network half of the sync engine, kept apart so its failure modes are
 * tested on their own.
 */

/** The minimal `fetch` the sync engine needs; the global one fits. */
export type FetchLike = (input: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface RetryOptions {
  fetch: FetchLike;
  /** Per-attempt timeout. Default 20 s: an MV3 service worker is killed 30 s into an unanswered fetch. */
  timeoutMs?: number;
  /** Attempts after the first. Default 3. */
  retries?: number;
  /** Backoff before retry n (0-based) is `baseDelayMs * 2^n`, ± 50% jitter, capped at `maxDelayMs`. Default 1 s. */
  baseDelayMs?: number;
  /** Longest wait between attempts, also for `Retry-After`; a longer `Retry-After` ends the tries. Default 30 s. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Returns [0, 1); default `Math.random`. */
  random?: () => number;
  /** Clock for HTTP-date `Retry-After` values. */
  now?: () => number;
  signal?: AbortSignal;
}

export type FetchOutcome =
  | { ok: true; status: number; body: string; attempts: number }
  | {
      ok: false;
      /** `network`: no HTTP answer (offline, DNS, reset, timeout); `http`: an error status. */
      kind: 'network' | 'http' | 'aborted';
      status?: number;
      reason: string;
      attempts: number;
      /** Set when the server asked us to wait longer than we are willing to (epoch ms). */
      retryAt?: number;
    };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, as milliseconds from `now`; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP date names its weekday and month in letters; `Date.parse` alone would accept `-5` as a year.
  if (!/[a-z]{3}/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/**
 * GETs `url`, retrying network errors, timeouts, 408, 429 and 5xx with exponential backoff and jitter; a
 * `Retry-After` header sets the wait when present. Other statuses (404, 400…) fail at once. Never throws.
 */
export async function fetchWithRetry(url: string, options: RetryOptions): Promise<FetchOutcome> {
  const {
    timeoutMs = 20_000,
    retries = 3,
    baseDelayMs = 1_000,
    maxDelayMs = 30_000,
    sleep = defaultSleep,
    random = Math.random,
    now = Date.now,
    signal,
  } = options;
  let attempts = 0;
  for (;;) {
    if (signal?.aborted) return { ok: false, kind: 'aborted', reason: 'sync cancelled', attempts };
    attempts++;
    const timeout = new AbortController();
    const onAbort = () => timeout.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    let failure: Extract<FetchOutcome, { ok: false }>;
    let waitMs: number | undefined;
    try {
      const res = await options.fetch(url, { signal: timeout.signal });
      if (res.ok) {
        const body = await res.text();
        return { ok: true, status: res.status, body, attempts };
      }
      failure = { ok: false, kind: 'http', status: res.status, reason: `HTTP ${res.status}`, attempts };
      if (!isRetryableStatus(res.status)) return failure;
      waitMs = parseRetryAfter(res.headers.get('retry-after'), now());
      if (waitMs !== undefined && waitMs > maxDelayMs) {
        return {
          ...failure,
          reason: `HTTP ${res.status}, asked to retry in ${Math.ceil(waitMs / 1000)} s`,
          retryAt: now() + waitMs,
        };
      }
    } catch (e) {
      if (signal?.aborted) return { ok: false, kind: 'aborted', reason: 'sync cancelled', attempts };
      const timedOut = timeout.signal.aborted;
      failure = {
        ok: false,
        kind: 'network',
        reason: timedOut ? `timed out after ${timeoutMs} ms` : `network error: ${(e as Error).message || String(e)}`,
        attempts,
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (attempts > retries) return failure;
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1));
    await sleep(waitMs ?? backoff * (0.5 + random()));
  }
}
