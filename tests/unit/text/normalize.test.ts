import { describe, expect, it } from 'vitest';
import { normalizeTitle, normalizeWord, rawWords, splitWords } from '../../../lib/text/normalize';

describe('normalizeTitle', () => {
  it.each([
    ['Café:  Über\n  Graph-based “Models”', 'cafe uber graph based models'],
    [
      'ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal\n  Models',
      'convllava hierarchical backbones as visual encoder for large multimodal models',
    ],
    ['Claude’s Character', 'claudes character'],
    ["Don't Stop", 'dont stop'],
    ['Qwen2.5-Omni Technical Report', 'qwen2 5 omni technical report'],
    ['ﬁne-tuning', 'fine tuning'],
    ['Learn\u00ADing with\u200B zero-width', 'learning with zero width'],
    ['İstanbul Türkçe', 'istanbul turkce'],
    ['Ｆｕｌｌ－ｗｉｄｔｈ', 'full width'],
    ['𝐁𝐨𝐥𝐝 𝑀𝑎𝑡ℎ', 'bold math'],
    ['MH-MoE:Multi-Head Mixture-of-Experts', 'mh moe multi head mixture of experts'],
    ['论文《Attention Is All You Need》', '论文 attention is all you need'],
    ['  ', ''],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizeTitle(raw)).toBe(normalized);
  });

  // Each row: the feed's spelling (as the API sends it) and how real pages write the same title.
  it.each([
    ['superscript as caret / Unicode', 'Transformer^2: Self-adaptive LLMs', 'Transformer²: Self-adaptive LLMs'],
    ['superscript as caret / <sup> text', 'Transformer^2: Self-adaptive LLMs', 'Transformer2: Self-adaptive LLMs'],
    ['caret inside a word', 'UniF^2ace: Fine-grained Face Understanding', 'UniF²ace: Fine-grained Face Understanding'],
    ['braced superscript', 'UniF^{2}ace', 'UniF²ace'],
    ['Greek with caret / Unicode', 'π^3: Scalable Permutation-Equivariant', 'π³: Scalable Permutation-Equivariant'],
    [
      'LaTeX math left in the feed',
      '$\\pi^3$: Scalable Permutation-Equivariant',
      'π³: Scalable Permutation-Equivariant',
    ],
    ['subscript as underscore / Unicode', 'Learning x_2 Bounds', 'Learning x₂ Bounds'],
    [
      'LaTeX macros and braces',
      '{\\textsc{Mamba}}: Linear-Time {S}equence Modeling',
      'Mamba: Linear-Time Sequence Modeling',
    ],
    ['LaTeX accents', 'Schr\\"odinger Bridges and \\\'{E}tudes', 'Schrödinger Bridges and Études'],
    ['LaTeX Greek macro', '$\\alpha$-Flow: Unified Training', 'α-Flow: Unified Training'],
    ['quotes of every kind', 'Wait, We Don\'t Need to "Wait"!', 'Wait, We Don’t Need to „Wait“!'],
    ['guillemets and corner brackets', '"Thinking" About «Reasoning»', '「Thinking」 About ‹Reasoning›'],
    ['dashes of every kind', 'Test-Time Scaling — A Survey', 'Test‐Time Scaling – A Survey'],
    ['minus and figure dash', 'Zero-Shot', 'Zero−Shot'],
    ['ligatures', 'Efficient Fine-tuning', 'Eﬃcient Fine-tuning'],
    [
      'hard line breaks of the feed',
      'Scaling Test-Time Compute with Lightning\n  Attention',
      'Scaling Test-Time Compute with Lightning Attention',
    ],
    ['non-breaking and thin spaces', 'Deep Research Agents', 'Deep\u00a0Research\u2009Agents'],
  ])('%s: the feed and the page spelling normalize alike', (_kind, feed, page) => {
    expect(normalizeTitle(page)).toBe(normalizeTitle(feed));
  });

  it.each([
    ['Imagen 3', 'Imagen 4'],
    ['Attention Is All You Need', 'Attention Is Not All You Need'],
    ['GPT4 Report', 'GPT Report'],
  ])('keeps %j and %j apart', (a, b) => {
    expect(normalizeTitle(a)).not.toBe(normalizeTitle(b));
  });
});

describe('splitWords', () => {
  it('gives word offsets that point at the raw words', () => {
    const text = 'Ünïcode: “Claude’s” co-pilot, Transformer^2';
    const { words, starts, ends } = splitWords(text);
    expect(starts.map((s, i) => text.slice(s, ends[i]))).toEqual([
      'Ünïcode',
      'Claude’s',
      'co',
      'pilot',
      'Transformer^2',
    ]);
    expect(words).toEqual(['unicode', 'claudes', 'co', 'pilot', 'transformer2']);
  });

  it('marks a hyphen at a line end, and only there', () => {
    const { words, hyphenBreaks } = splitWords('Effi-\n  ciently scaled test-time com-\ncompute');
    expect(words).toEqual(['effi', 'ciently', 'scaled', 'test', 'time', 'com', 'compute']);
    expect(hyphenBreaks).toEqual([0, 5]);
  });

  it('never reads a TeX control word as a word', () => {
    expect(splitWords('\\textbf{Bold} \\mathcal{O}(n) \\cite{x}').words).toEqual(['bold', 'o', 'n', 'x']);
  });
});

describe('rawWords', () => {
  it('returns the words as written, cut where splitWords cuts', () => {
    expect(rawWords('MH-MoE: Don’t “Wait”, π³')).toEqual(['MH', 'MoE', 'Don’t', 'Wait', 'π³']);
    expect(rawWords('多模态 Schrödinger')).toEqual(['多模态', 'Schrödinger']);
    expect(rawWords(' -- : ')).toEqual([]);
  });
});

describe('normalizeWord', () => {
  it.each([
    ['Éléments', 'elements'],
    ['Don’t', 'dont'],
    ['UniF^{2}ace', 'unif2ace'],
    ['\\pi^3', 'π3'],
    ['ﬁne', 'fine'],
    ['GPT4', 'gpt4'],
  ])('%j → %j', (raw, word) => {
    expect(normalizeWord(raw)).toBe(word);
  });
});
