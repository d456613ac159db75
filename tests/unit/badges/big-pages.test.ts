// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bigPageTargets, BIG_PAGE_ELEMENTS, isBigPage } from '../../../lib/badges/big-page';
import {
  BadgeController,
  FIRST_LOOKUP_BATCH,
  LOOKUP_BATCH,
  VISIBLE_FIRST_MIN,
  type BadgeControllerDeps,
} from '../../../lib/badges/controller';
import { PLACE_CHUNK } from '../../../lib/badges/layer';
import { capturePageApis } from '../../../lib/badges/page-apis';
import { MAX_IDS } from '../../../lib/ext/protocol';
import type { BadgeInfo } from '../../../lib/feed/summary';

const info = (id: string): BadgeInfo => ({ id, title: `Paper ${id}`, upvotes: 1, comments: 0, listDate: '2026-08-06' });
const idOf = (i: number) => `2409.${String(10000 + i).padStart(5, '0')}`;
const badgeOrder = (n: number) => Array.from({ length: n }, (_, i) => idOf(i));
const badgeIds = () =>
  Array.from(document.querySelectorAll('[data-paper-radar="badge"]')).map((e) => e.getAttribute('data-arxiv-id'));

/** An arXiv-style listing of `n` entries. */
function listing(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      `<dt><a href="/abs/${idOf(i)}" title="Abstract">arXiv:${idOf(i)}</a></dt><dd><div class="list-title">Title ${i}</div></dd>`,
    );
  }
  return `<dl>${out.join('')}</dl>`;
}

/** A lookup that answers every id as in the feed (or those `inFeed` accepts), recording each call's size. */
function lookup(inFeed: (id: string) => boolean = () => true) {
  const calls: string[][] = [];
  const fn = async (ids: string[]) => {
    calls.push(ids);
    return Object.fromEntries(ids.filter(inFeed).map((id) => [id, info(id)]));
  };
  return { fn, calls };
}

const frame = (cb: () => void) => void setTimeout(cb, 0);

const live: BadgeController[] = [];
function controller(url: string, extra: Partial<BadgeControllerDeps>) {
  const c = new BadgeController({ doc: document, url: () => url, run: 'r', frame, lookup: lookup().fn, ...extra });
  live.push(c);
  return c;
}

afterEach(() => {
  for (const c of live.splice(0)) c.stop();
  document.body.innerHTML = '';
});

describe('lookups on a big page', () => {
  it('stay within the protocol limit', () => {
    expect(LOOKUP_BATCH).toBeLessThanOrEqual(MAX_IDS);
    expect(FIRST_LOOKUP_BATCH).toBeLessThan(LOOKUP_BATCH);
  });

  it('ask for every paper of a listing in batches, the top first (12,000 entries in batches of 5,000, scaled)', async () => {
    // The shape of a 12,000-entry listing asked in batches of 500 then 5,000, scaled down 100× for happy-dom (the
    // real sizes run in Chromium: tests/e2e/big-pages.e2e.test.ts).
    document.body.innerHTML = listing(120);
    const { fn, calls } = lookup((id) => id.endsWith('0'));
    const counts: number[] = [];
    await controller('https://arxiv.org/list/cs/pastweek?show=120', {
      lookup: fn,
      report: (n) => counts.push(n),
      batches: { first: 5, size: 50 },
    }).start();
    expect(calls.map((c) => c.length)).toEqual([5, 50, 50, 15]);
    expect(calls[0]).toEqual([0, 1, 2, 3, 4].map(idOf));
    expect(new Set(calls.flat()).size).toBe(120);
    expect(badgeIds()).toHaveLength(12);
    expect(new Set(badgeIds()).size).toBe(12);
    expect(counts).toEqual([12]);
  });
});

describe('slices', () => {
  it('prepare badges in slices between page tasks, and insert them in few frames, none over the budget', async () => {
    document.body.innerHTML = listing(300);
    // A clock that advances 1 ms each time it is read (once per chunk of badges): with a 4 ms budget a slice prepares
    // at most 4 chunks, and a frame inserts at most 4 commit chunks.
    let t = 0;
    const inserted: number[] = [];
    let yields = 0;
    const raf = (cb: () => void) =>
      void setTimeout(() => {
        const before = badgeIds().length;
        cb();
        // The frame's insertions run right after it resolves (microtasks), before this next task.
        setTimeout(() => inserted.push(badgeIds().length - before), 0);
      }, 0);
    await controller('https://arxiv.org/list/cs/new', {
      sliceMs: 4,
      apis: { now: () => t++, requestAnimationFrame: raf, yieldToPage: async () => void yields++ },
    }).start();
    expect(badgeIds()).toHaveLength(300);
    // Preparing 300 badges took several slices, with the page let in between.
    expect(yields).toBeGreaterThanOrEqual(300 / (4 * PLACE_CHUNK) - 1);
    // The first frame shows the first slice; the rest go in as few frames as the budget allows.
    const frames = inserted.filter((n) => n > 0);
    expect(frames[0]).toBeLessThanOrEqual(4 * PLACE_CHUNK);
    expect(frames.length).toBeLessThanOrEqual(3);
  });

  it('yield to the page while detecting a big listing', async () => {
    document.body.innerHTML = listing(120);
    let t = 0;
    let yields = 0;
    await controller('https://arxiv.org/list/cs/new', {
      sliceMs: 8,
      apis: {
        now: () => t++,
        yieldToPage: async () => void yields++,
      },
    }).start();
    // 120 entries, a clock tick per entry read: a dozen yields during detection alone.
    expect(yields).toBeGreaterThan(10);
    expect(badgeIds()).toHaveLength(120);
  });
});

describe('an ordinary page', () => {
  it('is read in slices too (a long article under the big-page limit), its badges unchanged', async () => {
    const paragraphs: string[] = [];
    for (let i = 0; i < 1_500; i++)
      paragraphs.push(`<p>Paragraph ${i} <em>cites</em> arXiv:${idOf(i % 50)} and <a href="/x">a link</a>.</p>`);
    document.body.innerHTML = `<article>${paragraphs.join('')}</article>`;
    let t = 0;
    let yields = 0;
    let yieldsBeforeLookup: number | undefined;
    const { fn } = lookup((id) => id.endsWith('7'));
    await controller('https://blog.example/long-read', {
      sliceMs: 1,
      lookup: async (ids) => {
        yieldsBeforeLookup ??= yields;
        return fn(ids);
      },
      apis: { now: () => t++, yieldToPage: async () => void yields++ },
    }).start();
    // 1,500 paragraphs of 6 nodes, a pause every 256 nodes, each slice one clock tick: ~35 pauses before the ids
    // are asked.
    expect(yieldsBeforeLookup).toBeGreaterThan(20);
    // One badge per paragraph citing a paper in the feed (the ids ending in 7).
    expect(badgeIds()).toHaveLength(paragraphs.filter((_, i) => idOf(i % 50).endsWith('7')).length);
  });
});

describe('visible first', () => {
  it('places the badges an IntersectionObserver reports near the viewport before the others', async () => {
    const n = VISIBLE_FIRST_MIN + 20;
    document.body.innerHTML = listing(n);
    // The last 20 entries are "on screen".
    const onScreen = new Set(Array.from({ length: 20 }, (_, i) => idOf(100 + i)));
    const observed: Element[] = [];
    class FakeIO {
      constructor(private readonly cb: (entries: { target: Element; isIntersecting: boolean }[]) => void) {}
      observe(el: Element) {
        observed.push(el);
        if (observed.length === n)
          setTimeout(() =>
            this.cb(
              observed.map((target) => ({
                target,
                isIntersecting: onScreen.has(
                  target.closest('dd')?.previousElementSibling?.querySelector('a')?.textContent?.slice(6) ?? '',
                ),
              })),
            ),
          );
      }
      disconnect() {}
    }
    // The order badges go into the page, frame after frame (records come in insertion order).
    const order: string[] = [];
    const recorder = new MutationObserver((records) => {
      for (const r of records)
        for (const node of r.addedNodes)
          if (node instanceof Element && node.getAttribute('data-paper-radar') === 'badge')
            order.push(node.getAttribute('data-arxiv-id')!);
    });
    recorder.observe(document.body, { childList: true, subtree: true });
    let t = 0;
    await controller('https://arxiv.org/list/cs/new', {
      sliceMs: 1,
      apis: {
        now: () => t++,
        yieldToPage: async () => {},
        IntersectionObserver: FakeIO as unknown as typeof IntersectionObserver,
      },
    }).start();
    await new Promise((r) => setTimeout(r, 0));
    recorder.disconnect();
    // The entries on screen (near the end of the page) go in first, then the others in page order.
    expect(order).toHaveLength(n);
    expect(new Set(order.slice(0, onScreen.size))).toEqual(onScreen);
    expect(order.slice(onScreen.size)).toEqual(badgeOrder(n).filter((id) => !onScreen.has(id)));
    expect(badgeIds()).toHaveLength(n);
  });
});

describe('the big-page path', () => {
  it('reads links and ids in text, skipping scripts and link texts', () => {
    document.body.innerHTML = `
      <p>See <a href="https://arxiv.org/abs/2406.01234v2">this</a> and arXiv:2406.05678 in text.</p>
      <p><a href="https://arxiv.org/abs/2406.09999">arXiv:2406.09999</a></p>
      <script>var x = "arXiv:2406.11111";</script>
      <p><a href="https://doi.org/10.48550/arXiv.2406.22222">doi</a></p>`;
    const targets = [...bigPageTargets(document, 'https://example.org/')];
    expect(targets.map((t) => t.id)).toEqual(['2406.01234', '2406.09999', '2406.22222', '2406.05678']);
    expect(targets[3]!.anchor.localName).toBe('p');
  });

  it('is taken on a page with more elements than the limit, and badges its links', async () => {
    const items: string[] = [];
    for (let i = 0; i < 400; i++) items.push(`<li><a href="https://arxiv.org/abs/${idOf(i % 300)}">paper</a></li>`);
    document.body.innerHTML = `<ul>${items.join('')}</ul>`;
    expect(isBigPage(document, 500)).toBe(true);
    expect(isBigPage(document)).toBe(BIG_PAGE_ELEMENTS < 800);
    const { fn, calls } = lookup((id) => id.endsWith('7'));
    let yields = 0;
    let t = 0;
    await controller('https://example.org/reading-list', {
      lookup: fn,
      bigPageElements: 500,
      apis: { now: () => t++, yieldToPage: async () => void yields++ },
    }).start();
    expect(new Set(calls.flat()).size).toBe(300);
    // Each link badged right after it.
    expect(badgeIds()).toHaveLength(items.filter((_, i) => idOf(i % 300).endsWith('7')).length);
    expect(document.querySelector('li > a + [data-paper-radar="badge"]')).not.toBeNull();
    // Detected in slices (the generic path runs in one go and would not yield).
    expect(yields).toBeGreaterThan(10);
  });
});

describe('page APIs', () => {
  it('are captured when the script starts: a page replacing them later does not reach the loop', async () => {
    const apis = capturePageApis(window);
    const real = window.MutationObserver;
    const poisoned = vi.fn(() => {
      throw new Error('poisoned');
    });
    (window as unknown as { MutationObserver: unknown }).MutationObserver = poisoned;
    try {
      document.body.innerHTML = listing(3);
      const c = controller('https://arxiv.org/list/cs/new', { apis });
      await c.start();
      expect(badgeIds()).toHaveLength(3);
      // Following the page works: a new entry is badged.
      document
        .querySelector('dl')!
        .insertAdjacentHTML('beforeend', listing(4).slice(4, -5).split('</dd>')[3] + '</dd>');
      await vi.waitFor(() => expect(badgeIds()).toHaveLength(4));
      expect(poisoned).not.toHaveBeenCalled();
      c.stop();
    } finally {
      window.MutationObserver = real;
    }
  });
});
