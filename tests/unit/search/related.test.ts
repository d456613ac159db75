import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../lib/search/paper-index';
import {
  explainMatch,
  MAX_WHY,
  relatedPapers,
  relatedQuery,
  RELATED_EVIDENCE,
  type RelatedQuery,
} from '../../../lib/search/related';
import {
  CORPUS,
  IMAGE_DIFFUSION,
  MOE_ROUTING,
  MOE_SCALING,
  MOE_SCALING_AGAIN,
  paper,
  PROCESS_REWARDS,
  RL_REASONING,
  SPEECH,
  TWIN_POPULAR,
  TWIN_QUIET,
  VIDEO_DIFFUSION,
} from './fixtures';

const index = buildIndex(CORPUS);

describe('relatedQuery', () => {
  it('returns title terms weighted above terms the abstract uses twice', () => {
    const q = relatedQuery(index, {
      title: 'Speech Transducers',
      abstract: 'Robot robot policies.',
    });
    const weight = (term: string) => q.terms.find((t) => t.term === term)?.weight;
    expect(weight('speech')).toBe(RELATED_EVIDENCE.title);
    expect(weight('robot')).toBeLessThan(weight('speech') ?? 0);
  });

  it('returns no term the abstract uses only once, and no numbers', () => {
    const q = relatedQuery(index, { title: 'Robots in 2025', abstract: 'Furthermore, 2025 transducers. Robots.' });
    expect(q.terms.map((t) => t.term)).toEqual(['robot']);
  });

  it('returns terms summing the evidence of title, keywords and abstract', () => {
    const q = relatedQuery(index, {
      title: 'Routing',
      keywords: ['expert routing'],
      abstract: 'routing routing',
    });
    const routing = q.terms.find((t) => t.term === 'rout');
    expect(routing?.weight).toBe(RELATED_EVIDENCE.title + RELATED_EVIDENCE.keywords + 1);
    expect(routing?.inTitle).toBe(true);
  });

  it('returns at most maxTerms terms, best first', () => {
    const q = relatedQuery(index, VIDEO_DIFFUSION, { maxTerms: 3 });
    expect(q.terms).toHaveLength(3);
    expect(relatedQuery(index, VIDEO_DIFFUSION).terms.slice(0, 3)).toEqual(q.terms);
  });

  it('returns labels as the source wrote them: lowercase words, acronyms kept', () => {
    const q = relatedQuery(index, { title: 'Scaling MoE Experts with LLMs' });
    expect(q.terms.map((t) => t.label).sort()).toEqual(['LLMs', 'MoE', 'experts', 'scaling']);
  });

  it('returns the keyword phrases with their terms, once each', () => {
    const q = relatedQuery(index, { title: 'x', keywords: ['Video Diffusion Models', 'video diffusion model', 'of'] });
    expect(q.phrases).toEqual([{ label: 'Video Diffusion Models', terms: ['video', 'diffus', 'model'] }]);
  });

  it('returns an empty query for a title of stop words', () => {
    expect(relatedQuery(index, { title: 'What is it about?' }).terms).toEqual([]);
  });
});

describe('explainMatch', () => {
  const query: RelatedQuery = {
    terms: [
      { term: 'diffus', weight: 4, label: 'diffusion', inTitle: true, common: false },
      { term: 'video', weight: 4, label: 'video', inTitle: true, common: false },
      { term: 'model', weight: 2, label: 'models', inTitle: true, common: true },
      { term: 'tempor', weight: 1, label: 'temporal', inTitle: false, common: false },
    ],
    phrases: [{ label: 'video diffusion models', terms: ['video', 'diffus', 'model'] }],
  };

  it('returns a keyword phrase whole when the result has all its terms, instead of its words', () => {
    expect(explainMatch(query, new Set(['diffus', 'video', 'model', 'tempor']))).toEqual([
      'video diffusion models',
      'temporal',
    ]);
  });

  it('returns the single words, best first, when the phrase is incomplete', () => {
    expect(explainMatch(query, new Set(['model', 'diffus']))).toEqual(['diffusion', 'models']);
  });

  it(`returns at most MAX_WHY (${MAX_WHY}) labels`, () => {
    const many: RelatedQuery = {
      terms: 'abcdefgh'
        .split('')
        .map((c, i) => ({ term: `t${c}`, weight: 10 - i, label: c, inTitle: false, common: false })),
      phrases: [],
    };
    expect(explainMatch(many, new Set(many.terms.map((t) => t.term)))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('relatedPapers', () => {
  it('returns the topically closest papers first, the source excluded', () => {
    const related = relatedPapers(index, VIDEO_DIFFUSION);
    expect(related[0]?.id).toBe(IMAGE_DIFFUSION.id);
    expect(related.map((r) => r.id)).not.toContain(VIDEO_DIFFUSION.id);
  });

  it('returns why each paper is related, in the source’s words', () => {
    const [first] = relatedPapers(index, PROCESS_REWARDS);
    expect(first?.id).toBe(RL_REASONING.id);
    expect(first?.why).toContain('mathematical reasoning');
  });

  it('returns no paper with the source’s title, even under another id', () => {
    const ids = relatedPapers(index, { title: TWIN_POPULAR.title, abstract: TWIN_POPULAR.abstract }).map((r) => r.id);
    expect(ids).not.toContain(TWIN_POPULAR.id);
    expect(ids).not.toContain(TWIN_QUIET.id);
  });

  it('returns one of two near-duplicate papers, the better scored', () => {
    const ids = relatedPapers(index, MOE_ROUTING).map((r) => r.id);
    expect(ids[0]).toBe(MOE_SCALING.id);
    expect(ids).not.toContain(MOE_SCALING_AGAIN.id);
  });

  it('returns the other near-duplicate when the better one is excluded (so collapsing is what hid it)', () => {
    const ids = relatedPapers(index, MOE_ROUTING, { excludeId: MOE_SCALING.id }).map((r) => r.id);
    expect(ids[0]).toBe(MOE_SCALING_AGAIN.id);
  });

  it('returns papers for a source that is not indexed (a page)', () => {
    const related = relatedPapers(index, {
      title: 'A blog post on streaming speech recognition',
      abstract: 'How transducers make speech recognition streaming-friendly.',
    });
    expect(related[0]?.id).toBe(SPEECH.id);
    expect(related[0]?.why).toEqual(expect.arrayContaining(['speech', 'recognition']));
  });

  it('returns nothing for excludeId', () => {
    expect(relatedPapers(index, VIDEO_DIFFUSION, { excludeId: IMAGE_DIFFUSION.id }).map((r) => r.id)).not.toContain(
      IMAGE_DIFFUSION.id,
    );
  });

  it('returns at most limit papers', () => {
    expect(relatedPapers(index, RL_REASONING, { limit: 10 }).length).toBeGreaterThan(2);
    expect(relatedPapers(index, RL_REASONING, { limit: 2 })).toHaveLength(2);
    expect(relatedPapers(index, RL_REASONING, { limit: 0 })).toEqual([]);
  });

  it('returns [] when the source shares no term with the index', () => {
    expect(
      relatedPapers(index, { title: 'Medieval Cheese Markets', abstract: 'Cheese cheese markets markets.' }),
    ).toEqual([]);
  });

  it('returns the same list for the same input', () => {
    expect(relatedPapers(index, RL_REASONING, { limit: 10 })).toEqual(
      relatedPapers(index, RL_REASONING, { limit: 10 }),
    );
  });

  it('returns the more upvoted of two equally related papers first (trending blend)', () => {
    const a = paper({ id: '2506.00300', title: 'Graph Kernels for Molecules', upvotes: 0 });
    const b = paper({ id: '2506.00301', title: 'Graph Kernels for Proteins', upvotes: 150 });
    const small = buildIndex([a, b, ...CORPUS]);
    expect(relatedPapers(small, { title: 'Graph Kernels' }).map((r) => r.id)).toEqual([b.id, a.id]);
  });
});
