import { describe, expect, it } from 'vitest';
import { isPartialArxivId, parsePaperReference } from '../../../lib/search/paper-reference';

const arxiv = (id: string) => ({ kind: 'arxiv', id, url: `https://arxiv.org/abs/${id}` });

describe('parsePaperReference', () => {
  it.each([
    ['2406.01234', '2406.01234'],
    [' 2406.01234v3 ', '2406.01234'],
    ['arXiv:2406.01234', '2406.01234'],
    ['arxiv: 2406.01234v2', '2406.01234'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['1412.6980', '1412.6980'],
    ['https://arxiv.org/abs/2406.01234v2', '2406.01234'],
    ['arxiv.org/pdf/2406.01234', '2406.01234'],
    ['https://www.alphaxiv.org/abs/2406.01234', '2406.01234'],
    ['https://www.alphaxiv.org/overview/2406.01234v1', '2406.01234'],
    ['https://huggingface.co/papers/2406.01234', '2406.01234'],
    ['https://hf.co/papers/2406.01234', '2406.01234'],
    ['10.48550/arXiv.2406.01234', '2406.01234'],
    ['https://doi.org/10.48550/arXiv.2406.01234', '2406.01234'],
    ['doi:10.48550/arxiv.2406.01234', '2406.01234'],
  ])('reads %j as the arXiv paper %s', (query, id) => {
    expect(parsePaperReference(query)).toEqual(arxiv(id));
  });

  it.each([
    ['10.1145/3368089.3409740', '10.1145/3368089.3409740'],
    ['doi:10.1038/nature14539', '10.1038/nature14539'],
    ['https://doi.org/10.1038/nature14539.', '10.1038/nature14539'],
    ['https://dx.doi.org/10.18653/v1/2020.acl-main.1', '10.18653/v1/2020.acl-main.1'],
  ])('reads %j as the DOI %s, resolved at doi.org', (query, doi) => {
    expect(parsePaperReference(query)).toEqual({ kind: 'doi', doi, url: `https://doi.org/${doi}` });
  });

  it.each([
    '',
    'diffusion models',
    '2406.01234 diffusion',
    'see 2406.01234',
    'https://arxiv.org/list/cs.LG/new',
    'https://example.org/2406.01234',
    '2406.0123',
    '2413.01234',
    'Yann LeCun',
  ])('is undefined for %j', (query) => {
    expect(parsePaperReference(query)).toBeUndefined();
  });
});

describe('isPartialArxivId', () => {
  it.each(['2406.', '2406.0', '2406.0123', 'arXiv:2406.01', ' 2406.01 '])('is true for %j', (q) => {
    expect(isPartialArxivId(q)).toBe(true);
  });

  it.each(['2406', '2406.01234', 'gpt-4', '2024 models'])('is false for %j', (q) => {
    expect(isPartialArxivId(q)).toBe(false);
  });
});
