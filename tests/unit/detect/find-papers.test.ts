import { describe, expect, it } from 'vitest';
import { canonicalArxivId } from '../../../lib/arxiv/id';
import { findPapers } from '../../../lib/detect/find-papers';
import { CONFIDENCE, type PaperMention } from '../../../lib/detect/mention';
import { createTitleIndex } from '../../../lib/detect/title-index';
import { MAX_CONFIDENCE, TITLE_SCORES } from '../../../lib/detect/title-scores';
import { normalizeTitle } from '../../../lib/text/normalize';
import { TEXT_CONFIDENCE } from '../../../lib/detect/ids-in-text';
import { escapeHtml, feedPapers, loadPage, PAGES, pageHtml, parseHtml } from './fixtures';

const papers = feedPapers();
const matcher = createTitleIndex(papers);
const decodeEntities = (s: string): string =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const brief = (h: PaperMention) => ({ id: h.id, reason: h.reason, page: h.isPagePaper, anchor: h.anchor?.localName });

describe('findPapers on arXiv abstract pages', () => {
  it.each([
    ['2026 layout', PAGES.abs2026, '1902.02534'],
    ['2021 layout', PAGES.abs2021, '2106.09608'],
  ])('%s: one hit, the page’s own paper, anchored at h1.title', (_layout, page, id) => {
    const doc = loadPage(page.file, page.url);
    const hits = findPapers(doc, { titles: matcher });
    expect(hits).toHaveLength(1);
    const [own] = hits;
    expect(own).toMatchObject({ id, reason: 'meta', confidence: CONFIDENCE.pageId, isPagePaper: true });
    // Its many self-links (abs, pdf, html, versions) and "arXiv:ID" texts are folded in, not reported apart.
    expect(own?.reasons).toEqual(['meta', 'link', 'id in text']);
    expect(own?.element).toBeUndefined();
    expect(own?.anchor?.localName).toBe('h1');
    expect(own?.anchor?.classList.contains('title')).toBe(true);
  });

  it('still names the paper from its metadata when the page URL is unknown', () => {
    const doc = parseHtml(pageHtml(PAGES.abs2021.file), 'https://mirror.example/saved.html');
    expect(findPapers(doc).map(brief)).toEqual([{ id: '2106.09608', reason: 'meta', page: true, anchor: 'h1' }]);
  });

  it('reports nothing when the body is scanned as an element (the page’s own paper is left out)', () => {
    const doc = loadPage(PAGES.abs2026.file, PAGES.abs2026.url);
    expect(findPapers(doc.body)).toEqual([]);
  });
});

describe('findPapers on the arXiv hep-th listing (new, cross-lists, replacements)', () => {
  const html = pageHtml(PAGES.listing.file);
  // Expected independently of the detector, from the raw HTML: each entry's abs anchor and its title block.
  const entryIds = [...html.matchAll(/<a href ="\/abs\/([^"]+)" title="Abstract"/g)].map((m) => m[1] as string);
  const titles = [
    ...html.matchAll(/<div class='list-title mathjax'><span class='descriptor'>Title:<\/span>\s*([\s\S]*?)\s*<\/div>/g),
  ].map((m) => decodeEntities(m[1] as string));
  const linkedFromAbstracts = [...html.matchAll(/data-arxiv-id="([^"]+)"/g)].map((m) => m[1] as string);
  const perSection = html
    .split('<h3>')
    .slice(1)
    .map((s) => [...s.matchAll(/<a href ="\/abs\//g)].length);

  const doc = loadPage(PAGES.listing.file, PAGES.listing.url);
  const hits = findPapers(doc);
  const entryHits = hits.filter((h) => h.anchor?.classList.contains('list-title'));

  it('has the 49 entries to find: 14 new, 22 cross-lists, 13 replacements', () => {
    expect(entryIds).toHaveLength(49);
    expect(titles).toHaveLength(49);
    expect(perSection).toEqual([14, 22, 13]);
    expect(linkedFromAbstracts).toHaveLength(5);
  });

  it('finds every entry, in order, once, and nothing else but the 5 papers linked from an abstract', () => {
    expect(entryHits.map((h) => h.id)).toEqual(entryIds);
    expect(hits).toHaveLength(49 + 5);
    expect(hits.some((h) => h.isPagePaper)).toBe(false);
  });

  it.each(entryIds.map((id, i) => [i + 1, id, titles[i] as string]))(
    'entry %i, %s: anchored at its title',
    (n, id, title) => {
      const hit = entryHits[n - 1];
      expect(hit?.id).toBe(id);
      expect(normalizeTitle(hit?.anchor?.textContent ?? '')).toBe(normalizeTitle(`Title: ${title}`));
      // The strongest evidence is the abs link; the pdf/html/other links and the "arXiv:ID" text are merged in.
      expect(hit?.element?.getAttribute('href')).toBe(`/abs/${id}`);
      expect(hit).toMatchObject({ reason: 'link', confidence: CONFIDENCE.link, reasons: ['link', 'id in text'] });
    },
  );

  it.each(linkedFromAbstracts)('the abstract link to %s is its own hit, anchored at the link', (raw) => {
    const hit = hits.find((h) => h.id === canonicalArxivId(raw));
    expect(hit?.anchor).toBe(hit?.element);
    expect(hit?.anchor?.getAttribute('data-arxiv-id')).toBe(raw);
    expect(hit?.anchor?.closest('dd')).not.toBeNull();
  });

  it('finds an entry again when its <dt> is re-scanned alone, anchored at the same title', () => {
    const dd = entryHits[3]?.anchor?.closest('dd') as Element;
    // The <dd> names no id itself (the abs link is in the <dt>).
    expect(findPapers(dd)).toEqual([]);
    const dt = dd.previousElementSibling as Element;
    expect(findPapers(dt).map((h) => [h.id, h.anchor?.classList.contains('list-title')])).toEqual([
      [entryIds[3], true],
    ]);
  });
});

describe('findPapers on the arXiv HTML full text (700 KB)', () => {
  const html = pageHtml(PAGES.html.file);
  // Expected from the raw HTML: per bibliography item, the ids it writes as arXiv:ID or links as arxiv.org/abs/ID.
  const expectedPairs = html
    .split('<li class="ltx_bibitem" id="')
    .slice(1)
    .flatMap((chunk) => {
      const item = chunk.slice(0, chunk.indexOf('</li>'));
      const bib = item.slice(0, item.indexOf('"'));
      const ids = new Set([...item.matchAll(/(?:arXiv:|arxiv\.org\/abs\/)(\d{4}\.\d{4,5})/g)].map((m) => m[1]));
      return [...ids].map((id) => `${bib} ${id}`);
    })
    .sort();
  const doc = loadPage(PAGES.html.file, PAGES.html.url);

  it('has 35 cited arXiv papers to find', () => {
    expect(new Set(expectedPairs.map((p) => p.split(' ')[1])).size).toBe(35);
  });

  it.each([
    ['without cached titles', undefined],
    ['with the feed’s titles', matcher],
  ])('%s: its own paper first, then one hit per cited paper per bibliography item', (_name, titles) => {
    const hits = findPapers(doc, titles ? { titles } : {});
    const [own, ...cited] = hits;
    expect(own).toMatchObject({ id: '2501.11120', reason: 'meta', confidence: 1, isPagePaper: true });
    expect(own?.anchor?.classList.contains('ltx_title_document')).toBe(true);
    // Papers the items cite by id or link; with titles, also those they cite by title alone (GPT-4o's system card).
    const byId = cited.filter((h) => h.reasons.some((r) => r !== 'title'));
    const pairs = byId.map((h) => `${h.anchor?.closest('li.ltx_bibitem')?.id} ${h.id}`).sort();
    expect(pairs).toEqual(expectedPairs);
    expect(cited.filter((h) => !byId.includes(h)).map((h) => h.id)).toEqual(titles ? ['2410.21276'] : []);
    expect(cited.every((h) => !h.isPagePaper && h.anchor?.closest('.ltx_bibliography'))).toBe(true);
    if (titles) {
      // Cited papers that are also in the feed get their title evidence merged into the same hit.
      expect(cited.filter((h) => h.reasons.includes('title')).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives text hits the exact range of the mention', () => {
    const textHits = findPapers(doc).filter((h) => h.reason === 'id in text');
    expect(textHits.length).toBeGreaterThan(10);
    for (const h of textHits) {
      const r = h.range;
      expect(r?.startNode).toBe(r?.endNode);
      expect(r?.startNode.data.slice(r.startOffset, r.endOffset)).toBe(`arXiv:${h.id}`);
      expect(h.confidence).toBe(TEXT_CONFIDENCE.prefixed);
    }
  });

  it('leaves its in-page links out when the body is scanned as an element', () => {
    const hits = findPapers(doc.body);
    expect(hits.map((h) => h.id).sort()).toEqual([...new Set(expectedPairs.map((p) => p.split(' ')[1]))].sort());
  });
});

describe('findPapers on the Google Scholar results page', () => {
  const doc = loadPage(PAGES.scholar.file, PAGES.scholar.url);

  it('finds no arXiv paper among its 76 KB of numbers and links', () => {
    expect(findPapers(doc, { titles: matcher })).toEqual([]);
  });

  it('finds the result by title when it is cached', () => {
    const withBengio = createTitleIndex([
      ...papers,
      { id: 'bengio-2009', title: 'Learning deep architectures for AI' },
    ]);
    const hits = findPapers(doc, { titles: withBengio });
    // A Scholar result is an entry the layout proves: its badge goes at the result's title heading.
    expect(hits.map(brief)).toEqual([{ id: 'bengio-2009', reason: 'title', page: false, anchor: 'h3' }]);
    expect(hits[0]?.anchor?.className).toBe('gs_rt');
    expect(hits[0]?.element?.parentElement?.className).toBe('gs_rt');
    // 5 words, the whole text of a link that is the whole text of a heading: a short title with two cues.
    expect(hits[0]?.confidence).toBeCloseTo(
      Math.min(MAX_CONFIDENCE, TITLE_SCORES.short + TITLE_SCORES.cue.link + TITLE_SCORES.cue.heading),
    );
  });
});

describe('findPapers on other layouts (hand-written from the sites’ markup, real ids and titles)', () => {
  const [p1, p2, p3] = papers.filter((p) => p.title.split(' ').length >= 6).slice(100, 103) as [
    (typeof papers)[number],
    (typeof papers)[number],
    (typeof papers)[number],
  ];

  it('arxiv.org/search results: one hit per result, anchored at p.title', () => {
    // Modelled on arxiv.org/search result markup; not a recording.
    const result = (p: typeof p1) => `
      <li class="arxiv-result">
        <div class="is-marginless">
          <p class="list-title is-inline-block"><a href="https://arxiv.org/abs/${p.id}">arXiv:${p.id}</a>
            <span>&nbsp;[<a href="https://arxiv.org/pdf/${p.id}">pdf</a>, <a href="https://arxiv.org/format/${p.id}">other</a>]&nbsp;</span></p>
          <div class="tags is-inline-block"><span class="tag is-small">cs.CL</span></div>
        </div>
        <p class="title is-5 mathjax">${escapeHtml(p.title)}</p>
        <p class="authors"><span class="search-hit">Authors:</span> <a href="/search/?searchtype=author&amp;query=X">A. Author</a></p>
        <p class="abstract mathjax"><span class="abstract-short">${escapeHtml(p.abstract.slice(0, 200))}</span></p>
      </li>`;
    const doc = parseHtml(
      `<ol class="breathe-horizontal">${[p1, p2, p3].map(result).join('')}</ol>`,
      'https://arxiv.org/search/?query=llm&searchtype=all',
    );
    const hits = findPapers(doc, { titles: matcher });
    expect(hits.map((h) => [h.id, h.anchor?.className])).toEqual([p1, p2, p3].map((p) => [p.id, 'title is-5 mathjax']));
    expect(hits.every((h) => h.reasons.join() === 'link,id in text,title')).toBe(true);
  });

  it('Hugging Face paper cards: one hit per card, anchored at its heading', () => {
    const card = (p: typeof p1) => `
      <article class="card"><a href="/papers/${p.id}"><img src="/thumb.png" alt=""></a>
        <h3><a href="/papers/${p.id}">${escapeHtml(p.title)}</a></h3>
        <a href="/papers/${p.id}#community">12 comments</a><span>${p.upvotes}</span></article>`;
    const doc = parseHtml(
      `<main>${[p1, p2].map(card).join('')}</main>`,
      'https://huggingface.co/papers/date/2024-06-04',
    );
    const hits = findPapers(doc);
    expect(hits.map((h) => [h.id, h.anchor?.localName, h.reason, h.confidence])).toEqual([
      [p1.id, 'h3', 'link', CONFIDENCE.mirrorLink],
      [p2.id, 'h3', 'link', CONFIDENCE.mirrorLink],
    ]);
  });

  it('a Hugging Face paper page: its own paper from the URL, other papers apart', () => {
    const doc = parseHtml(
      `<h1>${escapeHtml(p1.title)}</h1><a href="https://arxiv.org/abs/${p1.id}">arXiv page</a>
       <section><h2>Similar papers</h2><ul><li><a href="/papers/${p2.id}">${escapeHtml(p2.title)}</a></li></ul></section>`,
      `https://huggingface.co/papers/${p1.id}`,
    );
    const hits = findPapers(doc, { titles: matcher });
    expect(hits.map(brief)).toEqual([
      { id: p1.id, reason: 'meta', page: true, anchor: 'h1' },
      // The link's whole text is the cached title: the title match is the stronger of the two.
      { id: p2.id, reason: 'title', page: false, anchor: 'a' },
    ]);
    expect(hits[1]?.reasons).toEqual(['link', 'title']);
    expect(hits[0]?.confidence).toBe(CONFIDENCE.pageMirror);
    expect(hits[0]?.reasons).toEqual(['meta', 'link', 'title']);
  });

  it('a publisher page whose citation_title is a cached title: its own paper by title', () => {
    const doc = parseHtml(
      `<html><head><meta name="citation_title" content="${escapeHtml(p3.title)}"><meta name="citation_doi" content="10.1145/1234.5678"></head>
       <body><h1 class="article-title">${escapeHtml(p3.title)}</h1><p>Body text.</p></body></html>`,
      'https://dl.acm.org/doi/10.1145/1234.5678',
    );
    expect(
      findPapers(doc, { titles: matcher }).map((h) => [
        h.id,
        h.reason,
        h.confidence,
        h.isPagePaper,
        h.anchor?.className,
      ]),
    ).toEqual([[p3.id, 'meta', CONFIDENCE.pageCitationTitle, true, 'article-title']]);
    expect(findPapers(doc)).toEqual([]);
  });

  it.each([
    ['arXiv DOI link', `<a href="https://doi.org/10.48550/arXiv.${'2406.01234'}">doi</a>`, 'link', CONFIDENCE.link],
    ['DOI in text', '<p>doi:10.48550/arXiv.2406.01234</p>', 'id in text', TEXT_CONFIDENCE.doi],
    ['alphaxiv link', '<a href="https://www.alphaxiv.org/abs/2406.01234">discuss</a>', 'link', CONFIDENCE.mirrorLink],
    ['URL written as text', '<p>Code: arxiv.org/abs/2406.01234v2</p>', 'link', TEXT_CONFIDENCE.url],
    [
      'arXiv: in text split over two elements',
      '<p>arXiv preprint <em>arXiv:2406.01234</em></p>',
      'id in text',
      TEXT_CONFIDENCE.prefixed,
    ],
    [
      '"arXiv" and the id in two elements',
      '<p><span>arXiv</span> <a href="#x">2406.01234</a></p>',
      'id in text',
      TEXT_CONFIDENCE.prefixed,
    ],
    [
      'id shortly after "arXiv"',
      '<p>on <span>arXiv</span> (as <a href="#x">2406.01234</a>)</p>',
      'id in text',
      TEXT_CONFIDENCE.context,
    ],
  ])('%s', (_name, body, reason, confidence) => {
    const hits = findPapers(parseHtml(body, 'https://blog.example/post'));
    expect(hits.map((h) => [h.id, h.reason, h.confidence])).toEqual([['2406.01234', reason, confidence]]);
  });

  it.each([
    ['text: false leaves text mentions out', '<p>arXiv:2406.01234</p>', { text: false }, []],
    ['bare ids are off by default', '<p>2406.01234</p>', {}, []],
    ['bareIds: true accepts them', '<p>2406.01234</p>', { bareIds: true }, ['2406.01234']],
    [
      'Paper Radar’s own badge is never read',
      `<p>Text<span data-paper-radar><a href="https://huggingface.co/papers/2406.01234">HF</a></span></p>`,
      {},
      [],
    ],
    ['nor a pr-* element', `<pr-badge><a href="https://arxiv.org/abs/2406.01234">x</a></pr-badge>`, {}, []],
    [
      'look-alikes in a page give nothing',
      '<p>v1.2406.01234, $2406.01234, 2406.01234 USD, 192.168.2406.1, bioRxiv 2406.01234</p>',
      {},
      [],
    ],
  ])('%s', (_name, body, options, ids) => {
    expect(findPapers(parseHtml(body, 'https://blog.example/post'), options).map((h) => h.id)).toEqual(ids);
  });

  it('reports one hit per place: two mentions of a paper in two paragraphs are two hits', () => {
    const doc = parseHtml(
      '<p>See arXiv:2406.01234.</p><p>As <a href="https://arxiv.org/abs/2406.01234">shown</a>.</p>',
    );
    expect(findPapers(doc).map((h) => [h.id, h.anchor?.localName])).toEqual([
      ['2406.01234', 'p'],
      ['2406.01234', 'a'],
    ]);
  });

  it('orders hits by document position, a title before a later link in the same line', () => {
    const doc = parseHtml(
      `<ul><li>${escapeHtml(p1.title)} — see also <a href="https://arxiv.org/abs/${p2.id}">this</a></li></ul>`,
    );
    const hits = findPapers(doc, { titles: matcher });
    expect(hits.map((h) => [h.id, h.reason, h.anchor?.localName])).toEqual([
      [p1.id, 'title', 'li'],
      [p2.id, 'link', 'a'],
    ]);
  });

  it('halves the confidence of a title shared by two cached papers', () => {
    const shared = createTitleIndex([
      { id: '2401.00001', title: 'A Survey on Large Language Model Agents' },
      { id: '2402.00002', title: 'A survey on large language model agents' },
    ]);
    const hits = findPapers(parseHtml('<h2>A Survey on Large Language Model Agents</h2>'), {
      titles: shared,
      minTitleConfidence: 0,
    });
    const whole = Math.min(MAX_CONFIDENCE, TITLE_SCORES.medium + TITLE_SCORES.cue.heading);
    expect(hits.map((h) => [h.id, h.confidence])).toEqual([
      ['2401.00001', whole / 2],
      ['2402.00002', whole / 2],
    ]);
  });
});
