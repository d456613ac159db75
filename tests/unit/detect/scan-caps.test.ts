// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MAX_META_CHARS, MAX_META_TAGS, readPageMeta } from '../../../lib/detect/page-meta';
import { MAX_CANDIDATE_ELEMENTS, scanDocument, titleCandidates } from '../../../lib/detect/scan-page';
import { SourceSchema } from '../../../lib/ext/protocol';

const FIVE_MB = 'Lorem ipsum dolor sit amet. '.repeat(190_000);

describe('the popup scan of a hostile page', () => {
  it('reads at most MAX_META_CHARS of a 5 MB citation_abstract, and the result fits the protocol', () => {
    document.head.innerHTML = `<title>A page</title><meta name="citation_title" content="A title">
      <meta name="citation_abstract" content="${FIVE_MB}">`;
    document.body.innerHTML = '<h1>A title</h1>';
    expect(FIVE_MB.length).toBeGreaterThan(5_000_000);
    const meta = readPageMeta(document);
    expect(meta.abstract!.length).toBeLessThanOrEqual(MAX_META_CHARS);
    const scan = scanDocument(document, 'https://example.org/paper');
    expect(scan.page.description!.length).toBeLessThanOrEqual(MAX_META_CHARS);
    // What the popup sends for related papers is accepted by the background.
    expect(SourceSchema.safeParse({ title: scan.page.title, abstract: scan.page.description }).success).toBe(true);
  });

  it('reads at most MAX_META_TAGS meta tags', () => {
    const tags = Array.from({ length: MAX_META_TAGS + 5 }, (_, i) => `<meta name="k${i}" content="v">`).join('');
    document.head.innerHTML = `${tags}<meta name="citation_title" content="Too late to be read">`;
    expect(readPageMeta(document).title).toBeUndefined();
  });

  it('skips texts far too long for a title without reading them, and looks at a bounded number of elements', () => {
    document.body.innerHTML = `<ul><li>${'word '.repeat(10_000)}</li><li>A title of a paper that could be cached</li></ul>`;
    expect(titleCandidates(document)).toEqual(['A title of a paper that could be cached']);
    document.body.innerHTML = Array.from(
      { length: MAX_CANDIDATE_ELEMENTS + 10 },
      (_, i) => `<b>Candidate text number ${i} long enough</b>`,
    ).join('');
    expect(titleCandidates(document, Infinity)).toHaveLength(MAX_CANDIDATE_ELEMENTS);
  });
});
