/**
 * One GET with a timeout and retries: the network half of the sync engine, kept apart so its failure modes are
 * tested on their own. Besides retrying, it refuses what must not be believed: a redirect (the feed is taken from
 * its own origin or not at all, and never over plain `http:`), an answer from another origin, and a body over a
 * byte cap. A `HostCircuit` shared by the requests of one sync stops them all after a few network failures in a row.
 */

/** The minimal `fetch` the sync engine needs; the global one fits. */
export type FetchLike = (
  input: string,
  init?: { signal?: AbortSignal; redirect?: 'error' | 'follow' | 'manual' },
) => Promise<Response>;

/**
 * Counts the consecutive network failures (no HTTP answer: refused, reset, DNS, timeout) of one host over the
 * requests of one sync, and opens after `threshold` of them: the host is unreachable, and retrying every list
 * date would only send dozens of requests into the void (the issue measured 242 in 154 s). Any HTTP answer, even an
 * error status, shows the host is reachable and resets the count.
 */
export class HostCircuit {
  private consecutive = 0;
  private readonly opened = new AbortController();

  /** @param threshold Consecutive network failures that open the circuit. Default 3. */
  constructor(readonly threshold = 3) {}

  /** Aborted when the circuit opens: requests in flight stop at once. */
  get signal(): AbortSignal {
    return this.opened.signal;
  }

  get open(): boolean {
    return this.opened.signal.aborted;
  }

  /** Network failures in a row so far. */
  get failures(): number {
    return this.consecutive;
  }

  /** The host answered (any HTTP status). */
  answered(): void {
    if (!this.open) this.consecutive = 0;
  }

  /** The host did not answer. */
  failed(): void {
    if (++this.consecutive >= this.threshold && !this.open) this.opened.abort();
  }
}

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
  /**
   * The only origin a response may come from (`https://huggingface.co`). When set, redirects are not followed
   * (`redirect: 'manual'`): a redirect, or a response whose final URL is elsewhere, is `refused`. Default: the
   * request URL's own origin.
   */
  origin?: string;
  /** Largest body read, in bytes; a longer one is `refused` (and its download stopped). Default: no cap. */
  maxBytes?: number;
  /** Shared by the requests of one sync; see `HostCircuit`. */
  circuit?: HostCircuit;
}

export type FetchOutcome =
  | { ok: true; status: number; body: string; attempts: number }
  | {
      ok: false;
      /**
       * `network`: no HTTP answer (offline, DNS, reset, timeout, or the host's circuit opened); `http`: an error
       * status; `refused`: an answer that must not be believed (a redirect, another origin, too large a body);
       * `aborted`: the caller cancelled.
       */
      kind: 'network' | 'http' | 'refused' | 'aborted';
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

/** Why a response must not be believed, or `undefined` when it may be read. */
export function refusal(res: Response, origin: string): string | undefined {
  // `redirect: 'manual'` gives an opaque response in browsers (nothing of the target is readable), and the 3xx
  // itself with its `Location` in Node.
  const location = res.headers.get('location');
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
    let target: URL | undefined;
    try {
      target = location ? new URL(location, origin) : undefined;
    } catch {
      target = undefined;
    }
    if (target?.protocol === 'http:')
      return `refused a redirect to plain http (${target.origin}): the feed is only taken from ${origin}`;
    const where = target ? ` to ${target.origin === origin ? target.pathname : target.origin}` : '';
    return `refused a redirect${where}: the feed is only taken from ${origin}, never through a redirect`;
  }
  if (res.url) {
    let from: string;
    try {
      from = new URL(res.url).origin;
    } catch {
      from = res.url;
    }
    if (from !== origin) return `refused an answer from ${from}: the feed is only taken from ${origin}`;
  }
  return undefined;
}

class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`paper-radar: response over ${limit} bytes`);
  }
}

/** The body as text, reading at most `maxBytes` (stopping the download beyond them). */
async function readBody(res: Response, maxBytes: number | undefined): Promise<string> {
  if (maxBytes === undefined) return res.text();
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void res.body?.cancel().catch(() => {});
    throw new TooLarge(maxBytes);
  }
  if (!res.body) {
    const text = await res.text();
    if (text.length > maxBytes) throw new TooLarge(maxBytes);
    return text;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new TooLarge(maxBytes);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}

/**
 * GETs `url`, retrying network errors, timeouts, 408, 429 and 5xx with exponential backoff and jitter; a
 * `Retry-After` header sets the wait when present. Other statuses (404, 400…) fail at once, and so does a refused
 * answer (see `RetryOptions.origin` and `maxBytes`). With a `circuit`, every attempt reports to it, and once it is
 * open no attempt starts and those in flight end as `network` failures. Never throws.
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
    circuit,
    maxBytes,
  } = options;
  const origin = options.origin ?? new URL(url).origin;
  const unreachable = (attempts: number): Extract<FetchOutcome, { ok: false }> => ({
    ok: false,
    kind: 'network',
    reason: `${new URL(origin).host} unreachable: ${circuit?.failures ?? 0} requests in a row got no answer`,
    attempts,
  });
  let attempts = 0;
  for (;;) {
    if (signal?.aborted) return { ok: false, kind: 'aborted', reason: 'sync cancelled', attempts };
    if (circuit?.open) return unreachable(attempts);
    attempts++;
    const timeout = new AbortController();
    const onAbort = () => timeout.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    circuit?.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    let failure: Extract<FetchOutcome, { ok: false }>;
    let waitMs: number | undefined;
    try {
      const res = await options.fetch(url, { signal: timeout.signal, redirect: 'manual' });
      circuit?.answered();
      const refused = refusal(res, origin);
      if (refused) {
        void res.body?.cancel().catch(() => {});
        return { ok: false, kind: 'refused', status: res.status, reason: refused, attempts };
      }
      if (res.ok) {
        const body = await readBody(res, maxBytes);
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
      if (e instanceof TooLarge) {
        return { ok: false, kind: 'refused', reason: `response too large: over ${formatBytes(e.limit)}`, attempts };
      }
      if (signal?.aborted) return { ok: false, kind: 'aborted', reason: 'sync cancelled', attempts };
      if (circuit?.open) return unreachable(attempts);
      const timedOut = timeout.signal.aborted;
      failure = {
        ok: false,
        kind: 'network',
        reason: timedOut ? `timed out after ${timeoutMs} ms` : `network error: ${(e as Error).message || String(e)}`,
        attempts,
      };
      circuit?.failed();
      if (circuit?.open) return unreachable(attempts);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      circuit?.signal.removeEventListener('abort', onAbort);
    }
    if (attempts > retries) return failure;
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1));
    // The wait ends early when the caller cancels or the host's circuit opens: the loop then returns at once.
    await sleepUnless(sleep(waitMs ?? backoff * (0.5 + random())), [signal, circuit?.signal]);
  }
}

/** Resolves when `wait` does or any of `signals` aborts. */
function sleepUnless(wait: Promise<void>, signals: (AbortSignal | undefined)[]): Promise<void> {
  const live = signals.filter((s): s is AbortSignal => s !== undefined);
  if (live.length === 0) return wait;
  return new Promise<void>((resolve) => {
    const done = () => {
      for (const s of live) s.removeEventListener('abort', done);
      resolve();
    };
    for (const s of live) {
      if (s.aborted) return done();
      s.addEventListener('abort', done, { once: true });
    }
    void wait.then(done);
  });
}
