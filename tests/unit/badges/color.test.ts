import { describe, expect, it } from 'vitest';
import { DARK_BELOW, gradientShade, isDarkAround, luminance, parseColor } from '../../../lib/badges/color';

describe('parseColor', () => {
  // Luminances worked out independently: sRGB per WCAG; OKLab L³ for greys (L = 0.5 → 0.125); CIE L* = 50 → 0.184.
  it.each([
    ['rgb(255, 255, 255)', 1, 1],
    ['rgb(0, 0, 0)', 0, 1],
    ['rgb(128 128 128 / 50%)', 0.2158, 0.5],
    ['rgba(0, 0, 0, 0)', 0, 0],
    ['transparent', 0, 0],
    ['color(srgb 1 1 1)', 1, 1],
    ['color(srgb 0.5 0.5 0.5 / 0.25)', 0.214, 0.25],
    ['color(srgb-linear 0.5 0.5 0.5)', 0.5, 1],
    ['color(display-p3 0 0 0)', 0, 1],
    ['color(xyz-d65 0.3 0.4 0.2)', 0.4, 1],
    ['oklab(0.5 0 0)', 0.125, 1],
    ['oklab(1 0 0)', 1, 1],
    ['oklch(0.5 0 0)', 0.125, 1],
    ['oklch(50% 0 none)', 0.125, 1],
    ['oklch(0.2 0.02 260 / 0.9)', 0.0089, 0.9],
    ['lab(50 0 0)', 0.1842, 1],
    ['lch(100 0 0)', 1, 1],
  ])('reads %s', (css, y, alpha) => {
    const s = parseColor(css);
    expect(s).toBeDefined();
    expect(s!.luminance).toBeCloseTo(y, 2);
    expect(s!.alpha).toBeCloseTo(alpha, 3);
  });

  it.each(['currentcolor', 'color-mix(in srgb, currentcolor 50%, white)', 'none', ''])('does not read %j', (css) => {
    expect(parseColor(css)).toBeUndefined();
  });

  it('knows light from dark in every space the same way', () => {
    for (const dark of ['rgb(20, 20, 30)', 'oklch(0.25 0.03 260)', 'lab(15 2 -10)', 'color(srgb 0.1 0.1 0.12)'])
      expect(luminance(dark)!).toBeLessThan(DARK_BELOW);
    for (const light of ['rgb(250, 248, 240)', 'oklch(0.97 0.01 90)', 'lab(96 0 5)', 'color(srgb 0.95 0.95 0.9)'])
      expect(luminance(light)!).toBeGreaterThan(DARK_BELOW);
  });
});

describe('gradientShade', () => {
  it('averages the stops of a gradient', () => {
    const g = gradientShade('linear-gradient(rgb(0, 0, 0) 0%, rgb(255, 255, 255) 100%)')!;
    expect(g.luminance).toBeCloseTo(0.5, 3);
  });
  it('reads stops in any space', () => {
    expect(gradientShade('radial-gradient(oklch(0.2 0 0), oklab(0.25 0 0))')!.luminance).toBeLessThan(DARK_BELOW);
  });
  it('is unknown for images and none', () => {
    expect(gradientShade('url("x.png")')).toBeUndefined();
    expect(gradientShade('none')).toBeUndefined();
  });
});

/** A tiny tree of elements with the computed styles a browser would give. */
function tree(styles: Partial<CSSStyleDeclaration>[]): { leaf: Element; reads: () => number } {
  let reads = 0;
  const nodes = styles.map(() => ({ parentElement: null as unknown })) as unknown as Element[];
  nodes.forEach((n, i) => ((n as unknown as { parentElement: unknown }).parentElement = nodes[i + 1] ?? null));
  const map = new Map(nodes.map((n, i) => [n, styles[i]!]));
  const reader = {
    getComputedStyle: (el: Element) => {
      reads++;
      return { backgroundColor: 'rgba(0, 0, 0, 0)', backgroundImage: 'none', colorScheme: 'normal', ...map.get(el) };
    },
  };
  (nodes[0] as unknown as { reader: unknown }).reader = reader;
  return { leaf: nodes[0]!, reads: () => reads };
}
const darkOf = (styles: Partial<CSSStyleDeclaration>[], prefersDark = false) => {
  const { leaf } = tree(styles);
  const reader = (leaf as unknown as { reader: Parameters<typeof isDarkAround>[1] }).reader;
  return isDarkAround(leaf, { ...reader, matchMedia: () => ({ matches: prefersDark }) as MediaQueryList });
};

describe('isDarkAround', () => {
  it.each([
    ['an oklch() background', [{}, { backgroundColor: 'oklch(0.2 0.02 260)' }], true],
    ['a light oklch() background', [{}, { backgroundColor: 'oklch(0.97 0.01 90)' }], false],
    ['a color-mix() resolved to color(srgb …)', [{ backgroundColor: 'color(srgb 0.12 0.12 0.14)' }], true],
    [
      'a dark gradient over no colour',
      [{}, { backgroundImage: 'linear-gradient(rgb(17, 17, 17), rgb(34, 34, 34))' }, { backgroundColor: 'white' }],
      true,
    ],
    ['a light gradient', [{ backgroundImage: 'linear-gradient(rgb(255, 255, 255), rgb(238, 238, 238))' }], false],
    [
      'a dark colour under a translucent one',
      [{ backgroundColor: 'rgba(255, 255, 255, 0.1)' }, { backgroundColor: 'rgb(10, 10, 10)' }],
      true,
    ],
    ['a page that declares color-scheme: dark', [{}, { colorScheme: 'dark' }], true],
    ['a page that declares nothing (a white canvas)', [{}, {}], false],
  ] as const)('is right on %s', (_what, styles, dark) => {
    expect(darkOf(styles as unknown as Partial<CSSStyleDeclaration>[])).toBe(dark);
  });

  it("follows the user's scheme only where the page allows both", () => {
    expect(darkOf([{}, { colorScheme: 'light dark' }], true)).toBe(true);
    expect(darkOf([{}, { colorScheme: 'light dark' }], false)).toBe(false);
    expect(darkOf([{}, {}], true)).toBe(false);
  });

  it('resolves a colour it cannot parse through the resolver', () => {
    const { leaf } = tree([{ backgroundColor: 'color-mix(in srgb, currentcolor 80%, black)' }]);
    const reader = (leaf as unknown as { reader: Parameters<typeof isDarkAround>[1] }).reader;
    expect(isDarkAround(leaf, { ...reader, resolveColor: () => 'rgb(5, 5, 5)' })).toBe(true);
  });
});
