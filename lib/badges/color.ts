/**
 * Whether a badge sits on a dark background, from the computed styles around its anchor. Computed colours are not
 * always `rgb()`: Chromium keeps CSS Color 4 spaces as written (`oklch(…)`, `lab(…)`, `color(display-p3 …)`),
 * resolves `color-mix()` into its interpolation space (`color(srgb …)`, `oklab(…)`), and a gradient lives in
 * `background-image` over a transparent `background-color`. Each is turned into a relative luminance here.
 *
 * Formulas: relative luminance Y = 0.2126 R + 0.7152 G + 0.0722 B of linear sRGB (WCAG 2.x, sRGB transfer per
 * IEC 61966-2-1); OKLab → linear sRGB with Björn Ottosson's matrices (https://bottosson.github.io/posts/oklab/);
 * CIE Lab L* → Y per CIE 15 (D50 white, Y only depends on L*); xyz spaces give Y directly. Wide-gamut RGB spaces
 * (`display-p3`, `a98-rgb`, `rec2020`, `prophoto-rgb`) are read as sRGB: close enough for light versus dark.
 */

/** A colour as far as dark/light matters: relative luminance 0..1 and alpha 0..1. */
export interface Shade {
  luminance: number;
  alpha: number;
}

/** Below this relative luminance a background is dark: where black and white text have equal WCAG contrast. */
export const DARK_BELOW = 0.179;

const srgbToLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const yOfLinear = (r: number, g: number, b: number) => clamp01(0.2126 * r + 0.7152 * g + 0.0722 * b);

/** A number, percentage (of `percentOf`) or `none` (0), as CSS writes colour components. */
function component(token: string | undefined, percentOf = 1): number {
  if (token === undefined || token === 'none') return 0;
  if (token.endsWith('%')) return (parseFloat(token) / 100) * percentOf;
  if (token.endsWith('deg')) return parseFloat(token);
  return parseFloat(token);
}

function alphaOf(token: string | undefined): number {
  if (token === undefined) return 1;
  const a = component(token, 1);
  return Number.isFinite(a) ? clamp01(a) : 1;
}

/** The colour functions this module reads, as they appear in computed values (`g`: for `matchAll` only). */
const FUNCTIONS = /\b(rgba?|color|oklab|oklch|lab|lch)\(([^()]*)\)/gi;
/** One colour function, the whole of a computed colour. */
const ONE_FUNCTION = /^(rgba?|color|oklab|oklch|lab|lch)\(([^()]*)\)$/i;

/** `oklab(L a b)` → relative luminance. */
function oklabY(L: number, a: number, b: number): number {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const r = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
  const g = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
  const bl = -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s;
  return yOfLinear(clamp01(r), clamp01(g), clamp01(bl));
}

/** CIE L* (0..100) → Y. */
function labY(L: number): number {
  const f = (L + 16) / 116;
  return clamp01(L > 8 ? f ** 3 : L / 903.3);
}

function shadeOf(name: string, args: string): Shade | undefined {
  // `a, b, c` (legacy) and `a b c / alpha` (modern) both become tokens; the alpha follows a `/` or a fourth comma.
  const [main = '', slashAlpha] = args.split('/');
  const tokens = main
    .replace(/,/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  const fn = name.toLowerCase();
  if (fn === 'rgb' || fn === 'rgba') {
    if (tokens.length < 3) return undefined;
    const [r, g, b] = tokens.slice(0, 3).map((t) => clamp01(component(t, 255) / 255)) as [number, number, number];
    return {
      luminance: yOfLinear(srgbToLinear(r), srgbToLinear(g), srgbToLinear(b)),
      alpha: alphaOf(slashAlpha?.trim() ?? tokens[3]),
    };
  }
  const alpha = alphaOf(slashAlpha?.trim());
  if (fn === 'color') {
    const [space = '', ...rest] = tokens;
    const [x, y, z] = rest.slice(0, 3).map((t) => component(t, 1)) as [number, number, number];
    if ([x, y, z].some((v) => !Number.isFinite(v))) return undefined;
    if (space.startsWith('xyz')) return { luminance: clamp01(y), alpha };
    if (space === 'srgb-linear') return { luminance: yOfLinear(clamp01(x), clamp01(y), clamp01(z)), alpha };
    return {
      luminance: yOfLinear(srgbToLinear(clamp01(x)), srgbToLinear(clamp01(y)), srgbToLinear(clamp01(z))),
      alpha,
    };
  }
  const [t0, t1, t2] = tokens;
  if (fn === 'oklab') return { luminance: oklabY(component(t0, 1), component(t1, 0.4), component(t2, 0.4)), alpha };
  if (fn === 'oklch') {
    const L = component(t0, 1);
    const C = component(t1, 0.4);
    const h = (component(t2) * Math.PI) / 180;
    return { luminance: oklabY(L, C * Math.cos(h), C * Math.sin(h)), alpha };
  }
  // lab() and lch(): L* alone sets Y.
  return { luminance: labY(component(t0, 100)), alpha };
}

/**
 * The shade of a computed CSS colour (`rgb()`, `rgba()`, `color()`, `oklab()`, `oklch()`, `lab()`, `lch()`), or
 * `undefined` when it is none of these (a keyword, an unresolved `color-mix()` with `currentcolor`).
 */
export function parseColor(css: string): Shade | undefined {
  const s = css.trim();
  if (s === 'transparent') return { luminance: 0, alpha: 0 };
  const m = ONE_FUNCTION.exec(s);
  if (!m) return undefined;
  const shade = shadeOf(m[1] ?? '', m[2] ?? '');
  return shade && Number.isFinite(shade.luminance) ? shade : undefined;
}

/**
 * The mean shade of the colour stops of the gradients in a computed `background-image`, or `undefined` when it
 * holds no gradient (none, or an image whose colours cannot be known). Alpha is the stops' mean too.
 */
export function gradientShade(backgroundImage: string): Shade | undefined {
  if (!/gradient\(/i.test(backgroundImage)) return undefined;
  const shades: Shade[] = [];
  for (const m of backgroundImage.matchAll(FUNCTIONS)) {
    const s = shadeOf(m[1] ?? '', m[2] ?? '');
    if (s && Number.isFinite(s.luminance)) shades.push(s);
  }
  if (shades.length === 0) return undefined;
  const mean = (f: (s: Shade) => number) => shades.reduce((sum, s) => sum + f(s), 0) / shades.length;
  return {
    luminance:
      mean((s) => s.luminance * s.alpha) /
      Math.max(
        mean((s) => s.alpha),
        1e-9,
      ),
    alpha: mean((s) => s.alpha),
  };
}

/**
 * Relative luminance of a computed CSS colour, or `undefined` when it is transparent (alpha below one half) or
 * unreadable.
 */
export function luminance(color: string): number | undefined {
  const s = parseColor(color);
  return s && s.alpha >= 0.5 ? s.luminance : undefined;
}

/** What `isDarkAround` reads from the page. */
export interface StyleReader {
  getComputedStyle: (el: Element) => CSSStyleDeclaration;
  matchMedia?: (query: string) => MediaQueryList;
  /** Turns a colour the parser cannot read into one it can (e.g. through a canvas); optional. */
  resolveColor?: (css: string) => string | undefined;
}

/**
 * Whether the page around `el` is dark: the first opaque background up the tree — a colour, else a gradient —
 * decides. With none, the canvas shows, and its colour follows the page's `color-scheme` (the root's CSS, else
 * `<meta name="color-scheme">`): dark for `dark`, the
 * user's `prefers-color-scheme` for `light dark`, white otherwise (a page that declares no scheme stays white in
 * a dark OS theme).
 */
export function isDarkAround(el: Element, styles: StyleReader): boolean {
  return darknessReader(styles)(el);
}

/**
 * `isDarkAround` for many elements of one page: each ancestor's background is read once, and every element
 * between it and the one that decides remembers the answer. Read styles only between DOM writes.
 */
export function darknessReader(styles: StyleReader): (el: Element) => boolean {
  const known = new Map<Element, boolean>();
  const own = (node: Element): boolean | undefined => {
    const style = styles.getComputedStyle(node);
    const bg = style.backgroundColor;
    let shade = parseColor(bg);
    if (!shade && styles.resolveColor) {
      const resolved = styles.resolveColor(bg);
      shade = resolved === undefined ? undefined : parseColor(resolved);
    }
    if (!shade || shade.alpha < 0.5) {
      const g = gradientShade(style.backgroundImage || '');
      if (g && g.alpha >= 0.5) shade = g;
    }
    return shade && shade.alpha >= 0.5 ? shade.luminance < DARK_BELOW : undefined;
  };
  const canvas = (root: Element): boolean => {
    const css = (styles.getComputedStyle(root).colorScheme || '').trim();
    // `<meta name="color-scheme">` sets the canvas's scheme without showing in the root's computed style.
    const declared =
      css && css !== 'normal'
        ? css
        : (root.ownerDocument?.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '');
    const scheme = declared.toLowerCase().split(/\s+/);
    if (!scheme.includes('dark')) return false;
    if (!scheme.includes('light')) return true;
    return styles.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  };
  return (el) => {
    const path: Element[] = [];
    let answer: boolean | undefined;
    for (let node: Element | null = el; node; node = node.parentElement) {
      answer = known.get(node);
      if (answer !== undefined) break;
      path.push(node);
      answer = own(node);
      if (answer !== undefined) break;
      if (!node.parentElement) answer = canvas(node);
    }
    const result = answer ?? false;
    for (const node of path) known.set(node, result);
    return result;
  };
}
