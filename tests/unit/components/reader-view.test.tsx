// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReaderView, type ReaderViewProps } from '../../../components/reader-view';
import type { Paper } from '../../../lib/feed/paper';
import { click, hit, HOSTILE, idle, idsOf, mount, press, type Mounted } from './helpers';
import { paper } from './helpers';

/** 3 list dates, newest first, most upvoted first within each (the order `list` answers in). */
const PAPERS: Paper[] = [
  paper('2608.00001', { listDate: '2026-08-07', upvotes: 30 }),
  paper('2608.00002', { listDate: '2026-08-07', upvotes: 5 }),
  paper('2608.00003', { listDate: '2026-08-06', upvotes: 80 }),
  paper('2608.00004', { listDate: '2026-08-05', upvotes: 12 }),
];

function props(over: Partial<ReaderViewProps> = {}): ReaderViewProps {
  return {
    status: idle(PAPERS.length),
    now: Date.UTC(2026, 7, 7, 12, 5),
    online: true,
    papers: { loading: false, complete: true, value: PAPERS },
    query: '',
    onQuery: vi.fn(),
    results: { loading: false },
    sort: 'date',
    onSort: vi.fn(),
    from: '',
    to: '',
    onRange: vi.fn(),
    selectedId: '',
    selected: { loading: false },
    onOpen: vi.fn(),
    onClose: vi.fn(),
    onSyncNow: vi.fn(),
    ...over,
  };
}

let m: Mounted | undefined;
afterEach(() => {
  m?.unmount();
  m = undefined;
});

describe('ReaderView', () => {
  it('lists every cached paper, grouped by list date, newest first', async () => {
    m = await mount(<ReaderView {...props()} />);
    expect(idsOf(m, 'paper')).toEqual(['2608.00001', '2608.00002', '2608.00003', '2608.00004']);
    expect(m.all('.pr-day__title').map((h) => h.textContent)).toEqual([
      'Friday, August 7, 2026 · 2 papers',
      'Thursday, August 6, 2026 · 1 paper',
      'Wednesday, August 5, 2026 · 1 paper',
    ]);
    expect(m.one('[data-paper-radar="search"]').getAttribute('type')).toBe('search');
    expect(m.one('[data-paper-radar="sync-status"]').getAttribute('data-count')).toBe('4');
  });

  it('sorts by upvotes across dates', async () => {
    m = await mount(<ReaderView {...props({ sort: 'upvotes' })} />);
    expect(idsOf(m, 'paper')).toEqual(['2608.00003', '2608.00001', '2608.00004', '2608.00002']);
    expect(m.all('.pr-day__title')).toHaveLength(0);
  });

  it('reports a sort change', async () => {
    const onSort = vi.fn();
    m = await mount(<ReaderView {...props({ onSort })} />);
    const select = m.one('select') as HTMLSelectElement;
    select.value = 'upvotes';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onSort).toHaveBeenCalledWith('upvotes');
  });

  it('renders a long list a page at a time, and "Show more" adds the next page', async () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      paper(`2401.${String(i).padStart(5, '0')}`, { upvotes: 100 - i }),
    );
    m = await mount(
      <ReaderView {...props({ papers: { loading: false, complete: true, value: many }, pageSize: 10 })} />,
    );
    expect(idsOf(m, 'paper')).toHaveLength(10);
    expect(m.container.textContent).toContain('Showing 10 of 25 papers');
    await click(m.one('[data-action="show-more"]'));
    expect(idsOf(m, 'paper')).toHaveLength(20);
    await click(m.one('[data-action="show-more"]'));
    expect(idsOf(m, 'paper')).toHaveLength(25);
    expect(m.all('[data-action="show-more"]')).toHaveLength(0);
  });

  it('reports a date range change from the date inputs', async () => {
    const onRange = vi.fn();
    m = await mount(<ReaderView {...props({ onRange, to: '2026-08-07' })} />);
    const from = m.all('input[type="date"]')[0] as HTMLInputElement;
    from.value = '2026-08-01';
    from.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onRange).toHaveBeenCalledWith('2026-08-01', '2026-08-07');
  });

  it('says when a date range holds no papers', async () => {
    m = await mount(
      <ReaderView
        {...props({ papers: { loading: false, complete: true, value: [] }, from: '2020-01-01', to: '2020-01-31' })}
      />,
    );
    expect(m.container.textContent).toContain('No cached papers listed from Jan 1, 2020 to Jan 31, 2020.');
  });

  it('shows search results best first instead of the listing, within the date range', async () => {
    const results = {
      loading: false,
      value: [
        hit('2608.00003', 'Top', { listDate: '2026-08-06' }),
        hit('2507.00001', 'Old', { listDate: '2025-07-01' }),
        hit('2608.00001', 'Next', { listDate: '2026-08-07' }),
      ],
    };
    m = await mount(<ReaderView {...props({ query: 'top', results })} />);
    expect(idsOf(m, 'result')).toEqual(['2608.00003', '2507.00001', '2608.00001']);
    expect(idsOf(m, 'paper')).toEqual([]);
    await m.rerender(<ReaderView {...props({ query: 'top', results, from: '2026-08-01' })} />);
    expect(idsOf(m, 'result')).toEqual(['2608.00003', '2608.00001']);
    expect(m.container.textContent).toContain('2 results for “top” in these dates');
  });

  it('opens a paper with the arrow keys and Enter', async () => {
    const onOpen = vi.fn();
    m = await mount(<ReaderView {...props({ onOpen })} />);
    const search = m.one('[data-paper-radar="search"]');
    await press(search, 'ArrowDown');
    await press(document.activeElement!, 'ArrowDown');
    await press(document.activeElement!, 'ArrowDown');
    await press(document.activeElement!, 'Enter');
    expect(onOpen).toHaveBeenCalledExactlyOnceWith('2608.00003');
  });

  it('leaves the arrow keys to the date and sort fields: no row takes the focus from them', async () => {
    m = await mount(<ReaderView {...props()} />);
    for (const field of [...m.container.querySelectorAll<HTMLElement>('input[type="date"], select')]) {
      field.focus();
      const event = await press(field, 'ArrowDown');
      expect(event.defaultPrevented).toBe(false);
      expect(document.activeElement).toBe(field);
    }
    expect(m.container.querySelectorAll('input[type="date"], select')).toHaveLength(3);
  });

  it('shows the #ID paper in full: abstract, AI summary, keywords, authors, organization, code and links', async () => {
    const p = paper('2608.00003', {
      title: 'The open paper',
      abstract: 'We study something precise.',
      aiSummary: 'A model summary.',
      keywords: ['diffusion', 'video'],
      authors: ['Ada Lovelace', 'Alan Turing'],
      organization: 'Analytical Engines Ltd',
      githubRepo: 'https://github.com/example/repo',
      githubStars: 1234,
      projectPage: 'https://example.org/project',
    });
    m = await mount(<ReaderView {...props({ selectedId: p.id, selected: { loading: false, value: p } })} />);
    const detail = m.one('.pr-detail');
    expect(detail.textContent).toContain('We study something precise.');
    expect(detail.textContent).toContain('A model summary.');
    expect(detail.textContent).toContain('Ada Lovelace, Alan Turing');
    expect(detail.textContent).toContain('Analytical Engines Ltd');
    expect([...detail.querySelectorAll('.pr-chip')].map((c) => c.textContent)).toEqual(['diffusion', 'video']);
    const hrefs = [...detail.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      'https://huggingface.co/papers/2608.00003',
      'https://arxiv.org/abs/2608.00003',
      'https://arxiv.org/pdf/2608.00003',
      'https://github.com/example/repo',
      'https://example.org/project',
    ]);
    expect(detail.textContent).toContain('GitHub ★ 1,234');
    expect(m.one('[data-arxiv-id="2608.00003"][data-paper-radar="paper"]').className).toContain('pr-item--selected');
  });

  it('never turns feed links into script URLs, and renders hostile text as text', async () => {
    const p = paper('2608.00003', {
      title: HOSTILE,
      abstract: HOSTILE,
      githubRepo: 'javascript:alert(1)',
      projectPage: 'data:text/html,<script>alert(1)</script>',
    });
    const papers = { loading: false, complete: true, value: [p] };
    m = await mount(<ReaderView {...props({ papers, selectedId: p.id, selected: { loading: false, value: p } })} />);
    expect(m.container.querySelector('img')).toBeNull();
    expect(m.one('.pr-detail__title').textContent).toBe(HOSTILE);
    expect(m.one('[data-paper-radar="paper"] a[data-pr-nav]').textContent).toBe(HOSTILE);
    const hrefs = m.all('a').map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.filter((h) => /^(javascript|data):/i.test(h))).toEqual([]);
  });

  it('says when the #ID paper is not cached, and closes the panel', async () => {
    const onClose = vi.fn();
    m = await mount(
      <ReaderView {...props({ selectedId: '1234.56789', selected: { loading: false, value: null }, onClose })} />,
    );
    expect(m.one('.pr-detail').textContent).toContain('This paper is not in the cached feed.');
    await click(m.one('.pr-detail__close'));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('closes the open paper on Escape, from anywhere on the page', async () => {
    const onClose = vi.fn();
    m = await mount(
      <ReaderView {...props({ selectedId: '1234.56789', selected: { loading: false, value: null }, onClose })} />,
    );
    await press(document.body, 'Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    await press(document.body, 'Enter');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('keeps the opened paper below the sticky header, whatever its height', async () => {
    const real = HTMLElement.prototype.getBoundingClientRect;
    const spy = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: HTMLElement,
    ) {
      return this.classList.contains('pr-reader__head') ? ({ height: 211.4 } as DOMRect) : real.call(this);
    });
    try {
      m = await mount(
        <ReaderView {...props({ selectedId: '1234.56789', selected: { loading: false, value: null } })} />,
      );
      // The panel's scroll margin and sticky top (theme.css) are computed from this.
      expect((m.one('.pr-reader') as HTMLElement).style.getPropertyValue('--pr-head-h')).toBe('212px');
    } finally {
      spy.mockRestore();
    }
  });

  it('still lists the cache offline, and says so', async () => {
    m = await mount(<ReaderView {...props({ online: false })} />);
    expect(m.one('[data-notice="offline"]').textContent).toContain('Offline');
    expect(idsOf(m, 'paper')).toHaveLength(4);
  });

  it('explains an empty library and a failed read', async () => {
    m = await mount(
      <ReaderView {...props({ status: idle(0), papers: { loading: false, complete: true, value: [] } })} />,
    );
    expect(m.one('[data-notice="empty"]').textContent).toContain('No papers cached yet');
    await m.rerender(
      <ReaderView {...props({ papers: { loading: false, complete: false, error: 'database closed' } })} />,
    );
    expect(m.container.textContent).toContain('Could not read the cache: database closed');
  });
});
