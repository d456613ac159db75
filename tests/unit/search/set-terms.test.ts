import { describe, expect, it } from 'vitest';
import { buildRelatedIndex } from '../../../lib/search/related-index';
import { sharedTerms, termLabel, SHARED_MAX_DOC_SHARE } from '../../../lib/search/set-terms';
import { CORPUS, paper } from './fixtures';

/** 100 filler papers that all say "model" and "data": far more than `SHARED_MAX_DOC_SHARE` of the corpus. */
const FILLER = Array.from({ length: 100 }, (_, i) =>
  paper({
    id: `2508.${String(i).padStart(5, '0')}`,
    title: `A data model for survey ${i}`,
    abstract: 'A model of survey data.',
    keywords: ['data model'],
  }),
);

/** Three papers about video generation with diffusion; two of them also about LoRA adapters. */
const SET = [
  paper({
    id: '2509.00001',
    title: 'Diffusion Transformers for Video Generation: a Data Model',
    keywords: ['video generation', 'diffusion transformers', 'LoRA'],
  }),
  paper({
    id: '2509.00002',
    title: 'Video Generation with Sparse Diffusion',
    keywords: ['video generation', 'sparse attention', 'LoRA'],
  }),
  paper({
    id: '2509.00003',
    title: 'Long Video Generation via Cascaded Diffusion and a Data Model',
    keywords: ['long video generation', 'cascaded diffusion', 'diffusion'],
  }),
];

/** Papers elsewhere in the feed that hold "diffusion" (so it is less rare than "video generation" or "LoRA"). */
const OTHERS = Array.from({ length: 4 }, (_, i) =>
  paper({ id: `2509.0010${i}`, title: `Diffusion for protein folding ${i}`, keywords: ['diffusion'] }),
);

const index = buildRelatedIndex([...CORPUS, ...FILLER, ...SET, ...OTHERS]);

describe('sharedTerms', () => {
  it('names the phrase every member holds first, then the rarer of equally shared terms, no word twice', () => {
    const terms = sharedTerms(index, SET);
    expect(terms[0]).toBe('video generation');
    expect(terms).toContain('diffusion');
    expect(terms).toContain('LoRA');
    // "diffusion" is held by all three but by several other papers of the feed; LoRA by two and nowhere else.
    expect(terms.indexOf('diffusion')).toBeLessThan(terms.indexOf('LoRA'));
    // `video` and `generation` are already named by the phrase.
    expect(terms).not.toContain('video');
    expect(terms).not.toContain('long video generation');
  });

  it(`never names a term in more than ${SHARED_MAX_DOC_SHARE * 100} % of the feed, however many members hold it`, () => {
    const terms = sharedTerms(index, SET);
    expect(terms.some((t) => /\b(data|model)\b/.test(t))).toBe(false);
  });

  it('ranks by how rare a term is in the feed when members share terms equally (idf)', () => {
    const pair = [
      { title: 'Diffusion with LoRA', keywords: ['LoRA'] },
      { title: 'LoRA for Diffusion', keywords: ['diffusion'] },
    ];
    expect(sharedTerms(index, pair)).toEqual(['LoRA', 'diffusion']);
  });

  it('names only keywords of a member or parts of them, never a word the titles alone share', () => {
    const pair = [
      { title: 'Powered Sparse Diffusion with LoRA', keywords: ['LoRA'] },
      { title: 'LoRA Powered Sparse Diffusion', keywords: ['sparse attention'] },
    ];
    const terms = sharedTerms(index, pair);
    expect(terms).toContain('LoRA');
    expect(terms).toContain('sparse'); // a word of the keyword `sparse attention`
    expect(terms).not.toContain('powered');
  });

  it('names a shared phrase instead of the words it is made of', () => {
    const set = [
      { title: 'Zero-Shot Routing', keywords: ['zero-shot'] },
      { title: 'Shot noise for zero padding', keywords: ['zero'] },
      { title: 'Zero-shot transfer', keywords: ['shot'] },
    ];
    // `zero` and `shot` are each in all three, the phrase in two: named first, each word then gives way to it.
    expect(sharedTerms(index, set)).toEqual(['zero-shot']);
  });

  it('names nothing only one member holds, and nothing held by too small a share of a large set', () => {
    expect(sharedTerms(index, [SET[0]!, { title: 'Sparse attention kernels', keywords: [] }])).toEqual([]);
    const large = [...SET, ...Array.from({ length: 13 }, (_, i) => ({ title: `Unrelated topic ${i}`, keywords: [] }))];
    // 3 of 16 members is below the 20 % share.
    expect(sharedTerms(index, large)).toEqual([]);
    expect(sharedTerms(index, large, { minShare: 0.1 })[0]).toBe('video generation');
  });

  it('is empty for fewer than two members and honours max', () => {
    expect(sharedTerms(index, [SET[0]!])).toEqual([]);
    expect(sharedTerms(index, [])).toEqual([]);
    expect(sharedTerms(index, SET, { max: 1 })).toEqual(['video generation']);
  });
});

describe('termLabel', () => {
  it.each([
    ['Video Generation', 'video generation'],
    ['LoRA', 'LoRA'],
    ['Mixture-of-Experts', 'mixture-of-experts'],
    ['3D Gaussian Splatting', '3D gaussian splatting'],
    ['LLMs', 'LLMs'],
  ])('%s → %s', (label, expected) => {
    expect(termLabel(label)).toBe(expected);
  });
});
