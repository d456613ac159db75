// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { BadgeController } from '../../../lib/badges/controller';
import { BadgeLayer, isDarkAround, luminance } from '../../../lib/badges/layer';
import { BADGE_CSS, createBadge, describeBadge, formatListDate } from '../../../lib/badges/render';
import { SAVE_CSS } from '../../../lib/badges/save-toggle';
import type { BadgeInfo } from '../../../lib/feed/summary';
import { recordedPage } from '../../helpers/recorded-feed';

const info = (id: string, extra: Partial<BadgeInfo> = {}): BadgeInfo => ({
  id,
  title: `Paper ${id}`,
  upvotes: 42,
  comments: 3,
  listDate: '2026-08-06',
  dayRank: 2,
  ...extra,
});

function loadPage(name: string): Document {
  document.documentElement.innerHTML = recordedPage(name)
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<link[^>]*>/gi, '')
    .replace(/^[\s\S]*?<html[^>]*>/i, '');
  return document;
}

const badges = (doc: Document) =>
  Array.from(doc.querySelectorAll('[data-paper-radar="badge"]')).map((e) => e.getAttribute('data-arxiv-id'));

describe('describeBadge', () => {
  it('says upvotes, rank on the list date and trending', () => {
    const d = describeBadge(info('2406.01234', { trendingRank: 3 }));
    expect(d.parts.map((p) => p.text)).toEqual(['▲ 42', '#2 on Aug 6, 2026', 'trending #3']);
    expect(d.label).toBe('Hugging Face Daily Papers: 42 upvotes, #2 on Aug 6, 2026, trending now #3');
  });
  it('puts the AI summary in the tooltip when there is one', () => {
    expect(describeBadge(info('1', { aiSummary: 'It does X.' })).tooltip).toBe('Paper 1\n\nIt does X.');
  });
});

describe('formatListDate', () => {
  it('writes a list date for people', () => {
    expect(formatListDate('2024-03-01')).toBe('Mar 1, 2024');
  });
});

describe('createBadge', () => {
  it('renders hostile feed text as text, inside a shadow root, linking to the paper on Hugging Face', () => {
    const host = createBadge(
      document,
      info('2406.01234', { title: '<img src=x onerror=alert(1)>', aiSummary: '<b>x</b>' }),
      {
        run: 'r',
        dark: false,
      },
    );
    expect(host.getAttribute('data-paper-radar')).toBe('badge');
    expect(host.getAttribute('data-arxiv-id')).toBe('2406.01234');
    expect(host.textContent).toBe('');
    const a = host.shadowRoot!.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://huggingface.co/papers/2406.01234');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    expect(host.shadowRoot!.querySelector('img, b')).toBeNull();
    expect(a.title).toContain('<img src=x onerror=alert(1)>');
  });
  it('keeps the slash of old-style ids in the link', () => {
    const host = createBadge(document, info('hep-th/9901001'), { run: 'r', dark: true });
    expect(host.shadowRoot!.querySelector('a')!.getAttribute('href')).toBe(
      'https://huggingface.co/papers/hep-th/9901001',
    );
    expect(host.getAttribute('data-pr-theme')).toBe('dark');
  });
  it('creates no paint layer of its own: no opacity, transform or filter in its styles, no SVG in it or its toggle', () => {
    // Each such part is a paint layer (or an effect node) that every later frame of a 2,000-badge page walks; an
    // inline SVG's root is always one (Chromium forces a paint layer on it).
    const layered =
      /(?:^|[\s;{])(opacity|transform|filter|backdrop-filter|will-change|mix-blend-mode|isolation|position|mask|clip-path)\s*:/m;
    expect(BADGE_CSS).not.toMatch(layered);
    expect(SAVE_CSS).not.toMatch(layered);
    // The toggle's root is closed: catch every root as it is attached.
    const roots: ShadowRoot[] = [];
    const attach = Element.prototype.attachShadow;
    const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    });
    let badge: HTMLElement;
    try {
      badge = createBadge(document, info('2406.01234', { trendingRank: 3 }), {
        run: 'r',
        dark: false,
        save: async () => true,
      });
    } finally {
      spy.mockRestore();
    }
    // The badge's root and its toggle's (a probe root that tries the shared stylesheet once, detached, is not one).
    const ours = roots.filter((r) => r.host === badge || r.host.getRootNode() === badge.shadowRoot);
    expect(ours).toHaveLength(2);
    const parts = ours.flatMap((r) => [r.host, ...r.querySelectorAll('*')]);
    expect(parts.map((el) => el.localName).filter((n) => n === 'svg')).toEqual([]);
    for (const el of parts)
      for (const name of ['opacity', 'transform', 'filter']) expect(el.hasAttribute(name)).toBe(false);
  });
});

describe('BadgeLayer', () => {
  it('places one badge per paper per anchor however often it runs, and replaces an older run', () => {
    document.body.innerHTML = '<h1 class="title">A title</h1><p><a href="/abs/2406.01234">link</a></p>';
    const h1 = document.querySelector('h1')!;
    const a = document.querySelector('a')!;
    const first = new BadgeLayer(document, 'run-1');
    const targets = [
      { id: '2406.01234', anchor: h1 },
      { id: '2406.01234', anchor: a },
      { id: '2406.01234', anchor: a },
    ];
    expect(first.place(targets, { '2406.01234': info('2406.01234') })).toBe(2);
    expect(first.place(targets, { '2406.01234': info('2406.01234') })).toBe(0);
    // Inside a block anchor (on the title's line), after an inline one.
    expect(h1.lastElementChild?.getAttribute('data-paper-radar')).toBe('badge');
    expect(a.nextElementSibling?.getAttribute('data-paper-radar')).toBe('badge');
    const second = new BadgeLayer(document, 'run-2');
    expect(second.place(targets, { '2406.01234': info('2406.01234') })).toBe(2);
    expect(badges(document)).toHaveLength(2);
    second.clear();
    expect(badges(document)).toHaveLength(0);
    expect(h1.textContent).toBe('A title');
  });
  it("gives a title's badge its compact form where only that fits on the title's last line", () => {
    // happy-dom lays nothing out: each title's last line is made to end `room` px before its right edge.
    document.body.innerHTML = ['wide', 'some', 'none'].map((r) => `<div class="t" id="${r}">A title</div>`).join('');
    const room: Record<string, number> = { wide: 600, some: 100, none: 10 };
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(
      () => ({ left: 0, right: 1000, width: 1000, top: 0, bottom: 20, height: 20 }) as DOMRect,
    );
    vi.spyOn(document, 'createRange').mockImplementation(() => {
      let node: Node | undefined;
      return {
        selectNodeContents: (n: Node) => void (node = n),
        getClientRects: () => [{ right: 1000 - room[(node as Element).id]! }],
      } as unknown as Range;
    });
    try {
      const layer = new BadgeLayer(document, 'r');
      const targets = [...document.querySelectorAll('.t')].map((anchor) => ({ id: anchor.id, anchor }));
      layer.place(targets, Object.fromEntries(targets.map((t) => [t.id, info(t.id)])));
      const fit = (id: string) => document.querySelector(`#${id} > [data-paper-radar]`)?.getAttribute('data-pr-fit');
      // Room for the full badge, for the compact one only, and for neither (it goes in full, on a line of its own).
      expect([fit('wide'), fit('some'), fit('none')]).toEqual([null, 'compact', null]);
      // The compact form hides everything after the upvotes; its text stays in the label.
      const shadow = document.querySelector('#some > [data-paper-radar]')!.shadowRoot!;
      expect(
        [...shadow.querySelectorAll('a > span:not(.full):not(.sep):not(.mark)')].map((e) => e.textContent),
      ).toEqual(['▲ 42']);
      expect(BADGE_CSS).toContain(':host([data-pr-fit="compact"]) .full { display: none; }');
    } finally {
      vi.restoreAllMocks();
    }
  });
  it('skips papers that are not in the feed', () => {
    document.body.innerHTML = '<a href="/abs/2406.01234">x</a>';
    const layer = new BadgeLayer(document, 'r');
    expect(layer.place([{ id: '2406.01234', anchor: document.querySelector('a')! }], {})).toBe(0);
    expect(badges(document)).toEqual([]);
  });
});

describe('luminance', () => {
  it.each([
    ['rgb(255, 255, 255)', 1],
    ['rgb(0, 0, 0)', 0],
  ])('of %s is %s', (c, l) => {
    expect(luminance(c)).toBeCloseTo(l, 3);
  });
  it('is unknown for transparent colours', () => {
    expect(luminance('rgba(0, 0, 0, 0)')).toBeUndefined();
  });
});

describe('BadgeController on the real hep-th listing', () => {
  const listed = ['2408.04000', '2408.04052', '2408.04389'];
  const frame = (cb: () => void) => void setTimeout(cb, 0);

  it('asks the background once and badges exactly the entries in the feed', async () => {
    const doc = loadPage('arxiv-list-hep-th-new-2024-08-09.html');
    const asked: string[][] = [];
    const counts: number[] = [];
    const controller = new BadgeController({
      doc,
      url: () => 'https://arxiv.org/list/hep-th/new',
      run: 'r',
      frame,
      lookup: async (ids) => {
        asked.push(ids);
        return Object.fromEntries(ids.filter((id) => listed.includes(id)).map((id) => [id, info(id)]));
      },
      report: (n) => counts.push(n),
    });
    await controller.start();
    expect(asked).toHaveLength(1);
    expect(asked[0]!.length).toBeGreaterThanOrEqual(49);
    expect(badges(doc).sort()).toEqual([...listed].sort());
    expect(counts).toEqual([3]);

    // A new entry added by the page is badged in the next frame, asking only for its new id.
    const dl = doc.querySelector('dl')!;
    const dt = doc.createElement('dt');
    dt.innerHTML = '<a href="/abs/2408.09999" title="Abstract">arXiv:2408.09999</a>';
    const dd = doc.createElement('dd');
    dd.innerHTML = '<div class="list-title">Title: Something new</div>';
    listed.push('2408.09999');
    dl.append(dt, dd);
    // Awaits the badge itself (the controller observes the page, asks, and places it in a frame).
    await vi.waitFor(() => expect(badges(doc)).toContain('2408.09999'));
    expect(asked).toHaveLength(2);
    expect(asked.at(-1)).toEqual(['2408.09999']);
    controller.stop();
    expect(badges(doc)).toEqual([]);
  });
});

describe('isDarkAround', () => {
  /** A window whose elements have no background, whose root has `colorScheme`, and whose OS theme is `osDark`. */
  function win(colorScheme: string, osDark: boolean): Window {
    return {
      getComputedStyle: () => ({ backgroundColor: 'rgba(0, 0, 0, 0)', colorScheme }),
      matchMedia: () => ({ matches: osDark }),
    } as unknown as Window;
  }
  function element(meta?: string): Element {
    document.head.innerHTML = meta ? `<meta name="color-scheme" content="${meta}">` : '';
    document.body.innerHTML = '<p><a href="#">x</a></p>';
    return document.querySelector('a')!;
  }

  it('follows the page, not the OS theme, on a page that declares no colour scheme', () => {
    expect(isDarkAround(element(), win('normal', true))).toBe(false);
  });
  it('is dark on a page that declares only dark, by CSS or by meta tag', () => {
    expect(isDarkAround(element(), win('dark', false))).toBe(true);
    expect(isDarkAround(element('dark'), win('normal', false))).toBe(true);
  });
  it('follows the OS theme on a page that allows both', () => {
    expect(isDarkAround(element('light dark'), win('normal', true))).toBe(true);
    expect(isDarkAround(element(), win('light dark', false))).toBe(false);
  });
  it('follows an opaque background first', () => {
    const dark = {
      getComputedStyle: () => ({ backgroundColor: 'rgb(10, 10, 10)', colorScheme: 'normal' }),
      matchMedia: () => ({ matches: false }),
    } as unknown as Window;
    expect(isDarkAround(element(), dark)).toBe(true);
  });
});
