import { describe, expect, it } from 'vitest';
import { citationKey, escapeBibtex, toBibtex, toBibtexFile, toPlainList } from '../../../lib/saved/export';

const attention = {
  id: '1706.03762',
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'],
  publishedDate: '2017-06-12',
  primaryClass: 'cs.CL',
};

describe('toBibtex', () => {
  it("writes arXiv's own export shape: @misc, title, author, year, eprint, archivePrefix, primaryClass, url", () => {
    expect(toBibtex(attention)).toBe(
      [
        '@misc{vaswani2017attentionneed,',
        '      title={Attention Is All You Need}, ',
        '      author={Ashish Vaswani and Noam Shazeer and Niki Parmar and Jakob Uszkoreit},',
        '      year={2017},',
        '      eprint={1706.03762},',
        '      archivePrefix={arXiv},',
        '      primaryClass={cs.CL},',
        '      url={https://arxiv.org/abs/1706.03762}, ',
        '}',
      ].join('\n'),
    );
  });

  it('leaves out primaryClass and year when unknown, and keeps old-style ids whole', () => {
    const entry = toBibtex({ id: 'hep-th/9901001', title: 'Strings', authors: ['E. Witten'] });
    expect(entry).not.toMatch(/primaryClass|year=/);
    expect(entry).toContain('eprint={hep-th/9901001},');
    expect(entry).toContain('url={https://arxiv.org/abs/hep-th/9901001}, ');
  });

  it('escapes braces and the characters special to TeX, so braces always balance', () => {
    const entry = toBibtex({
      id: '2401.00001',
      title: 'A {brace} test: 100% of $x_i$ & #1 ~ ^ \\cmd',
      authors: ['Ann_Lee', 'Research and Development Team'],
      publishedDate: '2024-01-01',
    });
    expect(entry).toContain(
      'title={A \\{brace\\} test: 100\\% of \\$x\\_i\\$ \\& \\#1 \\textasciitilde{} \\textasciicircum{} \\textbackslash{}cmd}, ',
    );
    // A name with the word "and" is braced, so BibTeX does not split it into two authors.
    expect(entry).toContain('author={Ann\\_Lee and {Research and Development Team}},');
    let depth = 0;
    for (let i = 0; i < entry.length; i++) {
      if (entry[i] === '\\') {
        i++;
        continue;
      }
      if (entry[i] === '{') depth++;
      if (entry[i] === '}') depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });

  it('keeps other Unicode as it is and collapses whitespace', () => {
    expect(escapeBibtex('Schrödinger’s  \n cat')).toBe('Schrödinger’s cat');
  });
});

describe('citationKey', () => {
  it.each([
    [attention, 'vaswani2017attentionneed'],
    [
      { id: '2401.1', title: 'The Role of Data', authors: ['José Núñez'], publishedDate: '2024-01-02' },
      'nunez2024roledata',
    ],
    [{ id: '2401.12345', title: '', authors: [] }, 'arxiv240112345'],
  ])('of %j is %s', (p, key) => {
    expect(citationKey(p)).toBe(key);
  });
});

describe('toBibtexFile', () => {
  it('gives each entry a distinct key and ends with a newline', () => {
    const file = toBibtexFile([attention, { ...attention, id: '1706.99999' }, { ...attention, id: '1706.99998' }]);
    expect([...file.matchAll(/^@misc\{([^,]+),$/gm)].map((m) => m[1])).toEqual([
      'vaswani2017attentionneed',
      'vaswani2017attentionneeda',
      'vaswani2017attentionneedb',
    ]);
    expect(file.endsWith('}\n')).toBe(true);
    expect(toBibtexFile([])).toBe('');
  });
});

describe('toPlainList', () => {
  it('writes one line per paper with its arXiv link', () => {
    expect(toPlainList([attention, { id: '2401.00002', title: 'Solo', authors: ['A B'] }])).toBe(
      'Attention Is All You Need — Ashish Vaswani et al. (2017). https://arxiv.org/abs/1706.03762\n' +
        'Solo — A B. https://arxiv.org/abs/2401.00002\n',
    );
  });
});
