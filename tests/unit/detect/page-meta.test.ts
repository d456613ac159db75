import { describe, expect, it } from 'vitest';
import { authorDisplayName, extractDoi, readPageMeta } from '../../../lib/detect/page-meta';
import { loadPage, PAGES, pageHtml, parseHtml } from './fixtures';

/** `<meta name=… content=…>` values straight from the raw HTML, the expectation independent of any DOM. */
function rawMeta(html: string, name: string): string[] {
  const re = new RegExp(`<meta\\s+name="${name}"\\s+content="([^"]*)"`, 'g');
  return [...html.matchAll(re)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
}

describe('readPageMeta on real arXiv abstract pages', () => {
  it.each([
    ['2026 layout', PAGES.abs2026, '1902.02534', 'https://arxiv.org/abs/1902.02534'],
    ['2021 layout', PAGES.abs2021, '2106.09608', 'https://arxiv.org/abs/2106.09608v2'],
  ])('%s: id, title, authors and abstract from the citation_* tags', (_layout, page, id, url) => {
    const html = pageHtml(page.file);
    const meta = readPageMeta(loadPage(page.file, page.url));
    expect(meta.arxivId).toBe(id);
    expect(meta.arxivIdFrom).toBe('citation_arxiv_id');
    expect(meta.title).toBe(rawMeta(html, 'citation_title')[0]);
    const authors = rawMeta(html, 'citation_author');
    expect(authors.length).toBeGreaterThanOrEqual(2);
    // citation_author is "Last, First"; PageMeta has "First Last", in the same order.
    expect(meta.authors).toEqual(authors.map((a) => a.split(', ').reverse().join(' ')));
    expect(meta.pdfUrl).toBe(`https://arxiv.org/pdf/${id}`);
    expect(meta.url).toBe(url);
    expect(meta.siteName).toBe('arXiv.org');
    expect(meta.date).toBe(rawMeta(html, 'citation_date')[0]);
    expect(meta.abstract?.length).toBeGreaterThan(200);
    expect(meta.abstract).not.toMatch(/\s{2}|\n/);
    expect(meta.headings.some((h) => h.includes(meta.title ?? '—'))).toBe(true);
  });

  it('prefers citation_abstract over the description tag (2026 layout has both)', () => {
    const meta = readPageMeta(loadPage(PAGES.abs2026.file, PAGES.abs2026.url));
    expect(meta.abstract).toMatch(/^In this paper, we analyse the current availability of open citations/);
    expect(meta.abstract).not.toMatch(/^Abstract page for arXiv paper/);
  });

  it('names the paper even with citation_arxiv_id removed, from the canonical link', () => {
    const html = pageHtml(PAGES.abs2026.file).replace(/<meta name="citation_arxiv_id"[^>]*>/, '');
    const meta = readPageMeta(parseHtml(html, PAGES.abs2026.url));
    expect(meta.arxivId).toBe('1902.02534');
    expect(meta.arxivIdFrom).toBe('canonical');
  });
});

describe('readPageMeta on pages without citation tags', () => {
  it('the arXiv HTML full text: title from <title>, headings, no id (its id is in the URL, not the metadata)', () => {
    const meta = readPageMeta(loadPage(PAGES.html.file, PAGES.html.url));
    expect(meta.title).toBe('Tell me about yourself: LLMs are aware of their learned behaviors');
    expect(meta.arxivId).toBeUndefined();
    expect(meta.authors).toEqual([]);
    expect(meta.headings[0]).toMatch(/^Tell me about yourself/);
    expect(meta.headings.length).toBeGreaterThan(5);
    expect(meta.headings.length).toBeLessThanOrEqual(20);
  });

  it('the Google Scholar results page: only its <title>', () => {
    const meta = readPageMeta(loadPage(PAGES.scholar.file, PAGES.scholar.url));
    expect(meta.title).toBe('"Learning deep architectures for AI" - Google Scholar');
    expect(meta).toMatchObject({ authors: [], keywords: [] });
    expect(meta.arxivId ?? meta.doi ?? meta.abstract).toBeUndefined();
  });
});

describe('readPageMeta tag by tag', () => {
  const page = (head: string, body = '<h1>Heading</h1>'): Document =>
    parseHtml(
      `<!doctype html><html><head>${head}</head><body>${body}</body></html>`,
      'https://publisher.example/article/7',
    );

  it.each([
    [
      'Dublin Core title and creators',
      '<meta name="DC.title" content="A Title"><meta name="DC.creator" content="Ada Lovelace"><meta name="DC.creator" content="Turing, Alan">',
      { title: 'A Title', authors: ['Ada Lovelace', 'Alan Turing'] },
    ],
    ['lower-case dc.title', '<meta name="dc.title" content="Lower">', { title: 'Lower' }],
    [
      'og:title and og:description',
      '<meta property="og:title" content="OG  Title"><meta property="og:description" content="An\n abstract.">',
      { title: 'OG Title', abstract: 'An abstract.' },
    ],
    [
      'citation_title beats og:title',
      '<meta property="og:title" content="OG"><meta name="citation_title" content="Citation">',
      { title: 'Citation' },
    ],
    [
      'citation_doi, bare',
      '<meta name="citation_doi" content="10.1145/3491440.3491756">',
      { doi: '10.1145/3491440.3491756' },
    ],
    [
      'citation_doi with doi: prefix',
      '<meta name="citation_doi" content="doi:10.1103/PhysRevLett.128.171101">',
      { doi: '10.1103/PhysRevLett.128.171101' },
    ],
    [
      'DOI in DC.identifier as a resolver URL',
      '<meta name="DC.identifier" content="https://doi.org/10.1038/s41467-018-07210-0">',
      { doi: '10.1038/s41467-018-07210-0' },
    ],
    [
      'arXiv DOI names the arXiv id',
      '<meta name="citation_doi" content="10.48550/arXiv.2406.01234">',
      { doi: '10.48550/arXiv.2406.01234', arxivId: '2406.01234', arxivIdFrom: 'doi' },
    ],
    [
      'DC.identifier arXiv:…',
      '<meta name="DC.identifier" content="arXiv:hep-th/9901001v2">',
      { arxivId: 'hep-th/9901001', arxivIdFrom: 'identifier' },
    ],
    [
      'og:url on a mirror',
      '<meta property="og:url" content="https://huggingface.co/papers/2406.01234">',
      { url: 'https://huggingface.co/papers/2406.01234', arxivId: '2406.01234', arxivIdFrom: 'og:url' },
    ],
    [
      'citation_pdf_url on arXiv',
      '<meta name="citation_pdf_url" content="https://arxiv.org/pdf/2406.01234v1">',
      { pdfUrl: 'https://arxiv.org/pdf/2406.01234v1', arxivId: '2406.01234', arxivIdFrom: 'pdf_url' },
    ],
    [
      'relative canonical link resolved',
      '<link rel="canonical" href="/article/7">',
      { url: 'https://publisher.example/article/7' },
    ],
    [
      'keywords split and deduplicated',
      '<meta name="citation_keywords" content="LLM; agents, LLM">',
      { keywords: ['LLM', 'agents'] },
    ],
    [
      'description as abstract of last resort',
      '<meta name="description" content="Plain description">',
      { abstract: 'Plain description' },
    ],
    ['nothing: the <title>', '<title>  Just a page </title>', { title: 'Just a page', authors: [] }],
  ])('%s', (_name, head, expected) => {
    expect(readPageMeta(page(head))).toMatchObject(expected);
  });

  it('ignores a non-arXiv canonical link for the id, but keeps it as url', () => {
    const meta = readPageMeta(page('<link rel="canonical" href="https://openreview.net/forum?id=xQUe1pOKPam">'));
    expect(meta.url).toBe('https://openreview.net/forum?id=xQUe1pOKPam');
    expect(meta.arxivId).toBeUndefined();
  });

  it.each([
    [{ headings: false }, { headings: [] }],
    [{ base: 'https://other.example/x/' }, { url: 'https://other.example/article/7', headings: ['Heading'] }],
  ])('honours options %j', (options, expected) => {
    expect(readPageMeta(page('<link rel="canonical" href="/article/7">'), options)).toMatchObject(expected);
  });

  it('reads headings only under an element root, meta tags from its document', () => {
    const doc = page(
      '<meta name="citation_title" content="T">',
      '<h1>Outside</h1><section id="s"><h2>Inside</h2></section>',
    );
    const meta = readPageMeta(doc.getElementById('s') as Element);
    expect(meta.headings).toEqual(['Inside']);
    expect(meta.title).toBe('T');
  });
});

describe('authorDisplayName', () => {
  it.each([
    ['Heibi, Ivan', 'Ivan Heibi'],
    ['Riedl, Mark O.', 'Mark O. Riedl'],
    ['Yann LeCun', 'Yann LeCun'],
    ['Smith, J., Jr.', 'Smith, J., Jr.'],
    [' Doe , Jane ', 'Jane Doe'],
  ])('%j → %j', (raw, name) => {
    expect(authorDisplayName(raw)).toBe(name);
  });
});

describe('extractDoi', () => {
  it.each([
    ['10.1145/3491440.3491756', '10.1145/3491440.3491756'],
    ['https://doi.org/10.1021/acs.jpca.9b00311.', '10.1021/acs.jpca.9b00311'],
    ['doi: 10.1002/acr2.11440', '10.1002/acr2.11440'],
    ['no doi here', undefined],
  ])('%j → %j', (raw, doi) => {
    expect(extractDoi(raw)).toBe(doi);
  });
});
