import { describe, expect, it } from 'vitest';
import { fetchWithRetry, HostCircuit, parseRetryAfter, refusal } from '../../../lib/sync/http';
import { clampBackfillDays, planSync } from '../../../lib/sync/plan';
import type { DayState } from '../../../lib/db/database';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-08-07T12:00:00Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Fri, 07 Aug 2026 12:00:30 GMT', 30_000],
    ['Fri, 07 Aug 2026 11:00:00 GMT', 0],
  ])('reads %s as %d ms', (v, ms) => {
    expect(parseRetryAfter(v, now)).toBe(ms);
  });
  it.each([null, '', 'soon', '-5'])('ignores %s', (v) => {
    expect(parseRetryAfter(v, now)).toBeUndefined();
  });
});

describe('fetchWithRetry', () => {
  it('backs off exponentially with jitter between retries', async () => {
    const waits: number[] = [];
    const res = await fetchWithRetry('https://x.test/', {
      fetch: async () => new Response('', { status: 502 }),
      sleep: async (ms) => void waits.push(ms),
      random: () => 1, // the top of the jitter range: 1.5 × the base delay
      retries: 3,
    });
    expect(res).toMatchObject({ ok: false, kind: 'http', status: 502, attempts: 4 });
    expect(waits).toEqual([1500, 3000, 6000]);
  });

  it('does not retry a 404', async () => {
    let calls = 0;
    const res = await fetchWithRetry('https://x.test/', {
      fetch: async () => {
        calls++;
        return new Response('', { status: 404 });
      },
      sleep: async () => {},
    });
    expect(res).toMatchObject({ ok: false, status: 404, reason: 'HTTP 404' });
    expect(calls).toBe(1);
  });

  it('returns the body of the first success', async () => {
    let calls = 0;
    const res = await fetchWithRetry('https://x.test/', {
      fetch: async () => (++calls < 3 ? Promise.reject(new TypeError('reset')) : new Response('[1]')),
      sleep: async () => {},
    });
    expect(res).toEqual({ ok: true, status: 200, body: '[1]', attempts: 3 });
  });
});

describe('fetchWithRetry: only the real feed', () => {
  const FEED = 'https://huggingface.co/api/daily_papers?date=2026-08-07';
  const origin = 'https://huggingface.co';
  /** A Response as `fetch` would give it for a request to `url` (the constructor cannot set `url` or `type`). */
  const answer = (body: string, init: ResponseInit, fields: { url?: string; type?: ResponseType } = {}) => {
    const res = new Response(body, init);
    for (const [k, v] of Object.entries(fields)) Object.defineProperty(res, k, { value: v });
    return res;
  };

  it('asks fetch not to follow redirects', async () => {
    const seen: (string | undefined)[] = [];
    await fetchWithRetry(FEED, {
      origin,
      fetch: async (_u, init) => {
        seen.push(init?.redirect);
        return new Response('[]');
      },
    });
    expect(seen).toEqual(['manual']);
  });

  it.each([
    [
      'an off-origin redirect (Node: the 302 itself)',
      () => answer('', { status: 302, headers: { location: 'https://evil.example/feed.json' } }),
      'refused a redirect to https://evil.example: the feed is only taken from https://huggingface.co, never through a redirect',
    ],
    [
      'a downgrade to plain http',
      () =>
        answer('', { status: 301, headers: { location: 'http://huggingface.co/api/daily_papers?date=2026-08-07' } }),
      'refused a redirect to plain http (http://huggingface.co): the feed is only taken from https://huggingface.co',
    ],
    [
      'a same-origin redirect',
      () => answer('', { status: 307, headers: { location: '/api/other' } }),
      'refused a redirect to /api/other: the feed is only taken from https://huggingface.co, never through a redirect',
    ],
    [
      "a browser's opaque redirect",
      () => answer('', { status: 200 }, { type: 'opaqueredirect' }),
      'refused a redirect: the feed is only taken from https://huggingface.co, never through a redirect',
    ],
    [
      'an answer from another origin (a fetch that followed anyway)',
      () => answer('[]', { status: 200 }, { url: 'https://evil.example/feed.json' }),
      'refused an answer from https://evil.example: the feed is only taken from https://huggingface.co',
    ],
    [
      'an answer over plain http',
      () => answer('[]', { status: 200 }, { url: 'http://huggingface.co/api/daily_papers' }),
      'refused an answer from http://huggingface.co: the feed is only taken from https://huggingface.co',
    ],
  ])('refuses %s at once, with the reason', async (_what, res, reason) => {
    let calls = 0;
    const out = await fetchWithRetry(FEED, {
      origin,
      sleep: async () => {},
      fetch: async () => {
        calls++;
        return res();
      },
    });
    expect(out).toMatchObject({ ok: false, kind: 'refused', reason });
    expect(calls).toBe(1);
  });

  it('accepts the feed answering from its own origin', () => {
    expect(refusal(answer('[]', { status: 200 }, { url: FEED }), origin)).toBeUndefined();
  });

  it('refuses a body over the byte cap while reading it', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(chunk);
      },
    });
    const out = await fetchWithRetry(FEED, { origin, maxBytes: 1024 * 1024, fetch: async () => new Response(endless) });
    expect(out).toMatchObject({ ok: false, kind: 'refused', reason: 'response too large: over 1 MB' });
    // It stopped soon after the cap instead of reading on forever.
    expect(pulled).toBeLessThan(40);
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const out = await fetchWithRetry(FEED, {
      origin,
      maxBytes: 1000,
      fetch: async () => new Response('[]', { headers: { 'content-length': '5000000' } }),
    });
    expect(out).toMatchObject({ ok: false, kind: 'refused', reason: 'response too large: over 1 KB' });
  });

  it('reads a body within the cap, multi-byte text intact', async () => {
    const text = JSON.stringify([{ title: 'Zürich — 東京 🤗' }]);
    const out = await fetchWithRetry(FEED, { origin, maxBytes: 1000, fetch: async () => new Response(text) });
    expect(out).toMatchObject({ ok: true, body: text });
  });
});

describe('HostCircuit', () => {
  it('opens after the threshold of network failures in a row, and any answer resets the count', () => {
    const c = new HostCircuit(3);
    c.failed();
    c.failed();
    c.answered();
    c.failed();
    c.failed();
    expect(c.open).toBe(false);
    c.failed();
    expect(c.open).toBe(true);
    expect(c.signal.aborted).toBe(true);
  });

  it('ends the backoff of the other requests once open, and starts no attempt after', async () => {
    const circuit = new HostCircuit(2);
    let calls = 0;
    const options = {
      circuit,
      retries: 10,
      sleep: () => new Promise<void>(() => {}), // a backoff that never ends on its own
      fetch: async () => {
        calls++;
        throw new TypeError('Failed to fetch');
      },
    };
    const url = 'https://huggingface.co/api/daily_papers';
    // Each request fails once and waits; the second failure opens the circuit, which ends both waits.
    const outs = await Promise.all([fetchWithRetry(url, options), fetchWithRetry(url, options)]);
    expect(calls).toBe(2);
    for (const out of outs) {
      expect(out).toMatchObject({
        ok: false,
        kind: 'network',
        reason: 'huggingface.co unreachable: 2 requests in a row got no answer',
      });
    }
  }, 2000);
});

describe('planSync', () => {
  const ok = (date: string, okAt: string): DayState => ({
    date,
    status: 'ok',
    fetchedAt: Date.parse(okAt),
    okAt: Date.parse(okAt),
    entries: 1,
    rejected: 0,
    failures: 0,
  });

  it('asks the whole window on a first sync, newest first', () => {
    const plan = planSync('2026-08-07', { backfillDays: 7 }, new Map());
    expect(plan).toEqual([
      '2026-08-07',
      '2026-08-06',
      '2026-08-05',
      '2026-08-04',
      '2026-08-03',
      '2026-08-02',
      '2026-08-01',
    ]);
  });

  it('skips settled dates, and always asks the last three and the failed ones again', () => {
    const states = new Map<string, DayState>([
      ['2026-08-06', ok('2026-08-06', '2026-08-10T00:00:00Z')],
      ['2026-08-04', ok('2026-08-04', '2026-08-10T00:00:00Z')],
      ['2026-08-03', { ...ok('2026-08-03', '2026-08-10T00:00:00Z'), status: 'failed' }],
      // Fetched the evening of its own day: the list may have grown since.
      ['2026-08-02', ok('2026-08-02', '2026-08-02T20:00:00Z')],
      ['2026-08-01', ok('2026-08-01', '2026-08-10T00:00:00Z')],
    ]);
    expect(planSync('2026-08-07', { backfillDays: 7 }, states)).toEqual([
      '2026-08-07',
      '2026-08-06',
      '2026-08-05',
      '2026-08-03',
      '2026-08-02',
    ]);
  });

  it.each([
    [1, 7],
    [60, 60],
    [5000, 730],
    [Number.NaN, 60],
  ])('clamps a backfill of %s days to %s', (n, want) => {
    expect(clampBackfillDays(n)).toBe(want);
  });
});
