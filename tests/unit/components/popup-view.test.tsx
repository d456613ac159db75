// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupView, type PopupViewProps } from '../../../components/popup-view';
import type { PaperHit } from '../../../lib/feed/summary';
import type { PopupData } from '../../../hooks/use-popup-data';
import type { RelatedReply } from '../../../hooks/use-personal';
import { click, hit, HOSTILE, idle, idsOf, mount, press, typeInto, type Mounted } from './helpers';

const RELATED: PaperHit[] = [
  hit('2608.00001', 'Best related', { upvotes: 90, why: ['diffusion', 'video'] }),
  hit('2608.00002', 'Second related', { upvotes: 40 }),
  hit('2608.00003', 'Third related', { upvotes: 5 }),
];

const DATA: PopupData = {
  scan: {
    loading: false,
    value: { ids: ['2406.01234', '2608.00009'], papers: [], page: { title: 'A page' }, via: 'injected' },
  },
  detected: {
    loading: false,
    value: [
      {
        id: '2608.00009',
        reasons: ['link', 'title'],
        confidence: 0.95,
        info: { id: '2608.00009', title: 'In the feed', upvotes: 77, comments: 3, listDate: '2026-08-05', dayRank: 2 },
      },
      { id: '2406.01234', reasons: ['id in text'], confidence: 0.85, title: 'Attention Is All You Need' },
      { id: '2501.00001', reasons: ['link'], confidence: 0.95 },
    ],
  },
  related: {
    loading: false,
    value: { kind: 'related', basis: 'text', papers: 0, hits: RELATED, sourceTitle: 'A page' },
  },
  cited: { loading: false },
};

function props(over: Partial<PopupViewProps> = {}): PopupViewProps {
  return {
    status: idle(),
    now: Date.UTC(2026, 7, 7, 12, 5),
    online: true,
    query: '',
    onQuery: vi.fn(),
    results: { loading: false },
    data: DATA,
    onOpen: vi.fn(),
    onSyncNow: vi.fn(),
    onOpenSettings: vi.fn(),
    ...over,
  };
}

let m: Mounted | undefined;
afterEach(() => {
  m?.unmount();
  m = undefined;
});

describe('PopupView', () => {
  it('lists the papers detected on the tab with their Hugging Face status, why and how sure', async () => {
    m = await mount(<PopupView {...props()} />);
    expect(idsOf(m, 'detected')).toEqual(['2608.00009', '2406.01234', '2501.00001']);
    const [inFeed, absent, bare] = m.all('[data-paper-radar="detected"]');
    expect(inFeed!.textContent).toContain('In the feed');
    expect(inFeed!.textContent).toContain('▲ 77');
    expect(inFeed!.textContent).toContain('Aug 5, 2026');
    expect(inFeed!.textContent).toContain('#2 that day');
    expect([...inFeed!.querySelectorAll('.pr-chip')].map((c) => c.textContent)).toEqual(['link', 'title']);
    expect(inFeed!.textContent).toContain('95 %');
    // Not in the feed: the title the page gives, never the bare id when a title is known.
    expect(absent!.querySelector('.pr-item__title')!.textContent).toBe('Attention Is All You Need');
    expect(absent!.textContent).toContain('not on Daily Papers');
    expect(absent!.textContent).toContain('id in text');
    expect(absent!.querySelector('a')!.getAttribute('href')).toBe('https://arxiv.org/abs/2406.01234');
    expect(bare!.querySelector('.pr-item__title')!.textContent).toBe('arXiv:2501.00001');
  });

  it('lists related papers best first with their upvotes, date and why terms', async () => {
    m = await mount(<PopupView {...props()} />);
    expect(idsOf(m, 'related')).toEqual(['2608.00001', '2608.00002', '2608.00003']);
    const first = m.one('[data-paper-radar="related"]');
    expect(first.textContent).toContain('▲ 90');
    expect(first.textContent).toContain('Aug 7, 2026');
    expect([...first.querySelectorAll('.pr-chip')].map((c) => c.textContent)).toEqual(['diffusion', 'video']);
    expect(first.querySelector('a[href="https://arxiv.org/abs/2608.00001"]')).not.toBeNull();
    expect(first.querySelector('a[href="reader.html#2608.00001"]')).not.toBeNull();
    expect(m.container.textContent).toContain('For “A page”');
  });

  it('heads a related list "Related" (its rows show their trending facts instead)', async () => {
    m = await mount(<PopupView {...props()} />);
    expect(m.one('#pr-related-title').textContent).toBe('Related');
  });

  it('says "Trending today" when the page gave nothing to relate to', async () => {
    const value = { kind: 'trending' as const, reason: 'no-source' as const, hits: RELATED };
    m = await mount(<PopupView {...props({ data: { ...DATA, related: { loading: false, value } } })} />);
    expect(m.one('#pr-related-title').textContent).toBe('Trending today');
    expect(m.all('[data-notice="unrelated"]')).toHaveLength(0);
  });

  it('says when nothing in the feed is close to the page, and what it shows instead', async () => {
    const value = { kind: 'newest' as const, reason: 'unrelated' as const, hits: RELATED };
    m = await mount(<PopupView {...props({ data: { ...DATA, related: { loading: false, value } } })} />);
    expect(m.one('#pr-related-title').textContent).toBe('Top of the latest lists');
    expect(m.one('[data-notice="unrelated"]').textContent).toContain(
      'Nothing in the cached feed is close to this page',
    );
  });

  it('says what a list was found from: the page’s papers, or the page and its papers', async () => {
    const value = { kind: 'related' as const, basis: 'papers' as const, papers: 12, hits: RELATED };
    m = await mount(<PopupView {...props({ data: { ...DATA, related: { loading: false, value } } })} />);
    expect(m.container.textContent).toContain('From the 12 cached papers on this page');
    const mixed = { ...value, basis: 'papers+text' as const, papers: 1 };
    await m.rerender(<PopupView {...props({ data: { ...DATA, related: { loading: false, value: mixed } } })} />);
    expect(m.container.textContent).toContain('From this page and the 1 cached paper on it');
  });

  it('says when only the bundled snapshot is cached, and still relates', async () => {
    m = await mount(<PopupView {...props({ status: idle(592, { lastSuccessAt: undefined }) })} />);
    expect(m.one('[data-notice="snapshot"]').textContent).toContain('592 papers of the bundled snapshot');
    expect(idsOf(m, 'related')).toHaveLength(3);
    await m.rerender(<PopupView {...props()} />);
    expect(m.all('[data-notice="snapshot"]')).toHaveLength(0);
  });

  it('has the contract search box, status line and sync-now button', async () => {
    const onSyncNow = vi.fn();
    m = await mount(<PopupView {...props({ status: idle(1234), onSyncNow })} />);
    const search = m.one('[data-paper-radar="search"]') as HTMLInputElement;
    expect(search.tagName).toBe('INPUT');
    expect(search.type).toBe('search');
    const status = m.one('[data-paper-radar="sync-status"]');
    expect(status.getAttribute('data-state')).toBe('idle');
    expect(status.getAttribute('data-count')).toBe('1234');
    expect(m.all('[data-paper-radar="sync-now"]')).toHaveLength(1);
    await click(m.one('[data-paper-radar="sync-now"]'));
    expect(onSyncNow).toHaveBeenCalledTimes(1);
  });

  it('reports typing to onQuery', async () => {
    const onQuery = vi.fn();
    m = await mount(<PopupView {...props({ onQuery })} />);
    await typeInto(m.one('[data-paper-radar="search"]') as HTMLInputElement, 'mamba');
    expect(onQuery).toHaveBeenLastCalledWith('mamba');
  });

  it('shows search results best first in place of the tab sections while there is a query', async () => {
    const results = { loading: false, value: [hit('2401.00003', 'Top'), hit('2401.00001', 'Next')] };
    m = await mount(<PopupView {...props({ query: 'mamba', results })} />);
    expect(idsOf(m, 'result')).toEqual(['2401.00003', '2401.00001']);
    expect(m.all('[data-paper-radar="detected"]')).toHaveLength(0);
    expect(m.all('[data-paper-radar="related"]')).toHaveLength(0);
  });

  it('says so when nothing matches the query', async () => {
    m = await mount(<PopupView {...props({ query: 'zzz', results: { loading: false, value: [] } })} />);
    expect(m.container.textContent).toContain('No cached paper matches “zzz”');
    expect(m.all('[data-notice="not-cached"]')).toHaveLength(0);
  });

  it('says a pasted paper is not cached and links to it (arXiv id, Hugging Face URL, other DOI)', async () => {
    const cases: [string, string, string][] = [
      ['2607.12395v2', 'arXiv:2607.12395 is not in the cached feed', 'https://arxiv.org/abs/2607.12395'],
      ['https://huggingface.co/papers/2607.12395', 'arXiv:2607.12395', 'https://arxiv.org/abs/2607.12395'],
      ['10.1145/3368089.3409740', 'DOI 10.1145/3368089.3409740', 'https://doi.org/10.1145/3368089.3409740'],
    ];
    for (const [query, text, href] of cases) {
      m = await mount(<PopupView {...props({ query, results: { loading: false, value: [] } })} />);
      const notice = m.one('[data-notice="not-cached"]');
      expect(notice.textContent).toContain(text);
      const link = notice.querySelector('a');
      expect(link?.getAttribute('href')).toBe(href);
      expect(link?.getAttribute('rel')).toContain('noopener');
      m.unmount();
      m = undefined;
    }
  });

  it('moves through results with the arrow keys and opens the focused one with Enter', async () => {
    const onOpen = vi.fn();
    const results = {
      loading: false,
      value: [hit('2401.00003', 'Top'), hit('2401.00001', 'Next'), hit('2401.00002', 'Last')],
    };
    m = await mount(<PopupView {...props({ query: 'x', results, onOpen })} />);
    const search = m.one('[data-paper-radar="search"]');
    search.focus();
    await press(search, 'ArrowDown');
    await press(document.activeElement!, 'ArrowDown');
    expect(document.activeElement?.closest('[data-paper-radar="result"]')?.getAttribute('data-arxiv-id')).toBe(
      '2401.00001',
    );
    const enter = await press(document.activeElement!, 'Enter');
    expect(onOpen).toHaveBeenCalledExactlyOnceWith('2401.00001');
    expect(enter.defaultPrevented).toBe(true);
    await press(document.activeElement!, 'ArrowUp');
    await press(document.activeElement!, 'ArrowUp');
    expect(document.activeElement).toBe(search);
  });

  it('opens the first result on Enter in the search box', async () => {
    const onOpen = vi.fn();
    const results = { loading: false, value: [hit('2401.00003', 'Top'), hit('2401.00001', 'Next')] };
    m = await mount(<PopupView {...props({ query: 'x', results, onOpen })} />);
    await press(m.one('[data-paper-radar="search"]'), 'Enter');
    expect(onOpen).toHaveBeenCalledExactlyOnceWith('2401.00003');
  });

  it('walks from the detected papers into the related ones with ArrowDown', async () => {
    const onOpen = vi.fn();
    m = await mount(<PopupView {...props({ onOpen })} />);
    const search = m.one('[data-paper-radar="search"]');
    await press(search, 'ArrowDown'); // the detected paper in the feed (the absent one has no page to open)
    await press(document.activeElement!, 'ArrowDown'); // the first related paper
    await press(document.activeElement!, 'Enter');
    expect(onOpen).toHaveBeenCalledExactlyOnceWith('2608.00001');
  });

  it('opens a paper on a plain click of its title instead of following the link', async () => {
    const onOpen = vi.fn();
    m = await mount(<PopupView {...props({ onOpen })} />);
    const title = m.one('[data-paper-radar="related"] a[data-pr-nav]');
    expect(title.getAttribute('href')).toBe('https://huggingface.co/papers/2608.00001');
    await click(title);
    expect(onOpen).toHaveBeenCalledExactlyOnceWith('2608.00001');
  });

  it('focuses the search box when / is typed elsewhere', async () => {
    m = await mount(<PopupView {...props()} />);
    const search = m.one('[data-paper-radar="search"]');
    (m.one('[data-paper-radar="sync-now"]') as HTMLButtonElement).focus();
    expect(document.activeElement).not.toBe(search);
    const e = await press(document.activeElement!, '/');
    expect(document.activeElement).toBe(search);
    expect(e.defaultPrevented).toBe(true);
  });

  it('renders hostile titles, why terms and page titles as text', async () => {
    const data: PopupData = {
      ...DATA,
      detected: {
        loading: false,
        value: [
          {
            id: '2608.00009',
            reasons: ['title'],
            confidence: 0.7,
            info: { id: '2608.00009', title: HOSTILE, upvotes: 1, comments: 0, listDate: '2026-08-05' },
          },
          { id: '2406.01234', reasons: ['link'], confidence: 0.95, title: HOSTILE },
        ],
      },
      related: {
        loading: false,
        value: {
          kind: 'related',
          basis: 'text',
          papers: 0,
          hits: [hit('2608.00001', HOSTILE, { why: [HOSTILE] })],
          sourceTitle: HOSTILE,
        },
      },
    };
    m = await mount(<PopupView {...props({ data })} />);
    expect(m.container.querySelector('img')).toBeNull();
    expect(m.one('[data-paper-radar="detected"]').textContent).toContain(HOSTILE);
    expect(m.all('[data-paper-radar="detected"]')[1]!.textContent).toContain(HOSTILE);
    expect(m.one('[data-paper-radar="related"] a[data-pr-nav]').textContent).toBe(HOSTILE);
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('lists the papers related to the ones the page cites in a section of its own, with what they share', async () => {
    const cited = [hit('2608.00011', 'Cited-related one'), hit('2608.00012', 'Cited-related two')];
    const data: PopupData = {
      ...DATA,
      cited: {
        loading: false,
        value: { kind: 'related', basis: 'papers', papers: 4, hits: cited, shared: ['video generation', 'LoRA'] },
      },
    };
    m = await mount(<PopupView {...props({ data })} />);
    expect(idsOf(m, 'cited-related')).toEqual(['2608.00011', '2608.00012']);
    expect(idsOf(m, 'related')).toEqual(RELATED.map((x) => x.id));
    expect(m.one('#pr-cited-title').textContent).toBe('Related to the 4 papers this page cites');
    expect(m.one('[data-section="cited"] [data-paper-radar="set-terms"]').textContent).toBe(
      'These papers share: video generation, LoRA',
    );
  });

  it.each<[string, RelatedReply]>([
    ['fewer cached cited papers than the least', { kind: 'related', basis: 'papers', papers: 2, hits: RELATED }],
    ['a trending answer', { kind: 'trending', reason: 'unrelated', hits: RELATED }],
    ['an empty list', { kind: 'related', basis: 'papers', papers: 5, hits: [] }],
  ])('shows no cited section for %s', async (_, value) => {
    m = await mount(<PopupView {...props({ data: { ...DATA, cited: { loading: false, value } } })} />);
    expect(m.container.querySelector('[data-section="cited"]')).toBeNull();
    expect(idsOf(m, 'cited-related')).toEqual([]);
  });

  it('renders hostile shared terms as text', async () => {
    const value: RelatedReply = { kind: 'related', basis: 'papers', papers: 3, hits: RELATED, shared: [HOSTILE] };
    m = await mount(<PopupView {...props({ data: { ...DATA, cited: { loading: false, value } } })} />);
    expect(m.container.querySelector('img')).toBeNull();
    expect(m.one('[data-paper-radar="set-terms"]').textContent).toContain(HOSTILE);
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('offers to sync when nothing is cached yet', async () => {
    const onSyncNow = vi.fn();
    const empty: PopupData = {
      ...DATA,
      related: { loading: false, value: { kind: 'newest', reason: 'no-source', hits: [] } },
    };
    m = await mount(
      <PopupView {...props({ status: idle(0, { lastSuccessAt: undefined }), data: empty, onSyncNow })} />,
    );
    const notice = m.one('[data-notice="empty"]');
    expect(notice.textContent).toContain('No papers cached yet');
    await click(notice.querySelector('button')!);
    expect(onSyncNow).toHaveBeenCalledTimes(1);
    // Only the status bar's button carries the contract attribute.
    expect(m.all('[data-paper-radar="sync-now"]')).toHaveLength(1);
  });

  it('keeps working from the cache when offline, and says so', async () => {
    m = await mount(<PopupView {...props({ online: false, status: idle(321, { state: 'offline' }) })} />);
    expect(m.one('[data-notice="offline"]').textContent).toContain('Offline — showing the 321 cached papers');
    expect(m.one('[data-paper-radar="sync-status"]').getAttribute('data-state')).toBe('offline');
    expect(idsOf(m, 'related')).toHaveLength(3);
  });

  it('says a failed sync once, with the retry time the background scheduled, and offline instead when offline', async () => {
    const failed = idle(50, {
      state: 'error',
      lastError: 'the feed answered 503',
      nextAttemptAt: Date.UTC(2026, 7, 7, 12, 12),
    });
    m = await mount(<PopupView {...props({ status: failed })} />);
    expect(m.all('[data-notice]')).toHaveLength(1);
    expect(m.one('[data-notice="error"]').textContent).toContain('tries again in 7 min');
    m.unmount();
    m = await mount(<PopupView {...props({ status: failed, online: false })} />);
    expect(m.all('[data-notice]').map((e) => e.getAttribute('data-notice'))).toEqual(['offline']);
    expect(m.one('[data-paper-radar="sync-status"]').getAttribute('data-state')).toBe('offline');
    expect(m.container.textContent).not.toMatch(/fail/i);
  });

  it('shows no offline notice when online', async () => {
    m = await mount(<PopupView {...props()} />);
    expect(m.all('[data-notice]')).toHaveLength(0);
  });

  it('explains a failed sync and a failed related lookup', async () => {
    const data = { ...DATA, related: { loading: false, error: 'search index missing' } };
    m = await mount(
      <PopupView {...props({ data, status: idle(50, { state: 'error', lastError: 'the feed answered 503' }) })} />,
    );
    expect(m.one('[data-notice="error"]').textContent).toContain('the feed answered 503');
    expect(m.one('[data-paper-radar="sync-status"]').textContent).not.toMatch(/fail/i);
    expect(m.container.textContent).toContain('Could not find related papers: search index missing');
  });

  it('says when the page cannot be read or has no papers', async () => {
    const none: PopupData = {
      scan: { loading: false, value: { ids: [], papers: [], page: {}, via: 'none' } },
      detected: { loading: false, value: [] },
      related: { loading: false, value: { kind: 'trending', reason: 'no-source', hits: RELATED } },
      cited: { loading: false },
    };
    m = await mount(<PopupView {...props({ data: none })} />);
    expect(m.container.textContent).toContain('Paper Radar cannot read this page.');
    const scanned = {
      ...none,
      scan: { loading: false, value: { ids: [], papers: [], page: {}, via: 'injected' as const } },
    };
    await m.rerender(<PopupView {...props({ data: scanned })} />);
    expect(m.container.textContent).toContain('No arXiv papers found on this page.');
  });

  it('shows a long list of detected papers in part until asked for all', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({
      id: `2401.${String(i).padStart(5, '0')}`,
      reasons: ['link' as const],
      confidence: 0.95,
    }));
    m = await mount(<PopupView {...props({ data: { ...DATA, detected: { loading: false, value: many } } })} />);
    expect(idsOf(m, 'detected')).toHaveLength(8);
    await click(m.one('.pr-more'));
    expect(idsOf(m, 'detected')).toHaveLength(20);
  });
});
