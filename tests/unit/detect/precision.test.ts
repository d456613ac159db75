// Pages that cite no paper of the feed: with the whole recorded feed's titles cached, nothing may be reported.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPapers } from '../../../lib/detect/find-papers';
import { CONFIDENT } from '../../../lib/detect/mention';
import { createTitleIndex } from '../../../lib/detect/title-index';
import { feedPapers, loadPage, PAGES, parseHtml } from './fixtures';
import { recordedCase } from '../../helpers/recorded-feed';

const papers = feedPapers();
const index = createTitleIndex(papers);
const inFeed = new Set(papers.map((p) => p.id));
const OWN = join(import.meta.dirname, '../../fixtures/pages');

describe('pages that cite no paper of the feed', () => {
  it.each([
    [
      'a cooking blog (written for this test)',
      join(OWN, 'cooking-blog.html'),
      'https://flourdiaries.example/sunday-sourdough',
    ],
    [
      'a local news article (written for this test)',
      join(OWN, 'news-article.html'),
      'https://gazette.example/local/bike-lanes',
    ],
    [
      'a workshop call for papers naming short feed titles as topics',
      'case:07-generic-title-false-positive.html',
      'https://example.org/workshop/cfp',
    ],
  ])('%s: no paper at all', (_page, file, url) => {
    const html = file.startsWith('case:') ? recordedCase(file.slice('case:'.length)) : readFileSync(file, 'utf8');
    const doc = parseHtml(html, url);
    expect(findPapers(doc, { titles: index })).toEqual([]);
  });

  it('the Google Scholar results page: no paper', () => {
    expect(findPapers(loadPage(PAGES.scholar.file, PAGES.scholar.url), { titles: index })).toEqual([]);
  });

  it('the recorded arXiv listing: its entries by id, and no title of the feed among the 49 entries not in it', () => {
    const mentions = findPapers(loadPage(PAGES.listing.file, PAGES.listing.url), { titles: index });
    expect(mentions.length).toBe(54);
    expect(mentions.filter((m) => m.reasons.includes('title'))).toEqual([]);
    // None of the listing's papers is in the recorded feed: a title hit would be a false one.
    expect(mentions.filter((m) => inFeed.has(m.id))).toEqual([]);
  });

  it('the case-07 page has short feed titles in it, which only a cue would make count', () => {
    const doc = parseHtml(recordedCase('07-generic-title-false-positive.html'));
    const all = findPapers(doc, { titles: index, minTitleConfidence: 0 });
    // The matcher sees them (so the test can fail), and rates every one below what people are shown.
    expect(all.map((m) => m.id)).toEqual(expect.arrayContaining(['2608.03392', '2506.06366', '2602.17365']));
    expect(all.every((m) => m.confidence < CONFIDENT)).toBe(true);
  });
});
