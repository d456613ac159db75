/**
 * One pass over a DOM subtree that hands out its elements and its text grouped in "runs" — the text between two
 * block boundaries, as a reader sees it — without touching `window` or `document` globals. Works on any
 * standards-shaped DOM (the browser's, happy-dom, linkedom): it uses only `nodeType`, `localName`, `childNodes`,
 * `parentNode`, `getAttribute`/`hasAttribute` and `Text.data`.
 */

// Node types as numbers: the `Node` global (`Node.ELEMENT_NODE`, …) is not available to browser-free code.
/** `Node.ELEMENT_NODE`. */
export const ELEMENT_NODE = 1;
/** `Node.TEXT_NODE`. */
export const TEXT_NODE = 3;
/** `Node.CDATA_SECTION_NODE` (XHTML documents). */
export const CDATA_SECTION_NODE = 4;
/** `Node.DOCUMENT_NODE`. */
export const DOCUMENT_NODE = 9;

/** Elements whose start and end separate runs. Anything else is inline. */
const BLOCKS = new Set(
  (
    'address article aside blockquote body caption center dd details dialog dir div dl dt fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol ' +
    'option p pre section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);

/**
 * Inline formatting that can sit inside a word (`<b>Learn</b>ing`, `x<sub>2</sub>`): its boundaries join the text
 * on either side. The boundaries of every other inline element (`a`, `span`, `cite`, …) separate words, because
 * pages rendered by frameworks put elements side by side without whitespace and lay them out with CSS.
 */
const FORMATTING = new Set(
  'abbr b bdi bdo big del em font i ins mark s small strike strong sub sup tt u var wbr'.split(' '),
);

/** Subtrees that hold no reader-visible paper text: code, styles, form controls, drawings, TeX annotations. */
const SKIPPED = new Set(
  'script style noscript template textarea select svg math head iframe object canvas video audio'.split(' '),
);

/** How the scan treats an element. */
const ElementKind = {
  /** Ends a run before and after it. */
  Block: 0,
  /** Separates words at its start and end. */
  Inline: 1,
  /** Joins the text on both sides. */
  Formatting: 2,
  /** Adds a line break. */
  Break: 3,
  /** Not read, nor its subtree. */
  Skipped: 4,
} as const;
type ElementKind = (typeof ElementKind)[keyof typeof ElementKind];

const KINDS = new Map<string, ElementKind>([
  ...[...BLOCKS].map((n) => [n, ElementKind.Block] as const),
  ...[...FORMATTING].map((n) => [n, ElementKind.Formatting] as const),
  ...[...SKIPPED].map((n) => [n, ElementKind.Skipped] as const),
  ['br', ElementKind.Break],
]);

/** Attribute marking Paper Radar's own injected elements, which a scan must never read back. */
export const OWN_ELEMENT_ATTRIBUTE = 'data-paper-radar';

/** Text between two block boundaries, with the text nodes it came from. */
export interface TextRun {
  /**
   * The nodes' text concatenated. A `<br>` adds `\n`, and a word-separating element boundary between two
   * non-space characters adds one space; those added characters belong to no node.
   */
  text: string;
  /** The text nodes, in document order. */
  nodes: Text[];
  /** `starts[i]` is the offset in `text` of the first character of `nodes[i]`. */
  starts: number[];
  /**
   * `order[i]` is the document-order number of `nodes[i]` in this scan, comparable with the `order` passed to
   * `DomScanVisitor.element` (runs are reported when they end, after the elements inside them).
   */
  order: number[];
}

/** Callbacks of `scanDom`. */
export interface DomScanVisitor {
  /**
   * Called for every element entered, in document order, before its children; `order` is its document-order
   * number in this scan (see `TextRun.order`).
   */
  element?(el: Element, name: string, order: number): void;
  /** Called for every run holding non-whitespace text, in document order. */
  run?(run: TextRun): void;
}

/** The lower-case local name of an element (`localName` is lower case for HTML; other DOMs may differ). */
export function elementName(el: Element): string {
  return (el.localName || el.nodeName).toLowerCase();
}

/** Whether `node` is a `Document` (checked by `nodeType`, not `instanceof`, so any DOM implementation works). */
export function isDocument(node: Node): node is Document {
  return node.nodeType === DOCUMENT_NODE;
}

/** The document a root belongs to. */
export function documentOf(root: Document | Element): Document {
  return isDocument(root) ? root : root.ownerDocument;
}

/** Whether `el` is Paper Radar's own injected UI (or inside a custom `pr-` element). */
function isOwnElement(el: Element, name: string): boolean {
  return name.startsWith('pr-') || el.hasAttribute(OWN_ELEMENT_ATTRIBUTE);
}

/**
 * Walks `root` depth-first in document order, calling `visitor.element` for each element and `visitor.run` for each
 * run of text. A `Document` root is walked from its `<body>` (or its root element). Skips script, style, form
 * controls, SVG, MathML and Paper Radar's own elements (`data-paper-radar`, `pr-*`), subtrees included.
 */
export function scanDom(root: Document | Element, visitor: DomScanVisitor): void {
  const start: Node | null = isDocument(root) ? (root.body ?? root.documentElement) : root;
  if (!start) return;

  let parts: string[] = [];
  let nodes: Text[] = [];
  let starts: number[] = [];
  let order: number[] = [];
  let seq = 0;
  let length = 0;
  let hasContent = false;
  let lastIsSpace = true;
  let separate = false;

  const flush = (): void => {
    if (hasContent && visitor.run) visitor.run({ text: parts.join(''), nodes, starts, order });
    parts = [];
    nodes = [];
    starts = [];
    order = [];
    length = 0;
    hasContent = false;
    lastIsSpace = true;
    separate = false;
  };
  const addText = (node: Text): void => {
    const data = node.data;
    if (data === '') return;
    if (separate && !lastIsSpace && data.charCodeAt(0) > 32) {
      parts.push(' ');
      length += 1;
    }
    separate = false;
    parts.push(data);
    nodes.push(node);
    starts.push(length);
    order.push(seq);
    length += data.length;
    if (!hasContent && /\S/.test(data)) hasContent = true;
    lastIsSpace = data.charCodeAt(data.length - 1) <= 32;
  };
  // Children are reached by index, not `nextSibling`: some DOM implementations (happy-dom) find a node's next
  // sibling by searching its parent's child list, which makes a sibling walk quadratic on wide elements.
  const stack: { kids: NodeListOf<ChildNode>; n: number; i: number; kind: ElementKind }[] = [];
  const leave = (kind: ElementKind): void => {
    if (kind === ElementKind.Block) flush();
    else if (kind === ElementKind.Inline) separate = true;
  };
  const visit = (node: Node): void => {
    seq += 1;
    const type = node.nodeType;
    if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
      addText(node as Text);
      return;
    }
    if (type !== ELEMENT_NODE) return;
    const el = node as Element;
    const name = elementName(el);
    const kind = KINDS.get(name) ?? ElementKind.Inline;
    if (kind === ElementKind.Skipped || isOwnElement(el, name)) return;
    if (kind === ElementKind.Block) flush();
    else if (kind === ElementKind.Break) {
      parts.push('\n');
      length += 1;
      lastIsSpace = true;
    } else if (kind === ElementKind.Inline) separate = true;
    visitor.element?.(el, name, seq);
    const kids = el.childNodes;
    const n = kids.length;
    if (n > 0) stack.push({ kids, n, i: 0, kind });
    else leave(kind);
  };
  visit(start);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as (typeof stack)[number];
    if (top.i < top.n) visit(top.kids[top.i++] as Node);
    else {
      stack.pop();
      leave(top.kind);
    }
  }
  flush();
}

/** Where an offset of a run's text falls: the node and the offset inside it. */
export interface RunPosition {
  /** Index into `run.nodes`. */
  index: number;
  node: Text;
  offset: number;
}

/**
 * The node holding `offset` of `run.text` (binary search over `run.starts`). An offset inside an added character
 * (`<br>`, separator) maps to the end of the node before it. `run` must have at least one node.
 */
export function locate(run: TextRun, offset: number): RunPosition {
  let lo = 0;
  let hi = run.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((run.starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const node = run.nodes[lo] as Text;
  return { index: lo, node, offset: Math.min(offset - (run.starts[lo] ?? 0), node.data.length) };
}

/** The nearest element containing both nodes (a node's own parent when `a === b`), or `undefined`. */
export function commonAncestorElement(a: Node, b: Node): Element | undefined {
  if (a === b) return parentElementOf(a);
  const seen = new Set<Node>();
  for (let n: Node | null = a; n; n = n.parentNode) seen.add(n);
  for (let n: Node | null = b; n; n = n.parentNode) {
    if (seen.has(n)) return n.nodeType === ELEMENT_NODE ? (n as Element) : parentElementOf(n);
  }
  return undefined;
}

/** The element a node sits in: itself when it is one, else its nearest element ancestor. */
export function parentElementOf(node: Node): Element | undefined {
  for (let n: Node | null = node.nodeType === ELEMENT_NODE ? node : node.parentNode; n; n = n.parentNode) {
    if (n.nodeType === ELEMENT_NODE) return n as Element;
  }
  return undefined;
}
