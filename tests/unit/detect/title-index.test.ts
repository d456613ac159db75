import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalArxivId } from '../../../lib/arxiv/id';
import { findPapers } from '../../../lib/detect/find-papers';
import { CONFIDENT, type PaperMention } from '../../../lib/detect/mention';
import { MarkKind, RunKind, type PageText } from '../../../lib/detect/page-text';
import { titleEntryOf } from '../../../lib/background/title-entries';
import { decodeIndexFile, encodeIndexFile } from '../../../lib/search/index-file';
import {
  createTitleIndex,
  cueSurname,
  SNAPSHOT_VERSION,
  TitleIndex,
  TitleIndexError,
  type TitleIndexSnapshot,
  DEFAULT_MIN_CHARS,
  DEFAULT_MIN_WORDS,
  type MatchCounter,
} from '../../../lib/detect/title-index';
import { LONG_TITLE_WORDS, TITLE_SCORES } from '../../../lib/detect/title-scores';
import { normalizeWhitespace } from '../../../lib/feed/parse';
import { normalizeTitle } from '../../../lib/text/normalize';
import { escapeHtml, feedPapers, loadPage, PAGES, parseHtml, wrappedFeedTitles } from './fixtures';

const papers = feedPapers();
const index = createTitleIndex(papers);
/** Whether a title is long enough to be indexed, counted without the library: words as runs of letters/digits. */
const wordsOf = (title: string): string[] =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}|['’^]/gu, '')
    .match(/[\p{L}\p{N}]+/gu) ?? [];
const indexable = (title: string): boolean => {
  const words = wordsOf(title);
  return words.length >= DEFAULT_MIN_WORDS && words.join(' ').length >= DEFAULT_MIN_CHARS;
};
const eligible = papers.filter((p) => indexable(p.title));
/** Every 40th indexable paper: a deterministic sample of about 235 real titles. */
const sample = eligible.filter((_, i) => i % 40 === 0);
/** Titles by length in words, for the confidence rules. */
const long = sample.filter((p) => wordsOf(p.title).length >= LONG_TITLE_WORDS);

/** The title mentions of a document, with every confidence (the cues are what is tested). */
function titleMentions(doc: Document, titles: TitleIndex = index, min = 0): PaperMention[] {
  return findPapers(doc, { titles, minTitleConfidence: min, text: false }).filter((m) => m.reasons.includes('title'));
}

describe('createTitleIndex over the recorded feed', () => {
  it('indexes exactly the titles of at least 3 words and 12 characters', () => {
    expect(papers.length).toBeGreaterThan(9000);
    // No two feed papers share a normalized title (checked by the count), so size = indexable papers.
    expect(index.size).toBe(eligible.length);
    expect(index.size).toBeLessThan(papers.length);
  });

  it.each(
    papers
      .filter((p) => !indexable(p.title))
      .slice(0, 25)
      .map((p) => [p.title, p.id]),
  )('short title %j is not indexed, so never matches', (title) => {
    expect(index.lookup(title)).toEqual([]);
    expect(index.matchString(title)).toEqual([]);
  });

  it.each(sample.map((p) => [p.title, p.id]))('lookup(%j) → %s', (title, id) => {
    expect(index.lookup(title)).toEqual([id]);
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

describe('TitleIndex.match with real titles', () => {
  const rows = sample.map((p, i) => {
    const [name, vary] = VARIANTS[i % VARIANTS.length] as (typeof VARIANTS)[number];
    return [name, vary(p.title), p.id] as const;
  });

  it.each(rows)('%s: %j is found', (_variant, text, id) => {
    expect(index.matchString(text).map((m) => m.ids)).toEqual([[id]]);
  });

  it.each(long.slice(0, 30).map((p) => [p.title, p.id]))(
    'a long title counts anywhere: %j inside a sentence, with no cue',
    (title, id) => {
      const bare = title.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      const text = `Last week we read ${bare} and liked it.`;
      const [m, ...rest] = index.matchString(text, { minConfidence: CONFIDENT });
      expect(rest).toEqual([]);
      expect(m?.ids).toEqual([id]);
      expect(normalizeTitle(text.slice(m?.start, m?.end))).toBe(normalizeTitle(title));
    },
  );

  it.each(sample.slice(0, 40).map((p) => [p.title, p.id]))(
    '%j is found delimited inside a reference, and confident when its authors are named there',
    (title, id) => {
      const paper = papers.find((p) => p.id === id)!;
      const surname = paper.authors[0]?.split(' ').at(-1) ?? 'Nobody';
      const withAuthors = createTitleIndex([{ id, title, authors: paper.authors }]);
      const text = `${surname}, A. and Writer, B. ${title}. In Proceedings, 2024.`;
      const [m, ...rest] = withAuthors.matchString(text);
      expect(rest).toEqual([]);
      expect(m?.ids).toEqual([id]);
      if (surname.length >= 3) expect(m?.cues).toContain('authors');
    },
  );
});

/** Near misses: must not match the paper (nor, by accident, any other). */
describe('TitleIndex.match near misses', () => {
  const words = (t: string): string[] => normalizeWhitespace(t).split(' ');
  const misses = sample.slice(0, 60).flatMap((p) => {
    const w = words(p.title);
    const mid = Math.floor(w.length / 2);
    const normalized = normalizeTitle(p.title).split(' ');
    const rows: (readonly [string, string, string])[] = [
      ['one word changed', [...w.slice(0, mid), 'zebra', ...w.slice(mid + 1)].join(' '), p.id],
      ['one word dropped', [...w.slice(0, mid), ...w.slice(mid + 1)].join(' '), p.id],
      ['first two words (too short to be a title)', normalized.slice(0, 2).join(' '), p.id],
    ];
    // A long title's first half is long enough to be a title, but is not this one.
    if (normalized.length >= 8) rows.push(['first half', normalized.slice(0, normalized.length >> 1).join(' '), p.id]);
    return rows;
  });

  it.each(misses)('%s: %j', (_kind, text, id) => {
    const found = index.matchString(text);
    expect(found.flatMap((m) => m.ids)).not.toContain(id);
    expect(found).toEqual([]);
  });

  // Titles under `LONG_TITLE_WORDS` words must be delimited; a longer one running on counts, but less.
  const runOns = sample.slice(0, 60).flatMap((p) => {
    const bare = p.title.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    return [
      ['runs on in the same sentence', `${bare} for zebra herding`, p.id, wordsOf(p.title).length] as const,
      ['preceded in the same sentence', `zebra herding with ${bare}`, p.id, wordsOf(p.title).length] as const,
      ['glued by a hyphen', `${bare}-based zebras`, p.id, wordsOf(p.title).length] as const,
    ];
  });

  it.each(runOns)('%s: %j', (_kind, text, id, n) => {
    const found = index.matchString(text);
    if (n < LONG_TITLE_WORDS) expect(found).toEqual([]);
    else {
      expect(found.map((m) => m.ids)).toEqual([[id]]);
      const delimited = index.matchString(`${text.includes('zebra herding with') ? '' : 'x. '}${text}`);
      expect(found[0]?.confidence).toBeLessThanOrEqual(TITLE_SCORES.long + TITLE_SCORES.distinctive);
      expect(delimited.length).toBe(1);
    }
  });

  it('keeps the longest title when one cached title is a prefix of another', () => {
    const m = createTitleIndex([
      { id: 'short', title: 'Scaling Laws for Neural Language Models' },
      { id: 'long', title: 'Scaling Laws for Neural Language Models of Code' },
    ]);
    expect(m.matchString('Scaling laws for neural language models of code').map((x) => x.ids)).toEqual([['long']]);
    expect(m.matchString('Scaling laws for neural language models. Of course').map((x) => x.ids)).toEqual([['short']]);
  });

  it('finds a title that ends inside another title’s words (Aho–Corasick output links)', () => {
    const m = createTitleIndex([
      { id: 'outer', title: 'Deep Residual Learning for Image Recognition at Scale' },
      { id: 'inner', title: 'Learning for Image Recognition' },
    ]);
    const found = m.matchString('Deep Residual Learning: “Learning for Image Recognition”, revisited');
    expect(found.map((x) => x.ids)).toEqual([['inner']]);
  });

  it('returns every id of a title shared by several cached papers, at half the confidence', () => {
    const m = createTitleIndex([
      { id: 'a', title: 'A Survey of Large Language Models' },
      { id: 'b', title: 'A survey of large language models.' },
    ]);
    expect(m.size).toBe(1);
    expect(m.lookup('a SURVEY of large-language models')).toEqual(['a', 'b']);
    const [found] = m.matchString('A Survey of Large Language Models');
    const [alone] = createTitleIndex([{ id: 'a', title: 'A Survey of Large Language Models' }]).matchString(
      'A Survey of Large Language Models',
    );
    expect(found?.ids).toEqual(['a', 'b']);
    expect(found?.confidence).toBeCloseTo((alone?.confidence ?? 0) / 2);
  });

  it.each([
    [{ minWords: 2, minChars: 10 }, 'Neural Computers', ['x']],
    [{}, 'Neural Computers', []],
  ])('honours %j', (options, title, ids) => {
    expect(createTitleIndex([{ id: 'x', title }], options).lookup(title)).toEqual(ids);
  });
});

describe('cues for a short, common-worded title', () => {
  // Real short titles of the feed (2026-08-06 and 2025-06-17): generic words, no coined name.
  const generic = createTitleIndex([
    { id: '2608.03392', title: 'Self-Evolving Coding Agents', authors: ['Xiang Deng', 'Yu Su'] },
    { id: '2506.06366', title: 'AI Agent Behavioral Science' },
  ]);
  const mentionOf = (html: string): PaperMention | undefined => titleMentions(parseHtml(html), generic)[0];

  it.each([
    ['a topic in a sentence', '<p>Topics include: self-evolving coding agents, and evaluation.</p>'],
    ['a list item', '<ul><li>Self-Evolving Coding Agents</li></ul>'],
    ['a table cell', '<table><tr><td>Self-Evolving Coding Agents</td><td>Room 2</td></tr></table>'],
    ['a sentence that runs on', '<p>We study self-evolving coding agents in the wild.</p>'],
    ['a longer link text', '<p><a href="/t">Self-Evolving Coding Agents track</a></p>'],
  ])('no cue — %s — is not confident', (_kind, html) => {
    expect((mentionOf(html)?.confidence ?? 0) < CONFIDENT).toBe(true);
  });

  it.each([
    ['the whole text of a link', '<p>See <a href="https://example.org/p">Self-Evolving Coding Agents</a>.</p>', 'link'],
    ['the whole text of a heading', '<h3>Self-Evolving Coding Agents</h3>', 'heading'],
    ['a heading after a label', '<h1>Title: Self-Evolving Coding Agents</h1>', 'heading'],
    ['English quotes', '<p>We read “Self-Evolving Coding Agents” today.</p>', 'quotes'],
    ['straight quotes with a comma inside', '<p>We read "Self-Evolving Coding Agents," today.</p>', 'quotes'],
    ['German quotes', '<p>Wir lasen „Self-Evolving Coding Agents“ heute.</p>', 'quotes'],
    ['guillemets', '<p>Nous avons lu «Self-Evolving Coding Agents» hier.</p>', 'quotes'],
    ['corner brackets', '<p>今日は「Self-Evolving Coding Agents」を読んだ。</p>', 'quotes'],
    ['a <cite>', '<p>We read <cite>Self-Evolving Coding Agents</cite> today.</p>', 'quotes'],
    ['a label', '<p>Paper: Self-Evolving Coding Agents</p>', 'label'],
    ['a label in bold', '<p><b>Original title:</b> Self-Evolving Coding Agents. Discussed by the group.</p>', 'label'],
    ['its authors nearby', '<p>Deng, X. and Su, Y. Self-Evolving Coding Agents. 2026.</p>', 'authors'],
  ])('a cue — %s — makes it confident', (_kind, html, cue) => {
    const m = mentionOf(html);
    expect(m?.id).toBe('2608.03392');
    expect(m?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
    const [match] = generic.match(pageTextOf(html));
    expect(match?.cues).toContain(cue);
  });

  it('an arXiv id nearby adds a cue, short of confidence alone', () => {
    const [match] = generic.match(pageTextOf('<p>Self-Evolving Coding Agents; see arXiv:2608.03392.</p>'));
    expect(match?.cues).toEqual(['id']);
  });
});

/** The `PageText` a document gives (what a content script sends). */
function pageTextOf(html: string): PageText {
  const doc = parseHtml(html);
  let text: PageText | undefined;
  findPapers(doc, {
    titles: {
      size: 1,
      match: (t: PageText) => {
        text = t;
        return [];
      },
      lookup: () => [],
    } as unknown as TitleIndex,
  });
  return text!;
}

describe('titles written differently on the page and in the feed', () => {
  it.each([
    [
      'a caret in the feed, <sup> on the page',
      'Transformer^2: Self-adaptive LLMs',
      '<a href="/x">Transformer<sup>2</sup>: Self-adaptive LLMs</a>',
    ],
    [
      'a caret in the feed, ² on the page',
      'π^3: Scalable Permutation-Equivariant Visual Geometry Learning',
      '<li>π³: Scalable Permutation-Equivariant Visual Geometry Learning</li>',
    ],
    [
      'a caret inside a word',
      'UniF^2ace: Fine-grained Face Understanding and Generation\n  with Unified Multimodal Models',
      '<em>UniF²ace: Fine-grained Face Understanding and Generation with Unified Multimodal Models</em>',
    ],
    [
      'LaTeX in the feed',
      '$\\pi^3$: Scalable Permutation-Equivariant Visual Geometry Learning',
      '<p>π³: Scalable Permutation-Equivariant Visual Geometry Learning</p>',
    ],
    [
      'a subscript',
      'Learning x_t Representations for Long Video Streams',
      '<p>Learning x<sub>t</sub> Representations for Long Video Streams</p>',
    ],
    [
      'ligatures on the page',
      'Efficient Fine-tuning of Large Language Models',
      '<p>Eﬃcient Fine-tuning of Large Language Models</p>',
    ],
    [
      'a hyphen at a line end',
      'Efficiently Scaling Test-Time Compute with Lightning Attention',
      '<pre>Effi-\nciently Scaling Test-Time Compute with Lightning Attention</pre>',
    ],
    [
      'a hyphen at a <br>',
      'Efficiently Scaling Test-Time Compute with Lightning Attention',
      '<p>Effi-<br>ciently Scaling Test-Time Compute with Lightning Attention</p>',
    ],
    [
      'a real hyphen at a line end',
      'Scaling Test-Time Compute with Lightning Attention Heads',
      '<pre>Scaling Test-\nTime Compute with Lightning Attention Heads</pre>',
    ],
    [
      'dashes and quotes of other kinds',
      'Wait, We Don\'t Need to "Wait"! Removing Thinking Tokens Improves\n  Reasoning Efficiency',
      '<td>Wait, We Don’t Need to „Wait“! Removing Thinking Tokens Improves Reasoning Efficiency</td>',
    ],
    [
      'a word split by inline formatting',
      'Learning Deep Architectures for Artificial Intelligence',
      '<p><a href="#"><b>Learn</b>ing deep <i>architec</i>tures for artificial intelligence</a></p>',
    ],
  ])('%s', (_kind, feedTitle, html) => {
    const one = createTitleIndex([{ id: '2501.00001', title: feedTitle }]);
    expect(titleMentions(parseHtml(html), one, CONFIDENT).map((m) => m.id)).toEqual(['2501.00001']);
  });
});

describe('title mentions in the DOM', () => {
  /** Containers a page may put a title in, and the element the mention must report. */
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
      'framework-style adjacent spans',
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
  const mentions = titleMentions(doc);

  it('finds every sampled title once', () => {
    expect(mentions.map((m) => m.id)).toEqual(sample.map((p) => p.id));
  });

  it.each(sample.map((p, i) => [(CONTAINERS[i % CONTAINERS.length] as (typeof CONTAINERS)[number])[0], p.title, i]))(
    '%s: %j',
    (_container, title, i) => {
      const m = mentions.find((x) => x.id === sample[i]?.id);
      const [, , tag] = CONTAINERS[i % CONTAINERS.length] as (typeof CONTAINERS)[number];
      expect(m?.element?.localName).toBe(tag);
      expect(m?.element?.closest('section')?.getAttribute('data-id')).toBe(sample[i]?.id);
      // The range covers exactly the title's words.
      const r = m?.range;
      const text = r && r.startNode === r.endNode ? r.startNode.data.slice(r.startOffset, r.endOffset) : undefined;
      if (text !== undefined) expect(normalizeTitle(text)).toBe(normalizeTitle(title));
    },
  );

  it('never reads scripts, styles, hidden elements or Paper Radar’s own elements', () => {
    const t = escapeHtml(sample[0]?.title ?? '');
    const d = parseHtml(
      `<body><script>var t = "${t}";</script><style>/* ${t} */</style><span data-paper-radar>${t}</span><pr-badge>${t}</pr-badge><textarea>${t}</textarea><div hidden>${t}</div></body>`,
    );
    expect(titleMentions(d)).toEqual([]);
  });

  it('does not match across block boundaries', () => {
    const w = normalizeWhitespace(sample[0]?.title ?? '').split(' ');
    const half = Math.ceil(w.length / 2);
    const d = parseHtml(`<div><p>${w.slice(0, half).join(' ')}</p><p>${w.slice(half).join(' ')}</p></div>`);
    expect(titleMentions(d)).toEqual([]);
  });

  it('returns nothing for an empty index', () => {
    expect(titleMentions(doc, createTitleIndex([]))).toEqual([]);
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

  it('finds every wrapped title printed with its line breaks as a link (index built from collapsed titles)', () => {
    const body = wrapped.map(([id, t]) => `<li data-id="${id}"><a href="#">${escapeHtml(t)}</a></li>`).join('');
    const found = titleMentions(parseHtml(`<ul>${body}</ul>`), index, CONFIDENT);
    expect(found.map((m) => [m.id, m.element?.parentElement?.getAttribute('data-id')])).toEqual(
      wrapped.map(([id]) => [id, id]),
    );
  });

  it('finds collapsed titles with an index built from the wrapped ones', () => {
    const fromWrapped = createTitleIndex(wrapped.map(([id, title]) => ({ id, title })));
    for (const [id, title] of wrapped) expect(fromWrapped.lookup(normalizeWhitespace(title))).toEqual([id]);
  });
});

describe('author family names as cues', () => {
  it('cueSurname is idempotent over every recorded author: a family name stored alone stands for the name', () => {
    const names = papers.flatMap((p) => p.authors);
    expect(names.length).toBeGreaterThan(50_000);
    let cues = 0;
    for (const name of names) {
      const surname = cueSurname(name);
      if (surname === undefined) continue;
      cues++;
      expect(cueSurname(surname)).toBe(surname);
    }
    // The rest are short family names (`Li`, `Wu`), never cues.
    expect(cues).toBeGreaterThan(names.length * 0.75);
  });

  it('a matcher from the title entries (family names only) finds on real pages what one from whole records does', () => {
    const fromEntries = createTitleIndex(papers.map(titleEntryOf));
    let found = 0;
    for (const page of Object.values(PAGES)) {
      const doc = loadPage(page.file, page.url);
      const mentions = (titles: TitleIndex) => titleMentions(doc, titles).map((m) => [m.id, m.confidence, m.reasons]);
      const whole = mentions(index);
      found += whole.length;
      expect(mentions(fromEntries)).toEqual(whole);
    }
    expect(found).toBeGreaterThanOrEqual(3);
  });
});

/** The bytes of an index file's parts, as one buffer. */
function joined(parts: Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.buffer;
}

describe('title index snapshots', () => {
  const loaded = TitleIndex.fromSnapshot(decodeIndexFile(joined(encodeIndexFile(index.snapshot()))));

  it('load into an index that finds on real pages, and looks up, what the built one does', () => {
    expect(loaded.size).toBe(index.size);
    let found = 0;
    for (const page of Object.values(PAGES)) {
      const doc = loadPage(page.file, page.url);
      const whole = titleMentions(doc, index).map((m) => [m.id, m.confidence, m.reasons, m.element?.localName]);
      found += whole.length;
      expect(titleMentions(doc, loaded).map((m) => [m.id, m.confidence, m.reasons, m.element?.localName])).toEqual(
        whole,
      );
    }
    expect(found).toBeGreaterThanOrEqual(3);
    for (const p of sample) expect(loaded.lookup(p.title)).toEqual(index.lookup(p.title));
  });

  it('load an empty index', () => {
    const empty = TitleIndex.fromSnapshot(createTitleIndex([]).snapshot());
    expect(empty.size).toBe(0);
    expect(empty.matchString(sample[0]!.title)).toEqual([]);
  });

  /** A small index's snapshot with one field changed by `change` (arrays copied first). */
  const small = createTitleIndex(sample.slice(0, 40));
  const damaged = (change: (s: TitleIndexSnapshot) => void): TitleIndexSnapshot => {
    const s = small.snapshot();
    for (const [k, v] of Object.entries(s)) if (ArrayBuffer.isView(v)) s[k] = (v as Int32Array).slice();
    change(s);
    return s;
  };
  const lastNode = (s: TitleIndexSnapshot) => s.depth.length - 1;
  const deepest = (s: TitleIndexSnapshot) => s.depth.indexOf(Math.max(...s.depth));

  it.each<[string, (s: TitleIndexSnapshot) => void]>([
    ['another version', (s) => void (s.version = SNAPSHOT_VERSION + 1)],
    ['another format', (s) => void (s.format = 'x' as typeof s.format)],
    ['a trie array cut short', (s) => void (s.fail = s.fail.slice(1))],
    ['a failure link to a deeper node (a loop)', (s) => void (s.fail[1] = deepest(s))],
    ['a dictionary link to a node without a title', (s) => void (s.dictionary[deepest(s)] = 0)],
    ['a child one level too deep', (s) => void (s.depth[lastNode(s)] = s.depth[lastNode(s)]! + 1)],
    ['a title number out of range', (s) => void (s.output[lastNode(s)] = s.words.length)],
    ['a word code out of range', (s) => void (s.many[4] = 1_000_000)],
    ['children cut short', (s) => void (s.many = s.many.slice(0, s.many.length - 1))],
    ['a word twice', (s) => void (s.vocab = `${s.vocab}\n${s.vocab.split('\n')[0]}`)],
    ['titles of different counts', (s) => void (s.ids = JSON.stringify(JSON.parse(s.ids).slice(1)))],
    ['a title without ids', (s) => void (s.ids = JSON.stringify(JSON.parse(s.ids).map(() => [])))],
    ['titles not JSON', (s) => void (s.surnames = '[')],
  ])('refuse %s', (_what, change) => {
    expect(() => TitleIndex.fromSnapshot(damaged(change))).toThrow(TitleIndexError);
  });

  it('refuse nothing the index itself wrote', () => {
    expect(() => TitleIndex.fromSnapshot(damaged(() => undefined))).not.toThrow();
  });
});

describe('title mentions on real pages', () => {
  it('Google Scholar: finds the result title link, and nothing else of the feed', () => {
    const scholar = createTitleIndex([...papers, { id: 'bengio-2009', title: 'Learning deep architectures for AI' }]);
    const found = titleMentions(loadPage(PAGES.scholar.file, PAGES.scholar.url), scholar, CONFIDENT);
    expect(found.map((m) => [m.id, m.element?.localName, m.element?.parentElement?.className])).toEqual([
      ['bengio-2009', 'a', 'gs_rt'],
    ]);
  });

  it('arXiv HTML full text: the cited papers that are in the feed, each in a reference item naming its id or author', () => {
    const found = titleMentions(loadPage(PAGES.html.file, PAGES.html.url), index, CONFIDENT);
    // The two cited by arXiv URL (2410.13787, 2403.13799), and the GPT-4o system card cited by title alone.
    expect(found.map((m) => m.id).sort()).toEqual(['2403.13799', '2410.13787', '2410.21276']);
    for (const m of found) {
      const item = m.element?.closest('li.ltx_bibitem');
      expect(item).not.toBeNull();
      // Independent check: the same item names that id as arXiv:ID or arxiv.org/abs/ID, or the paper's first author.
      const html = item?.innerHTML ?? '';
      const ids = [...html.matchAll(/(?:arXiv:|arxiv\.org\/abs\/)(\d{4}\.\d{4,5})/g)].map((x) => x[1]);
      const author =
        papers
          .find((p) => p.id === m.id)
          ?.authors[0]?.split(' ')
          .at(-1) ?? '';
      expect(ids.includes(m.id) || (author !== '' && html.includes(author))).toBe(true);
    }
  });
});

describe('TitleIndex.match properties (fast-check)', () => {
  const small = createTitleIndex(sample);
  const ids = new Set(sample.map((p) => p.id));
  const vocabulary = [...new Set(sample.flatMap((p) => p.title.split(/\s+/)))];
  /** Page-like text: title words, other words, punctuation, quotes, line breaks, and arbitrary strings. */
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...vocabulary) },
    { weight: 2, arbitrary: fc.constantFrom('the', 'zebra', 'of', 'and', '2406.01234', 'arXiv:2501.06252') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(':', '.', ',', '“', '”', '„', '«', '»', '-\n', '\n', '(', ')', '^', '\\pi'),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  );
  const run = fc.array(token, { maxLength: 60 }).map((t) => t.join(' '));
  const page = fc.record({
    runs: fc.array(run, { maxLength: 20 }),
    kinds: fc.array(fc.constantFrom(RunKind.Other, RunKind.Heading, 7), { maxLength: 25 }),
    // Marks of every kind, including malformed ones (out of range, reversed, non-integers).
    marks: fc.array(fc.oneof(fc.nat(400), fc.constantFrom(MarkKind.Link, MarkKind.Cut, -1, 0.5)), { maxLength: 80 }),
  });

  it('never throws, and returns only cached ids with confidences in (0, 1]', () => {
    fc.assert(
      fc.property(page, (text) => {
        for (const m of small.match(text)) {
          expect(m.ids.every((id) => ids.has(id))).toBe(true);
          expect(m.confidence).toBeGreaterThan(0);
          expect(m.confidence).toBeLessThanOrEqual(1);
          expect(m.start).toBeLessThan(m.end);
          expect(m.end).toBeLessThanOrEqual(text.runs[m.run]?.length ?? 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matches after a snapshot round trip (through an index file) exactly as before', () => {
    const loaded = TitleIndex.fromSnapshot(decodeIndexFile(joined(encodeIndexFile(small.snapshot()))));
    fc.assert(
      fc.property(page, (text) => {
        expect(loaded.match(text)).toEqual(small.match(text));
      }),
      { numRuns: 300 },
    );
  });

  it('takes at most two automaton steps per word, so its work is linear in the page', () => {
    fc.assert(
      fc.property(page, fc.integer({ min: 1, max: 8 }), (text, times) => {
        const words = text.runs.reduce((n, r) => n + normalizeTitle(r).split(' ').filter(Boolean).length, 0);
        // Cut marks may split words; the bound is checked on the words the text itself has.
        const once: MatchCounter = { steps: 0, outputs: 0 };
        small.match({ ...text, marks: [] }, { counter: once });
        expect(once.steps).toBeLessThanOrEqual(2 * words);
        // The same page repeated: exactly proportional work (runs are matched independently).
        const repeated: MatchCounter = { steps: 0, outputs: 0 };
        const runs = Array.from({ length: times }, () => text.runs).flat();
        small.match({ runs, kinds: [], marks: [] }, { counter: repeated });
        const plain: MatchCounter = { steps: 0, outputs: 0 };
        small.match({ runs: text.runs, kinds: [], marks: [] }, { counter: plain });
        expect(repeated.steps).toBe(times * plain.steps);
        expect(repeated.outputs).toBe(times * plain.outputs);
      }),
      { numRuns: 200 },
    );
  });

  it('counts the same steps for a page however many titles are cached', () => {
    const text = { runs: sample.slice(0, 50).map((p) => `We read ${p.title}.`), kinds: [], marks: [] };
    const counts = [sample.slice(0, 50), sample, papers].map((entries) => {
      const c: MatchCounter = { steps: 0, outputs: 0 };
      createTitleIndex(entries).match(text, { counter: c });
      return c;
    });
    // More titles can only add words the automaton knows; the steps stay within twice the words either way.
    const words = text.runs.reduce((n, r) => n + normalizeTitle(r).split(' ').length, 0);
    for (const c of counts) expect(c.steps).toBeLessThanOrEqual(2 * words);
    expect(counts.every((c) => c.outputs >= 50)).toBe(true);
  });
});
