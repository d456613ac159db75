import { describe, expect, it } from 'vitest';
import { findArxivIdsInText, TEXT_CONFIDENCE, type ArxivTextKind } from '../../../lib/detect/ids-in-text';
import { recordTitle } from '../../../lib/detect/citation-title';
import { pageHtml, PAGES } from './fixtures';

describe('findArxivIdsInText', () => {
  it.each<[string, [id: string, kind: ArxivTextKind, matched: string][]]>([
    ['arXiv:2406.01234', [['2406.01234', 'prefixed', 'arXiv:2406.01234']]],
    ['arXiv preprint arXiv:2309.14402, 2023.', [['2309.14402', 'prefixed', 'arXiv:2309.14402']]],
    ['arXiv:hep-th/9901001v2', [['hep-th/9901001', 'prefixed', 'arXiv:hep-th/9901001v2']]],
    ['see arXiv:math.GT/0309136.', [['math/0309136', 'prefixed', 'arXiv:math.GT/0309136']]],
    ['arXiv 2406.01234', [['2406.01234', 'prefixed', 'arXiv 2406.01234']]],
    ['ARXIV: 2406.01234v3', [['2406.01234', 'prefixed', 'ARXIV: 2406.01234v3']]],
    ['arXiv.2406.01234', [['2406.01234', 'prefixed', 'arXiv.2406.01234']]],
    ['arXiv id: 2406.01234', [['2406.01234', 'prefixed', 'arXiv id: 2406.01234']]],
    ['arXiv e-print 1501.00001', [['1501.00001', 'prefixed', 'arXiv e-print 1501.00001']]],
    ['[arXiv:0704.0001]', [['0704.0001', 'prefixed', 'arXiv:0704.0001']]],
    ['arXiv:2406.01234.', [['2406.01234', 'prefixed', 'arXiv:2406.01234']]],
    [
      'Attention (arXiv:1706.03762v7) and BERT (arXiv:1810.04805)',
      [
        ['1706.03762', 'prefixed', 'arXiv:1706.03762v7'],
        ['1810.04805', 'prefixed', 'arXiv:1810.04805'],
      ],
    ],
    [
      'arXiv:2406.01234, 2406.05678',
      [
        ['2406.01234', 'prefixed', 'arXiv:2406.01234'],
        ['2406.05678', 'context', '2406.05678'],
      ],
    ],
    ['posted on arXiv (2406.01234) last week', [['2406.01234', 'context', '2406.01234']]],
    ['see hep-th/9901001 for details', [['hep-th/9901001', 'old-style', 'hep-th/9901001']]],
    ['(astro-ph/0601001v3)', [['astro-ph/0601001', 'old-style', 'astro-ph/0601001v3']]],
    ['doi:10.48550/arXiv.2406.01234', [['2406.01234', 'doi', '10.48550/arXiv.2406.01234']]],
    ['https://doi.org/10.48550/arXiv.2406.01234', [['2406.01234', 'doi', 'https://doi.org/10.48550/arXiv.2406.01234']]],
    ['https://arxiv.org/abs/2406.01234v2.', [['2406.01234', 'url', 'https://arxiv.org/abs/2406.01234v2']]],
    ['at arxiv.org/pdf/2406.01234, and', [['2406.01234', 'url', 'arxiv.org/pdf/2406.01234']]],
    ['(https://huggingface.co/papers/2406.01234)', [['2406.01234', 'url', 'https://huggingface.co/papers/2406.01234']]],
    ['https://arxiv.org/abs/hep-th/9901001', [['hep-th/9901001', 'url', 'https://arxiv.org/abs/hep-th/9901001']]],
    [
      '<https://ar5iv.labs.arxiv.org/html/1910.06709>',
      [['1910.06709', 'url', 'https://ar5iv.labs.arxiv.org/html/1910.06709']],
    ],
    ['via export.arxiv.org/abs/0704.0001', [['0704.0001', 'url', 'export.arxiv.org/abs/0704.0001']]],
  ])('%j', (text, expected) => {
    const found = findArxivIdsInText(text);
    expect(found.map((m) => [m.id, m.kind, text.slice(m.start, m.end)])).toEqual(expected);
    for (const m of found) expect(m.confidence).toBe(TEXT_CONFIDENCE[m.kind]);
  });

  // Look-alikes with no arXiv context, and malformed ids with one: none may match.
  it.each([
    // phone numbers
    'Call 0800.12345 today',
    'Tel. +44 2406.01234',
    'Fax (650) 2406-0123',
    // version strings
    'release v1.2406.01234',
    'version 1.2.3',
    'build 2406.01234.5',
    'node-2406.01234',
    // dates and times
    'on 2024.06.12 at 10:30',
    '12.06.2024',
    '2406.2024',
    // IP addresses
    '192.168.2406.1',
    '10.24.06.123',
    'host 2406.01234.12.7',
    // prices and decimals
    '$2406.01234',
    '€2406.01234',
    '2406.01234 USD',
    'a total of 1,2406.01234',
    'pi ≈ 3141.59265',
    'took 1906.01820 seconds',
    // arXiv context, but not a valid id
    'arXiv:2413.01234',
    'arXiv:0612.1234',
    'arXiv:1501.1234',
    'arXiv:1412.12345',
    'arXiv:2406.012345',
    'arXiv:abc/0101001',
    'arXiv:hep-th/9913001',
    'arXiv:hep-th/99010012',
    'arXiv–2407, 2024.',
    'arXiv.org',
    // other preprint servers and DOIs
    'bioRxiv 2406.01234',
    'medRxiv 2406.01234',
    'doi:10.1101/2021.11.08.467690v2',
    // id-shaped paths elsewhere
    'https://example.com/abs/2406.01234',
    'https://github.com/org/2406.01234',
    'https://notarxiv.org/abs/2406.01234',
    'https://shf.co/papers/2406.01234',
    'example.com/hep-th/9901001',
    'xmath/0309136',
    // no digits at all
    'Attention Is All You Need',
    '',
  ])('%j gives nothing', (text) => {
    expect(findArxivIdsInText(text)).toEqual([]);
  });

  // Citation records as tools export them, each with a real paper. Expected: the id, how it was found, and the
  // record's title when it has one.
  it.each<[string, string, string, ArxivTextKind, string | undefined]>([
    [
      "arXiv's BibTeX export (eprint, then archivePrefix)",
      `@misc{vaswani2017attention,
      title={Attention Is All You Need},
      author={Ashish Vaswani and Noam Shazeer and Niki Parmar},
      year={2017},
      eprint={1706.03762},
      archivePrefix={arXiv},
      primaryClass={cs.CL},
      url={https://arxiv.org/abs/1706.03762},
}`,
      '1706.03762',
      'citation',
      'Attention Is All You Need',
    ],
    [
      'BibTeX without the url field (eprint, then archivePrefix)',
      `@misc{vaswani2017attention,\n  title={Attention Is All You Need},\n  eprint={1706.03762},\n  archivePrefix={arXiv},\n  primaryClass={cs.CL}\n}`,
      '1706.03762',
      'citation',
      'Attention Is All You Need',
    ],
    [
      'BibLaTeX (archivePrefix before eprint, quoted values)',
      `@online{kingma2014adam,\n  title = "{Adam}: A Method for Stochastic Optimization",\n  archivePrefix = "arXiv",\n  eprint = "1412.6980v9",\n  eprintclass = "cs.LG"\n}`,
      '1412.6980',
      'citation',
      'Adam: A Method for Stochastic Optimization',
    ],
    [
      'BibLaTeX eprinttype',
      `@article{he2015deep, title = {Deep Residual Learning for Image Recognition}, eprinttype = {arxiv}, eprint = {1512.03385}}`,
      '1512.03385',
      'citation',
      'Deep Residual Learning for Image Recognition',
    ],
    [
      'DBLP (journal CoRR, volume abs/ID)',
      `@article{DBLP:journals/corr/VaswaniSPUJGKP17,\n  author    = {Ashish Vaswani and others},\n  title     = {Attention Is All You Need},\n  journal   = {CoRR},\n  volume    = {abs/1706.03762},\n  year      = {2017}\n}`,
      '1706.03762',
      'citation',
      'Attention Is All You Need',
    ],
    [
      'Semantic Scholar (journal ArXiv, volume abs/ID)',
      `@article{Radford2021LearningTV, title={Learning Transferable Visual Models From Natural Language Supervision}, journal={ArXiv}, volume={abs/2103.00020}, year={2021}}`,
      '2103.00020',
      'citation',
      'Learning Transferable Visual Models From Natural Language Supervision',
    ],
    [
      'Google Scholar (journal arXiv preprint arXiv:ID)',
      `@article{touvron2023llama, title={Llama 2: Open foundation and fine-tuned chat models}, journal={arXiv preprint arXiv:2307.09288}, year={2023}}`,
      '2307.09288',
      'prefixed',
      undefined,
    ],
    [
      'NASA ADS (bibcode and eprint)',
      `@ARTICLE{2020arXiv200514165B,\n  title = "{Language Models are Few-Shot Learners}",\n  journal = {arXiv e-prints},\n  eid = {arXiv:2005.14165},\n  archivePrefix = {arXiv},\n  eprint = {2005.14165},\n}`,
      '2005.14165',
      'citation',
      'Language Models are Few-Shot Learners',
    ],
    [
      'RIS from a reference manager',
      `TY  - PREPRINT\nTI  - Denoising Diffusion Probabilistic Models\nAU  - Ho, Jonathan\nPY  - 2020\nPB  - arXiv\nAN  - 2006.11239\nER  - `,
      '2006.11239',
      'citation',
      'Denoising Diffusion Probabilistic Models',
    ],
    [
      'RIS with the id in M3',
      `TY  - JOUR\nT1  - BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding\nJO  - arXiv e-prints\nM3  - 1810.04805\nER  - `,
      '1810.04805',
      'citation',
      'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
    ],
    [
      'CSL-JSON (number)',
      `[{"id":"http://arxiv.org/abs/2201.11903v6","type":"article","title":"Chain-of-Thought Prompting Elicits Reasoning in Large Language Models","publisher":"arXiv","number":"2201.11903"}]`,
      '2201.11903',
      'url',
      undefined,
    ],
    [
      'CSL-JSON (archive_location)',
      `{"type": "article", "title": "Scaling Laws for Neural Language Models", "archive": "arXiv", "archive_location": "2001.08361"}`,
      '2001.08361',
      'citation',
      'Scaling Laws for Neural Language Models',
    ],
    [
      'old-style id in an eprint field',
      `@article{witten1998anti, title={Anti de Sitter Space and Holography}, eprint={hep-th/9802150}, archivePrefix={arXiv}}`,
      'hep-th/9802150',
      'citation',
      'Anti de Sitter Space and Holography',
    ],
  ])('%s', (_form, text, id, kind, title) => {
    const [first] = findArxivIdsInText(text);
    expect(first?.id).toBe(id);
    expect(first?.kind).toBe(kind);
    expect(first && kind === 'citation' ? recordTitle(text, first.start) : undefined).toBe(title);
    expect(new Set(findArxivIdsInText(text).map((m) => m.id))).toEqual(new Set([id]));
  });

  it.each([
    ['a number field of a non-arXiv record', `@book{k, title={Some Book}, publisher={Springer}, number={2406.01234}}`],
    ['RIS with no arXiv anywhere', `TY  - JOUR\nTI  - A Paper\nAN  - 2406.01234\nER  - `],
    ['an eprint of another server', `@misc{x, eprint={2020/1234}, archivePrefix={Cryptology ePrint Archive}}`],
    ['a price after "number:"', 'Order number: 2406.01234, shipped.'],
  ])('%s gives nothing', (_kind, text) => {
    expect(findArxivIdsInText(text)).toEqual([]);
  });

  it.each([
    ['2406.01234', '2406.01234'],
    ['see 2406.01234 and 2405.00001v2', '2406.01234,2405.00001'],
  ])('with { bare: true } reports bare ids in %j', (text, ids) => {
    const found = findArxivIdsInText(text, { bare: true });
    expect(found.map((m) => m.id).join(',')).toBe(ids);
    expect(found.every((m) => m.kind === 'bare')).toBe(true);
    expect(findArxivIdsInText(text)).toEqual([]);
  });

  it.each(['v1.2406.01234', '$2406.01234', '2413.01234', '/2406.01234'])(
    'even with { bare: true } %j gives nothing',
    (text) => {
      expect(findArxivIdsInText(text, { bare: true })).toEqual([]);
    },
  );

  it('finds every arXiv: id of the hep-th listing in its raw HTML, in order', () => {
    const html = pageHtml(PAGES.listing.file);
    // Independent expectation: every "arXiv:" followed by an id-like token, as a plain regex sees it.
    const expected = [...html.matchAll(/arXiv:((?:[a-z-]+\/)?\d{4}\.?\d{3,5})/g)].map((m) => m[1]);
    expect(expected).toHaveLength(54);
    const found = findArxivIdsInText(html).filter((m) => m.kind === 'prefixed');
    expect(found.map((m) => m.id)).toEqual(expected);
  });
});
