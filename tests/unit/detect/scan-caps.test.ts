// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MAX_META_CHARS, MAX_META_TAGS, readPageMeta } from '../../../lib/detect/page-meta';
import { scanDocument } from '../../../lib/detect/scan-page';
import { SourceSchema } from '../../../lib/ext/protocol';

const FIVE_MB = 'Lorem ipsum dolor sit amet. '.repeat(190_000);

describe('the popup scan of a hostile page', () => {
  it('reads at most MAX_META_CHARS of a 5 MB citation_abstract, and the result fits the protocol', async () => {
    document.head.innerHTML = `<title>A page</title><meta name="citation_title" content="A title">
      <meta name="citation_abstract" content="${FIVE_MB}">`;
    document.body.innerHTML = '<h1>A title</h1>';
    expect(FIVE_MB.length).toBeGreaterThan(5_000_000);
    const meta = readPageMeta(document);
    expect(meta.abstract!.length).toBeLessThanOrEqual(MAX_META_CHARS);
    const scan = await scanDocument(document, 'https://example.org/paper');
    expect(scan.page.description!.length).toBeLessThanOrEqual(MAX_META_CHARS);
    // What the popup sends for related papers is accepted by the background.
    expect(SourceSchema.safeParse({ title: scan.page.title, abstract: scan.page.description }).success).toBe(true);
  });

  it('reads at most MAX_META_TAGS meta tags', () => {
    const tags = Array.from({ length: MAX_META_TAGS + 5 }, (_, i) => `<meta name="k${i}" content="v">`).join('');
    document.head.innerHTML = `${tags}<meta name="citation_title" content="Too late to be read">`;
    expect(readPageMeta(document).title).toBeUndefined();
  });
});
