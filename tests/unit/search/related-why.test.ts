import { describe, expect, it } from 'vitest';
import { buildRelatedIndex } from '../../../lib/search/related-index';
import { MAX_WHY, relatedReasons, whyCandidates, WHY_MAX_DOC_SHARE } from '../../../lib/search/related-why';
import { CORPUS, paper } from './fixtures';

/** 40 filler papers that all say "open data analysis": those words are in far more than 3 % of the corpus. */
const FILLER = Array.from({ length: 40 }, (_, i) =>
  paper({
    id: `2508.${String(i).padStart(5, '0')}`,
    title: `Open data analysis report ${i}`,
    abstract: 'An open data analysis of survey data.',
  }),
);

const SOURCE = {
  title: 'Crowdsourcing Open Citations with CROCI',
  abstract: 'We analyse open citations data and propose crowdsourcing citation data through an open index.',
  keywords: ['open citations', 'crowdsourcing', 'citation index'],
};

const RELATED = paper({
  id: '2508.10000',
  title: 'Open Citations at Scale: Crowdsourcing a Citation Index',
  abstract: 'Open data analysis of open citations; crowdsourcing fills the gaps of the citation index.',
  keywords: ['open citations', 'citation index'],
});

const index = buildRelatedIndex([...CORPUS, ...FILLER, RELATED]);

describe('whyCandidates', () => {
  it('offers multi-word keyword phrases first, then title phrases, then title terms', () => {
    const c = whyCandidates([SOURCE]);
    const firstOf = (rank: number) => c.findIndex((x) => x.rank === rank);
    expect(c[0]!.rank).toBe(0);
    expect(c.filter((x) => x.rank === 0).map((x) => x.label)).toEqual(['open citations', 'citation index']);
    expect(firstOf(0)).toBeLessThan(firstOf(1));
    expect(firstOf(1)).toBeLessThan(firstOf(2));
  });

  it('labels phrases as the source wrote them, single words lowercase unless they have inner capitals', () => {
    const labels = whyCandidates([SOURCE]).map((c) => c.label);
    expect(labels).toContain('Citations with CROCI');
    expect(labels).toContain('CROCI');
    expect(labels).toContain('crowdsourcing');
  });

  it('ranks a phrase several source papers share above one only a single paper has', () => {
    const c = whyCandidates([
      { title: 'Speculative decoding for speed' },
      { title: 'Speculative decoding with drafts' },
      { title: 'Draft trees' },
    ]);
    const phrases = c.filter((x) => x.rank === 1);
    expect(phrases[0]!.label).toBe('Speculative decoding');
    expect(phrases[0]!.support).toBe(2);
  });
});

describe('relatedReasons', () => {
  it('returns at most MAX_WHY shared phrases, keyword phrases first, never a term in more than a few percent of papers', () => {
    const why = relatedReasons(index, [SOURCE])(RELATED);
    expect(why.length).toBeLessThanOrEqual(MAX_WHY);
    expect(why[0]).toBe('open citations');
    expect(why).toContain('crowdsourcing');
    for (const w of ['open', 'data', 'analysis', 'Open']) expect(why).not.toContain(w);
  });

  it('returns nothing for a paper that shares only common words', () => {
    const bland = paper({ id: '2508.20000', title: 'Open data', abstract: 'Analysis of open data.' });
    expect(relatedReasons(index, [SOURCE])(bland)).toEqual([]);
  });

  it('requires the phrase’s terms to be consecutive in the paper', () => {
    const scattered = paper({ id: '2508.30000', title: 'Citations of an open index', abstract: '' });
    expect(relatedReasons(index, [SOURCE])(scattered)).not.toContain('open citations');
  });

  it('gives reasons that do not overlap: a later one sharing a word with an earlier one is skipped', () => {
    expect(relatedReasons(index, [{ title: 'Citation index', keywords: ['citation index'] }])(RELATED)).toEqual([
      'citation index',
    ]);
    expect(relatedReasons(index, [SOURCE])(RELATED)).not.toContain('citation index'); // "citations" is taken
  });

  it('lets a phrase take the place of a single word it contains, widened to whole hyphenated words', () => {
    const source = { title: 'Virtual dressing', abstract: 'We study virtual try-on with garments.' };
    const other = paper({ id: '2508.40000', title: 'Garments', abstract: 'A virtual try-on model.' });
    const withOther = buildRelatedIndex([...CORPUS, ...FILLER, other]);
    // "virtual" (a title word) comes first, then the abstract's "virtual try-on" takes its place.
    expect(relatedReasons(withOther, [source])(other)).toEqual(['virtual try-on']);
  });

  it('never makes a phrase across punctuation', () => {
    const source = { title: 'Crowdsourcing, citation graphs', abstract: '' };
    const labels = whyCandidates([source]).map((c) => c.label);
    expect(labels).toContain('citation graphs');
    expect(labels).not.toContain('Crowdsourcing, citation');
  });

  it('uses the corpus share limit WHY_MAX_DOC_SHARE', () => {
    expect(WHY_MAX_DOC_SHARE).toBeLessThanOrEqual(0.05);
    // In a corpus where "citation" is in most papers, it is never a reason however it is phrased.
    const cited = buildRelatedIndex(FILLER.map((p) => ({ ...p, title: `${p.title} citation index` })));
    expect(relatedReasons(cited, [SOURCE])(RELATED)).not.toContain('citation index');
  });
});
