import { describe, expect, it } from 'vitest';
import { checkFollow, compileFollows, followLabel, MAX_FOLLOW_LENGTH } from '../../../lib/follow/match';

const paper = {
  title: 'Speculative Decoding for Faster LLM Inference',
  abstract: 'We study state-of-the-art drafting. Black-hole thermodynamics is not discussed.',
  keywords: ['speculative decoding', 'KV cache'],
  authors: ['Ada Lovelace', 'Grace Hopper'],
};

describe('checkFollow', () => {
  it('accepts words and phrases, collapsing their whitespace', () => {
    expect(checkFollow('keyword', '  speculative   decoding ')).toEqual({
      ok: true,
      kind: 'keyword',
      value: 'speculative decoding',
    });
  });

  it.each([
    ['', /Enter a word/],
    ['the of and', /no word to look for/],
    ['x'.repeat(MAX_FOLLOW_LENGTH + 1), /At most/],
  ])('refuses the keyword %j with a message', (raw, reason) => {
    const r = checkFollow('keyword', raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it.each(['(unclosed', '[a-', 'a**', '(a)\\1', '(?=look)ahead'])(
    'refuses the invalid or unsupported pattern %j with a message',
    (pattern) => {
      const r = checkFollow('regex', pattern);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^Not a valid regular expression: .+/);
    },
  );

  it('accepts a valid pattern', () => {
    expect(checkFollow('regex', 'diffusion|flow matching')).toEqual({
      ok: true,
      kind: 'regex',
      value: 'diffusion|flow matching',
    });
  });
});

describe('compileFollows', () => {
  const match = (follows: { kind: 'keyword' | 'regex'; value: string }[], text = paper) =>
    compileFollows(follows.map((f, i) => ({ id: `f${i}`, ...f }))).match(text);

  it.each([
    ['speculative decoding', true],
    ['Speculative   DECODING', true],
    // Endings and case are ignored: "decodes" and "decoding" meet as one stem.
    ['speculative decodes', true],
    ['LLMs', true],
    // Words in order only.
    ['decoding speculative', false],
    // Stop words are skipped, hyphens are word breaks.
    ['state of the art', true],
    ['black hole', true],
    ['grace hopper', true],
    ['hopper grace', false],
    ['quantum', false],
  ])('the keyword %j matches: %s', (value, expected) => {
    expect(match([{ kind: 'keyword', value }]).length > 0).toBe(expected);
  });

  it('does not run a phrase from one field into the next', () => {
    // The title ends in "Inference", the abstract starts with "We": "inference we" is in no single field.
    expect(match([{ kind: 'keyword', value: 'faster llm inference study' }])).toEqual([]);
  });

  it('matches patterns case-insensitively in any field', () => {
    expect(match([{ kind: 'regex', value: 'kv\\s+cache' }])).toEqual(['f0']);
    expect(match([{ kind: 'regex', value: '^grace' }])).toEqual(['f0']);
    expect(match([{ kind: 'regex', value: 'transformer' }])).toEqual([]);
  });

  it('gives the matching follows in the order they were given', () => {
    const follows = [
      { kind: 'keyword' as const, value: 'quantum' },
      { kind: 'regex' as const, value: 'hopper' },
      { kind: 'keyword' as const, value: 'kv cache' },
    ];
    expect(match(follows)).toEqual(['f1', 'f2']);
  });

  it('matches free text (a listing entry as the page shows it)', () => {
    expect(
      match([{ kind: 'keyword', value: 'black holes' }], { text: 'On Einstein-Maxwell black-holes' } as never),
    ).toEqual(['f0']);
  });

  it('runs a catastrophic pattern on a long input in linear time (RE2), so a page cannot hang on it', () => {
    // `(a+)+$` on "aaaa…b" takes exponential time in a backtracking engine: at 40 characters, minutes.
    const text = { title: `${'a'.repeat(40_000)}b` };
    expect(match([{ kind: 'regex', value: '(a+)+$' }], text as never)).toEqual(['f0']);
    expect(match([{ kind: 'regex', value: '(a|aa)+c' }], text as never)).toEqual([]);
  });

  it('skips stored follows that no longer validate instead of throwing', () => {
    const m = compileFollows([
      { id: 'bad', kind: 'regex', value: '(' },
      { id: 'ok', kind: 'keyword', value: 'kv cache' },
    ]);
    expect(m.size).toBe(1);
    expect(m.match(paper)).toEqual(['ok']);
  });
});

describe('followLabel', () => {
  it('shows a pattern between slashes and a keyword as typed', () => {
    expect(followLabel({ kind: 'regex', value: 'a|b' })).toBe('/a|b/');
    expect(followLabel({ kind: 'keyword', value: 'KV cache' })).toBe('KV cache');
  });
});
