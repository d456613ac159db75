import { describe, expect, it } from 'vitest';
import { canonicalArxivId } from '../../../lib/arxiv/id';
import { normalizeTitle, splitWords, tokenize } from '../../../lib/detect/normalize';
import {
  createTitleMatcher,
  DEFAULT_MIN_CHARS,
  DEFAULT_MIN_WORDS,
  findTitleElements,
  type TitleMatcher,
} from '../../../lib/detect/title-matcher';
import { normalizeWhitespace } from '../../../lib/feed/parse';
import { escapeHtml, feedPapers, loadPage, PAGES, parseHtml, wrappedFeedTitles } from './fixtures';

const papers = feedPapers();
const matcher = createTitleMatcher(papers);
/** Whether a title is long enough to be indexed, counted without the library: words as runs of letters/digits. */
const indexable = (title: string): boolean => {
  const words =
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}|['’]/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length >= DEFAULT_MIN_WORDS && words.join(' ').length >= DEFAULT_MIN_CHARS;
};
const eligible = papers.filter((p) => indexable(p.title));
/** Every 40th indexable paper: a deterministic sample of about 235 real titles. */
const sample = eligible.filter((_, i) => i % 40 === 0);

describe('normalizeTitle', () => {
  it.each([
    ['Café:  Über\n  Graph-based “Models”', 'cafe uber graph based models'],
    [
      'ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal\n  Models',
      'convllava hierarchical backbones as visual encoder for large multimodal models',
    ],
    ['Claude’s Character', 'claudes character'],
    ["Don't Stop", 'dont stop'],
    ['Qwen2.5-Omni Technical Report', 'qwen2 5 omni technical report'],
    ['ﬁne-tuning', 'fine tuning'],
    ['Learn\u00ADing with\u200B zero-width', 'learning with zero width'],
    ['Ŝ𝒜ℳ — Mathematical 𝒜lphabet', 's𝒜ℳ mathematical 𝒜lphabet'.normalize('NFKD').toLowerCase().replace(/\p{M}/gu, '')],
    ['İstanbul Türkçe', 'istanbul turkce'],
    ['  ', ''],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizeTitle(raw)).toBe(normalized);
  });

  it('gives word offsets that point at the raw words', () => {
    const text = 'Ünïcode: “Claude’s” co-pilot';
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(['Ünïcode', 'Claude’s', 'co', 'pilot']);
    expect(splitWords(text).words).toEqual(['unicode', 'claudes', 'co', 'pilot']);
  });
});

describe('createTitleMatcher over the recorded feed', () => {
  it('indexes exactly the titles of at least 4 words and 25 characters', () => {
    expect(papers.length).toBeGreaterThan(9000);
    // No two feed papers share a normalized title (checked by the count), so size = indexable papers.
    expect(matcher.size).toBe(eligible.length);
    expect(matcher.size).toBeLessThan(papers.length);
  });

  it.each(
    papers
      .filter((p) => !indexable(p.title))
      .slice(0, 25)
      .map((p) => [p.title, p.id]),
  )('short title %j is not indexed, so never matches', (title) => {
    expect(matcher.lookup(title)).toEqual([]);
    expect(matcher.findInText(title)).toEqual([]);
  });

  it.each(sample.map((p) => [p.title, p.id]))('lookup(%j) → %s', (title, id) => {
    expect(matcher.lookup(title)).toEqual([id]);
  });
});

/** Ways a page may print a title, each of which must still match. */
const VARIANTS: [string, (t: string) => string][] = [
  ['as is', (t) => t],
  ['upper case', (t) => t.toUpperCase()],
  ['lower case', (t) => t.toLowerCase()],
  ['quoted, colon as dash, full stop', (t) => `“${t.replace(/:/g, ' —')}.”`],
  [
    'hard-wrapped',
    (t) => t.replace(/ /g, (s, i: number) => (i > t.length / 2 && i < t.length / 2 + 12 ? '\n      ' : s)),
  ],
  ['non-breaking spaces', (t) => t.replace(/ /g, '\u00a0')],
  ['diacritics added', (t) => t.replace(/e/, 'é').replace(/a/, 'à')],
  ['curly apostrophes', (t) => t.replace(/'/g, '’')],
];

describe('TitleMatcher.findInText with real titles', () => {
  const rows = sample.flatMap((p, i) => {
    const [name, vary] = VARIANTS[i % VARIANTS.length] as (typeof VARIANTS)[number];
    return [[name, vary(p.title), p.id] as const];
  });

  it.each(rows)('%s: %j is found', (_variant, text, id) => {
    const found = matcher.findInText(text);
    expect(found.map((m) => m.ids)).toEqual([[id]]);
  });

  it.each(sample.slice(0, 40).map((p) => [p.title, p.id]))('%j is found delimited inside a reference', (title, id) => {
    const text = `Ann Author and Bob Writer. ${title}. In Proceedings, 2024.`;
    const [m, ...rest] = matcher.findInText(text);
    expect(rest).toEqual([]);
    expect(m?.ids).toEqual([id]);
    expect(m?.whole).toBe(false);
    expect(normalizeTitle(text.slice(m?.start, m?.end))).toBe(normalizeTitle(title));
  });
});

/** Near misses: must not match the paper (nor, by accident, any other). */
describe('TitleMatcher.findInText near misses', () => {
  const words = (t: string): string[] => normalizeWhitespace(t).split(' ');
  const misses = sample.slice(0, 60).flatMap((p) => {
    const w = words(p.title);
    const mid = Math.floor(w.length / 2);
    // A title ending in `?` or `.` is delimited by it; run-ons are only run-ons without that punctuation.
    const bare = p.title.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const normalized = normalizeTitle(p.title).split(' ');
    const rows: (readonly [string, string, string])[] = [
      ['one word changed', [...w.slice(0, mid), 'zebra', ...w.slice(mid + 1)].join(' '), p.id],
      ['one word dropped', [...w.slice(0, mid), ...w.slice(mid + 1)].join(' '), p.id],
      ['first three words (too short to be a title)', normalized.slice(0, 3).join(' '), p.id],
      ['runs on in the same sentence', `${bare} for zebra herding`, p.id],
      ['preceded in the same sentence', `zebra herding with ${bare}`, p.id],
      ['glued by a hyphen', `${bare}-based zebras`, p.id],
    ];
    // A long title's first half is long enough to be a title, but is not this one.
    if (normalized.length >= 8) rows.push(['first half', normalized.slice(0, normalized.length >> 1).join(' '), p.id]);
    return rows;
  });

  it.each(misses)('%s: %j', (_kind, text, id) => {
    const found = matcher.findInText(text);
    expect(found.flatMap((m) => m.ids)).not.toContain(id);
    expect(found).toEqual([]);
  });

  it('keeps the longest title when one cached title is a prefix of another', () => {
    const m = createTitleMatcher([
      { id: 'short', title: 'Scaling Laws for Neural Language Models' },
      { id: 'long', title: 'Scaling Laws for Neural Language Models of Code' },
    ]);
    expect(m.findInText('Scaling laws for neural language models of code').map((x) => x.ids)).toEqual([['long']]);
    expect(m.findInText('Scaling laws for neural language models. Of course').map((x) => x.ids)).toEqual([['short']]);
  });

  it('returns every id of a title shared by several cached papers', () => {
    const m = createTitleMatcher([
      { id: 'a', title: 'A Survey of Large Language Models' },
      { id: 'b', title: 'A survey of large language models.' },
    ]);
    expect(m.size).toBe(1);
    expect(m.lookup('a SURVEY of large-language models')).toEqual(['a', 'b']);
  });

  it.each([
    [{ minWords: 2, minChars: 10 }, 'Neural Computers', ['x']],
    [{}, 'Neural Computers', []],
  ])('honours %j', (options, title, ids) => {
    expect(createTitleMatcher([{ id: 'x', title }], options).lookup(title)).toEqual(ids);
  });
});

describe('findTitleElements', () => {
  /** Containers a page may put a title in, and the element the match must report. */
  const CONTAINERS: [string, (t: string) => string, string][] = [
    [
      'link in a list item',
      (t) => `<ul><li><a href="https://example.org/p">${t}</a> <span class="by">by A. Author</span></li></ul>`,
      'a',
    ],
    ['heading', (t) => `<h2>${t}</h2>`, 'h2'],
    ['table cell', (t) => `<table><tr><td>${t}</td><td>2024</td></tr></table>`, 'td'],
    [
      'arXiv-style list-title',
      (t) => `<dl><dt>[1]</dt><dd><div class="list-title"><span class="descriptor">Title:</span> ${t}</div></dd></dl>`,
      'div',
    ],
    ['reference in a paragraph', (t) => `<p>A. Author. ${t}. In Proc. of Things, 2024.</p>`, 'p'],
    ['cite inside running text', (t) => `<p>We build on <cite>${t}</cite> and others</p>`, 'cite'],
    ['link with a word in bold', (t) => `<p><a href="#">${t.replace(/ (\S+) /, ' <b>$1</b> ')}</a></p>`, 'a'],
    [
      'React-style adjacent spans',
      (t) => `<div><span class="t">${t}</span><span class="a">Ann Author</span></div>`,
      'span',
    ],
  ];
  const html = sample
    .map((p, i) => {
      const [, wrap] = CONTAINERS[i % CONTAINERS.length] as (typeof CONTAINERS)[number];
      return `<section data-id="${p.id}">${wrap(escapeHtml(p.title))}</section>`;
    })
    .join('\n');
  const doc = parseHtml(`<!doctype html><html><body>${html}</body></html>`);
  const matches = findTitleElements(doc, matcher);

  it('finds every sampled title once', () => {
    expect(matches.map((m) => m.ids[0])).toEqual(sample.map((p) => p.id));
  });

  it.each(sample.map((p, i) => [(CONTAINERS[i % CONTAINERS.length] as (typeof CONTAINERS)[number])[0], p.title, i]))(
    '%s: %j',
    (_container, title, i) => {
      const m = matches.find((x) => x.ids[0] === sample[i]?.id);
      const [, , tag] = CONTAINERS[i % CONTAINERS.length] as (typeof CONTAINERS)[number];
      expect(m?.element.localName).toBe(tag);
      expect(m?.element.closest('section')?.getAttribute('data-id')).toBe(sample[i]?.id);
      // The range covers exactly the title's words.
      const r = m?.range;
      const text = r && r.startNode === r.endNode ? r.startNode.data.slice(r.startOffset, r.endOffset) : undefined;
      if (text !== undefined) expect(normalizeTitle(text)).toBe(normalizeTitle(title));
    },
  );

  it('never reads scripts, styles or Paper Radar’s own elements', () => {
    const t = escapeHtml(sample[0]?.title ?? '');
    const d = parseHtml(
      `<body><script>var t = "${t}";</script><style>/* ${t} */</style><span data-paper-radar>${t}</span><pr-badge>${t}</pr-badge><textarea>${t}</textarea></body>`,
    );
    expect(findTitleElements(d, matcher)).toEqual([]);
  });

  it('does not match across block boundaries', () => {
    const w = normalizeWhitespace(sample[0]?.title ?? '').split(' ');
    const half = Math.ceil(w.length / 2);
    const d = parseHtml(`<div><p>${w.slice(0, half).join(' ')}</p><p>${w.slice(half).join(' ')}</p></div>`);
    expect(findTitleElements(d, matcher)).toEqual([]);
  });

  it('matches a word split by inline formatting (<b>Learn</b>ing)', () => {
    const m = createTitleMatcher([{ id: 'x', title: 'Learning Deep Architectures for AI' }]);
    const d = parseHtml('<p><a href="#"><b>Learn</b>ing deep <i>architec</i>tures for AI</a></p>');
    expect(findTitleElements(d, m).map((x) => [x.ids[0], x.element.localName, x.whole])).toEqual([['x', 'a', true]]);
  });

  it('returns nothing for an empty matcher', () => {
    expect(findTitleElements(doc, createTitleMatcher([]))).toEqual([]);
  });
});

describe('hard-wrapped titles from the feed', () => {
  // Titles exactly as the API sent them, with "\n  " inside; keyed by canonical id.
  const wrapped = [...wrappedFeedTitles()]
    .map(([id, title]) => [canonicalArxivId(id) ?? id, title] as const)
    .filter(([, title]) => indexable(title));

  it('has the wrapped titles to test', () => {
    expect(wrapped.length).toBeGreaterThan(2500);
    expect(wrapped.every(([, t]) => /\n/.test(t))).toBe(true);
  });

  it('finds every wrapped title printed with its line breaks on a page (cache built from collapsed titles)', () => {
    const body = wrapped.map(([id, t]) => `<li data-id="${id}"><a href="#">${escapeHtml(t)}</a></li>`).join('');
    const found = findTitleElements(parseHtml(`<ul>${body}</ul>`), matcher);
    expect(found.map((m) => [m.ids[0], m.element.parentElement?.getAttribute('data-id')])).toEqual(
      wrapped.map(([id]) => [id, id]),
    );
  });

  it('finds collapsed titles with a cache built from the wrapped ones', () => {
    const fromWrapped: TitleMatcher = createTitleMatcher(wrapped.map(([id, title]) => ({ id, title })));
    for (const [id, title] of wrapped) expect(fromWrapped.lookup(normalizeWhitespace(title))).toEqual([id]);
  });
});

describe('findTitleElements on real pages', () => {
  it('Google Scholar: finds the result title link, and nothing else of the feed', () => {
    const scholar = createTitleMatcher([...papers, { id: 'bengio-2009', title: 'Learning deep architectures for AI' }]);
    const found = findTitleElements(loadPage(PAGES.scholar.file, PAGES.scholar.url), scholar);
    expect(found).toHaveLength(1);
    expect(found[0]?.ids).toEqual(['bengio-2009']);
    expect(found[0]?.element.localName).toBe('a');
    expect(found[0]?.element.parentElement?.className).toBe('gs_rt');
    expect(found[0]?.whole).toBe(true);
  });

  it('arXiv HTML full text: the cited papers that are in the feed, each in the bibliography item citing its id', () => {
    const found = findTitleElements(loadPage(PAGES.html.file, PAGES.html.url), matcher);
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const m of found) {
      const item = m.element.closest('li.ltx_bibitem');
      expect(item).not.toBeNull();
      // Independent check: the same item names that id as arXiv:ID or arxiv.org/abs/ID.
      const ids = [...(item?.innerHTML ?? '').matchAll(/(?:arXiv:|arxiv\.org\/abs\/)(\d{4}\.\d{4,5})/g)].map(
        (x) => x[1],
      );
      expect(ids).toContain(m.ids[0]);
    }
  });

  it('arXiv hep-th listing: no feed title appears (no false positives over 9,000+ titles)', () => {
    expect(findTitleElements(loadPage(PAGES.listing.file, PAGES.listing.url), matcher)).toEqual([]);
  });
});
