import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, isExcludedSite, normalizeSite, readSettings } from '../../../lib/settings/settings';
import { describeRetry, describeStatus, formatAgo, shownState } from '../../../lib/sync/status';
import { excludeMatchesFor } from '../../../lib/ext/everywhere';

describe('readSettings', () => {
  it('gives the defaults for nothing stored', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
  it('clamps numbers and drops broken values', () => {
    expect(
      readSettings({
        backfillDays: 9999,
        syncIntervalMinutes: 1,
        badgesEverywhere: 'yes',
        excludedSites: ['https://WWW.Example.com/x', ''],
      }),
    ).toEqual({
      backfillDays: 730,
      syncIntervalMinutes: 15,
      badgesOnArxiv: true,
      badgesEverywhere: false,
      excludedSites: ['www.example.com'],
      historyPaused: false,
      dimUnfollowed: false,
    });
  });
});

describe('normalizeSite and isExcludedSite', () => {
  it.each([
    ['Example.com', 'example.com'],
    ['https://news.ycombinator.com/item?id=1', 'news.ycombinator.com'],
    ['*.github.io', 'github.io'],
    ['not a host', ''],
    [`${'a'.repeat(63)}.example.com`, `${'a'.repeat(63)}.example.com`],
    [`${'a'.repeat(64)}.example.com`, ''],
    [`${'a.'.repeat(125)}com`, `${'a.'.repeat(125)}com`],
    [`${'a.'.repeat(126)}com`, ''],
  ])('normalizes %s to %s', (raw, host) => {
    expect(normalizeSite(raw)).toBe(host);
  });
  it('drops a leading `*.` even where the URL parser percent-encodes `*` in a host, as Chromium does', () => {
    class ChromiumUrl extends URL {
      override get hostname() {
        return super.hostname.replaceAll('*', '%2a');
      }
    }
    vi.stubGlobal('URL', ChromiumUrl);
    try {
      expect(new URL('https://*.github.io').hostname).toBe('%2a.github.io');
      expect(normalizeSite('*.Example.COM')).toBe('example.com');
      expect(normalizeSite('https://*.example.com/path')).toBe('example.com');
      // What such a parser made of it before: a stored `%2a.` site reads back as the site.
      expect(normalizeSite('%2a.example.com')).toBe('example.com');
    } finally {
      vi.unstubAllGlobals();
    }
  });
  it('covers subdomains but not look-alikes', () => {
    expect(isExcludedSite('gist.github.com', ['github.com'])).toBe(true);
    expect(isExcludedSite('notgithub.com', ['github.com'])).toBe(false);
  });
  it('turns excluded sites into match patterns that also keep arXiv out', () => {
    expect(excludeMatchesFor(['example.com'])).toEqual(
      expect.arrayContaining(['*://example.com/*', '*://*.example.com/*', '*://arxiv.org/*']),
    );
  });
});

describe('describeStatus', () => {
  const now = Date.parse('2026-08-07T12:00:00Z');
  it.each([
    [{ state: 'idle', count: 1234, lastSuccessAt: now - 3 * 60_000 }, '1,234 papers cached, updated 3 min ago'],
    [{ state: 'syncing', count: 1, progress: { done: 2, planned: 60 } }, 'Syncing… 2/60 days · 1 paper cached'],
    // Offline, unreachable and failed are said once, by the page's notice; the line keeps counts and freshness.
    [{ state: 'offline', count: 10 }, '10 papers cached'],
    [
      {
        state: 'offline',
        offline: 'unreachable',
        count: 10,
        lastSuccessAt: now - 7_200_000,
        nextAttemptAt: now + 120_000,
      },
      '10 papers cached, updated 2 h ago',
    ],
    [{ state: 'error', count: 0, lastError: 'HTTP 503', nextAttemptAt: now + 30_000 }, '0 papers cached'],
    [
      { state: 'idle', count: 5, lastSuccessAt: now, nextAttemptAt: now + 57 * 60_000 },
      '5 papers cached, updated just now · next sync in 57 min',
    ],
  ] as const)('describes %j', (status, text) => {
    expect(describeStatus(status, now)).toBe(text);
  });
  it.each([
    [undefined, undefined],
    [now + 20_000, 'in 20 s'],
    [now + 5 * 60_000, 'in 5 min'],
    [now + 89 * 60_000, 'in 1 h'],
  ])('says when the scheduled retry is (%s)', (nextAttemptAt, text) => {
    const status = { state: 'error' as const, count: 1, ...(nextAttemptAt !== undefined ? { nextAttemptAt } : {}) };
    expect(describeRetry(status, now)).toBe(text);
  });
  it('shows offline whenever the browser is, whatever the last sync said', () => {
    expect(shownState({ state: 'error', count: 1 }, false)).toBe('offline');
    expect(shownState({ state: 'error', count: 1 }, true)).toBe('error');
    expect(shownState({ state: 'syncing', count: 1 }, false)).toBe('syncing');
  });
  it('says just now for under a minute', () => {
    expect(formatAgo(59_000)).toBe('just now');
    expect(formatAgo(3 * 86_400_000)).toBe('3 days ago');
  });
});
