import { stemmer } from 'stemmer';
import { describe, expect, it, vi } from 'vitest';
import { analyze, isNumericTerm, processTerm, STOP_WORDS } from '../../../lib/search/text';

// The real Porter stemmer, watched: the memoization test counts how often processTerm calls it.
vi.mock('stemmer', async (importOriginal) => {
  const real = await importOriginal<{ stemmer: typeof stemmer }>();
  return { stemmer: vi.fn(real.stemmer) };
});

describe('processTerm', () => {
  it.each(['the', 'and', 'of', 'is', 'with', 'for', 'The', 'AND'])('returns null for the stop word %j', (word) => {
    expect(processTerm(word)).toBeNull();
  });

  it.each([
    ['models', 'model'],
    ['Modeling', 'model'],
    ['diffusion', 'diffus'],
    ['reasoning', 'reason'],
    ['generation', 'gener'],
    ['Transformers', 'transform'],
  ])('returns the Porter stem of %j', (word, stem) => {
    expect(processTerm(word)).toBe(stem);
  });

  it('returns a lowercase, diacritic-free stem', () => {
    expect(processTerm('Schrödinger')).toBe(stemmer('schrodinger'));
  });

  it('returns null for a single letter and keeps a single digit', () => {
    expect(processTerm('x')).toBeNull();
    expect(processTerm('3')).toBe('3');
  });

  it.each([
    ['GPT4', 'gpt4'],
    ['3D', '3d'],
    ['多模态', '多模态'],
    ['ai', 'ai'],
  ])('returns %j lowercased but unstemmed (digits, non-ASCII or two letters)', (token, term) => {
    expect(processTerm(token)).toBe(term);
  });

  it('stems a token once however often it is asked (memoized)', () => {
    // A token no other test uses, so it is not cached yet.
    const stem = vi.mocked(stemmer);
    stem.mockClear();
    expect(processTerm('Hallucinatingly')).toBe('hallucinatingli');
    expect(processTerm('Hallucinatingly')).toBe('hallucinatingli');
    expect(processTerm('Hallucinatingly')).toBe('hallucinatingli');
    expect(stem.mock.calls).toEqual([['hallucinatingly']]);
  });
});

describe('STOP_WORDS', () => {
  it('holds the English stop words of the stopword package, lowercase', () => {
    expect(STOP_WORDS.size).toBeGreaterThan(100);
    for (const w of STOP_WORDS) expect(w).toBe(w.toLowerCase());
    expect(STOP_WORDS.has('between')).toBe(true);
    expect(STOP_WORDS.has('model')).toBe(false);
  });
});

describe('analyze', () => {
  it('returns the processed terms in order, stop words dropped, duplicates kept', () => {
    expect(analyze('The Llama 3 Herd of Models: models for all')).toEqual(['llama', '3', 'herd', 'model', 'model']);
  });
});

describe('processTerm on the normalizer’s words', () => {
  it('returns one term for every spelling of a word that detection treats as the same word', () => {
    expect(processTerm('Don’t')).toBe(processTerm("Don't"));
    expect(processTerm('Transformer^2')).toBe(processTerm('Transformer²'));
    expect(processTerm('Transformer^2')).toBe('transformer2');
  });
});

describe('isNumericTerm', () => {
  it.each([
    ['2024', true],
    ['3', true],
    ['3d', false],
    ['gpt4', false],
  ])('returns %j → %s', (term, numeric) => {
    expect(isNumericTerm(term)).toBe(numeric);
  });
});
