// @vitest-environment happy-dom
// The badge loop on pages that change: single-page apps, links and text changed in place, the cache filling up.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BadgeController, type BadgeControllerDeps } from '../../../lib/badges/controller';
import { createTitleIndex } from '../../../lib/detect/title-index';
import type { BadgeInfo } from '../../../lib/feed/summary';
import { recordedCase } from '../../helpers/recorded-feed';

const info = (id: string): BadgeInfo => ({ id, title: `Paper ${id}`, upvotes: 7, comments: 0, listDate: '2025-01-14' });
const badges = () =>
  Array.from(document.querySelectorAll('[data-paper-radar="badge"]')).map((e) => e.getAttribute('data-arxiv-id'));
const badgeIn = (selector: string) =>
  Array.from(document.querySelectorAll(`${selector} [data-paper-radar="badge"]`)).map((e) =>
    e.getAttribute('data-arxiv-id'),
  );

let controller: BadgeController | undefined;
afterEach(() => {
  controller?.stop();
  controller = undefined;
  document.body.innerHTML = '';
});

function start(url: { href: string }, feed: Set<string>, extra: Partial<BadgeControllerDeps> = {}) {
  const asked: string[][] = [];
  controller = new BadgeController({
    doc: document,
    url: () => url.href,
    run: 'test',
    frame: (cb) => void setTimeout(cb, 0),
    lookup: async (ids) => {
      asked.push(ids);
      return Object.fromEntries(ids.filter((id) => feed.has(id)).map((id) => [id, info(id)]));
    },
    ...extra,
  });
  return { controller, asked, started: controller.start() };
}

describe('BadgeController on a single-page app (detection case 10)', () => {
  const html = recordedCase('10-spa-navigation.html');

  it.each([
    ['replaces the heading’s text', (h1: HTMLElement, t: string) => (h1.textContent = t)],
    ['edits the heading’s text node in place', (h1: HTMLElement, t: string) => ((h1.firstChild as Text).data = t)],
  ])('follows the app to the next paper when it %s, and removes the stale badge', async (_how, setTitle) => {
    document.body.innerHTML = html.replace(/^[\s\S]*<body>|<\/body>[\s\S]*$/g, '');
    const url = { href: 'https://www.alphaxiv.org/abs/2501.06252' };
    const { started } = start(url, new Set(['2501.06252', '2507.13347']));
    await started;
    expect(badgeIn('h1')).toEqual(['2501.06252']);

    // What the app does on navigation: pushState, then the same elements updated in place.
    url.href = 'https://www.alphaxiv.org/abs/2507.13347';
    setTitle(document.querySelector('h1')!, 'π^3: Scalable Permutation-Equivariant Visual Geometry Learning');
    document.querySelector('#arxiv-link')!.setAttribute('href', 'https://arxiv.org/abs/2507.13347');
    await vi.waitFor(() => expect(badges()).toEqual(['2507.13347']));
    expect(badgeIn('h1')).toEqual(['2507.13347']);
  });

  it('reads the page again when only the URL changed (popstate, the Navigation API)', async () => {
    document.body.innerHTML = '<main><h1>A paper page</h1><p>Comments…</p></main>';
    const url = { href: 'https://huggingface.co/papers/2501.06252' };
    const { started } = start(url, new Set(['2501.06252', '2507.13347']));
    await started;
    expect(badges()).toEqual(['2501.06252']);
    url.href = 'https://huggingface.co/papers/2507.13347';
    controller!.checkUrl();
    await vi.waitFor(() => expect(badges()).toEqual(['2507.13347']));
  });
});

describe('BadgeController on links and text changed in place', () => {
  it('moves the badge when a link’s target changes, and drops it when the link goes', async () => {
    document.body.innerHTML =
      '<article><p>Read <a id="l" href="https://arxiv.org/abs/2501.06252">this</a> today.</p><p>Other text.</p></article>';
    const { started } = start({ href: 'https://blog.example/post' }, new Set(['2501.06252', '2507.13347']));
    await started;
    expect(badges()).toEqual(['2501.06252']);
    document.querySelector('#l')!.setAttribute('href', 'https://arxiv.org/abs/2507.13347');
    await vi.waitFor(() => expect(badges()).toEqual(['2507.13347']));
    document.querySelector('#l')!.remove();
    await vi.waitFor(() => expect(badges()).toEqual([]));
  });

  it('badges an id typed into a paragraph, and asks the background only for new ids', async () => {
    document.body.innerHTML = '<p id="t">Nothing yet.</p><p>arXiv:2501.06252</p>';
    const { started, asked } = start({ href: 'https://notes.example/' }, new Set(['2501.06252', '2507.13347']));
    await started;
    expect(badges()).toEqual(['2501.06252']);
    (document.querySelector('#t')!.firstChild as Text).data = 'Now citing arXiv:2507.13347 as well.';
    await vi.waitFor(() => expect(badges().sort()).toEqual(['2501.06252', '2507.13347']));
    expect(asked).toEqual([['2501.06252'], ['2507.13347']]);
  });
});

describe('BadgeController and the cache', () => {
  it('badges a tab opened before the first sync once the feed arrives', async () => {
    document.body.innerHTML = '<p><a href="https://arxiv.org/abs/2501.06252">paper</a></p>';
    const feed = new Set<string>();
    const { started } = start({ href: 'https://blog.example/' }, feed);
    await started;
    expect(badges()).toEqual([]);
    feed.add('2501.06252');
    controller!.feedChanged();
    await vi.waitFor(() => expect(badges()).toEqual(['2501.06252']));
  });

  it('badges cached titles the background finds in the page’s text, next to the title', async () => {
    document.body.innerHTML =
      '<p>Originaltitel: MiniMax-M1: Scaling Test-Time Compute Efficiently with Lightning Attention</p>';
    const index = createTitleIndex([
      { id: '2506.13585', title: 'MiniMax-M1: Scaling Test-Time Compute Efficiently with Lightning\n  Attention' },
    ]);
    const { started } = start({ href: 'https://example.org/lesekreis' }, new Set(['2506.13585']), {
      matchTitles: async (text) => ({ matches: index.match(text, { minConfidence: 0.6 }), metaTitleIds: [] }),
    });
    await started;
    expect(badgeIn('p')).toEqual(['2506.13585']);
  });
});
