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
 * Inline formatting that can sit inside a word (`<b>Learn</b>ing`, `x<sub>2</sub>`). The boundaries of other inline
 * elements (`span`, `a`, `cite`…) between two letters or digits are recorded as `MarkKind.Cut`: pages rendered by
 * frameworks set elements flush against each other and lay them out apart with CSS, so the title matcher may cut
 * words there (ids and URLs are read from the joined text, where social sites split them across such elements).
 */
const FORMATTING = new Set(
  'abbr b bdi bdo big del em font i ins mark s small strike strong sub sup tt u var wbr'.split(' '),
);

/** Subtrees that hold no reader-visible paper text: code, styles, form controls, drawings, TeX annotations. */
const SKIPPED_TAGS = new Set(
  'script style noscript template textarea select svg math head iframe object canvas video audio'.split(' '),
);

/** How the scan treats an element: blocks end a run before and after them, a `<br>` adds a line break. */
const BLOCK = 0;
const BREAK = 1;
const SKIPPED = 2;
/** Inline elements: their text joins the text around them, as a browser renders it. */
const INLINE = 3;

/** Inline formatting: joins the text around it without a `Cut`. */
const FORMAT = 4;

const KINDS = new Map<string, number>([
  ...[...BLOCKS].map((n) => [n, BLOCK] as const),
  ...[...FORMATTING].map((n) => [n, FORMAT] as const),
  ...[...SKIPPED_TAGS].map((n) => [n, SKIPPED] as const),
  ['br', BREAK],
]);

/** What holds a run: a heading (`h1`–`h6`, `role=heading`, or a block whose class names a title), or other. */
export const RunKind = { Other: 0, Heading: 1 } as const;
export type RunKind = (typeof RunKind)[keyof typeof RunKind];

/** Inline elements whose extent in a run is recorded (`TextRun.marks`). */
export const MarkKind = {
  /** `<a href>` / `<area href>`: a link. */
  Link: 1,
  /** `<q>` or `<cite>`: a quotation or the title of a work. */
  Quote: 2,
  /** `<em>`, `<i>`: emphasis, the usual way to set a cited title. */
  Emphasis: 3,
  /** A non-formatting inline element's edge between two word characters (`start` = `end`: where). */
  Cut: 4,
} as const;
export type MarkKind = (typeof MarkKind)[keyof typeof MarkKind];

const MARKS = new Map<string, MarkKind>([
  ['a', MarkKind.Link],
  ['area', MarkKind.Link],
  ['q', MarkKind.Quote],
  ['cite', MarkKind.Quote],
  ['em', MarkKind.Emphasis],
  ['i', MarkKind.Emphasis],
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const TITLE_CLASS = /(?:^|[\s_-])title(?:$|[\s_-])/i;

/** The nearest block element holding `node` (itself when it is one), up to `root`; `undefined` when none. */
export function blockAround(node: Node, root?: Node): Element | undefined {
  for (let n: Node | null = node.nodeType === ELEMENT_NODE ? node : node.parentNode; n; n = n.parentNode) {
    if (n.nodeType === ELEMENT_NODE && BLOCKS.has(elementName(n as Element))) return n as Element;
    if (n === root) break;
  }
  return undefined;
}

/** Attribute marking Paper Radar's own injected elements, which a scan must never read back. */
export const OWN_ELEMENT_ATTRIBUTE = 'data-paper-radar';

/** Text between two block boundaries, with the text nodes it came from. */
export interface TextRun {
  /**
   * The nodes' text concatenated as a browser renders it: inline elements (`<span>`, `<a>`, `<em>`, `<sup>`) join
   * the text around them, so `<span>https://</span>arxiv.org/abs/2501.0<span>6252</span>` reads as one URL; only a
   * `<br>` adds a character (`\n`), which belongs to no node.
   */
  text: string;
  /** What holds the run (a heading or other). */
  kind: RunKind;
  /**
   * Inline elements inside the run: flat triples `[start, end, MarkKind]`, offsets into `text`, in order of
   * their start. Only elements that begin and end inside this run are recorded.
   */
  marks: number[];
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
  const steps = scanDomSteps(root, visitor);
  while (!steps.next().done);
}

/** Nodes `scanDomSteps` visits between two of its pauses. */
export const SCAN_STEP_NODES = 256;

/**
 * `scanDom` as a generator that pauses after every `SCAN_STEP_NODES` nodes, so a caller can stop between two
 * steps and let the page run (the 700 KB arXiv HTML full text takes 16–70 ms to walk). Nodes the page adds or
 * removes while the walk is paused may be missed or read twice; a caller that follows the page reads them again.
 */
export function* scanDomSteps(root: Document | Element, visitor: DomScanVisitor): Generator<void, void> {
  const start: Node | null = isDocument(root) ? (root.body ?? root.documentElement) : root;
  if (!start) return;

  let parts: string[] = [];
  let nodes: Text[] = [];
  let starts: number[] = [];
  let order: number[] = [];
  let marks: number[] = [];
  let seq = 0;
  let length = 0;
  let hasContent = false;
  /** A non-formatting inline element began or ended since the last text: a `Cut` may be due. */
  let edge = false;
  /** Runs flushed so far: a mark whose run changed before it closed spans blocks and is not recorded. */
  let runSerial = 0;
  /** Kinds of the blocks entered and not left, innermost last. */
  const blockKinds: RunKind[] = [];

  const flush = (): void => {
    if (hasContent && visitor.run) {
      const kind = blockKinds[blockKinds.length - 1] ?? RunKind.Other;
      visitor.run({ text: parts.join(''), kind, marks, nodes, starts, order });
    }
    runSerial++;
    parts = [];
    nodes = [];
    starts = [];
    order = [];
    marks = [];
    length = 0;
    hasContent = false;
    edge = false;
  };
  const addText = (node: Text): void => {
    const data = node.data;
    if (data === '') return;
    if (edge && length > 0 && isWordChar(data.charCodeAt(0))) {
      const last = parts[parts.length - 1] as string;
      if (isWordChar(last.charCodeAt(last.length - 1))) marks.push(length, length, MarkKind.Cut);
    }
    edge = false;
    parts.push(data);
    nodes.push(node);
    starts.push(length);
    order.push(seq);
    length += data.length;
    if (!hasContent && /\S/.test(data)) hasContent = true;
  };
  // Children are reached by index, not `nextSibling`: some DOM implementations (happy-dom) find a node's next
  // sibling by searching its parent's child list, which makes a sibling walk quadratic on wide elements.
  interface Frame {
    kids: NodeListOf<ChildNode>;
    n: number;
    i: number;
    kind: number;
    /** For a marked inline element: its mark kind, where it began, and in which run. */
    mark: MarkKind | 0;
    markStart: number;
    markRun: number;
  }
  const stack: Frame[] = [];
  const leave = (frame: Pick<Frame, 'kind' | 'mark' | 'markStart' | 'markRun'>): void => {
    if (frame.kind === BLOCK) {
      flush();
      blockKinds.pop();
      return;
    }
    if (frame.kind === INLINE) edge = true;
    if (frame.mark !== 0 && frame.markRun === runSerial && length > frame.markStart) {
      marks.push(frame.markStart, length, frame.mark);
    }
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
    const kind = KINDS.get(name) ?? INLINE;
    if (kind === SKIPPED || isOwnElement(el, name) || el.hasAttribute('hidden')) return;
    let mark: MarkKind | 0 = 0;
    if (kind === BLOCK) {
      flush();
      blockKinds.push(blockKind(el, name));
    } else if (kind === BREAK) {
      parts.push('\n');
      length += 1;
    } else {
      mark = MARKS.get(name) ?? 0;
      if (mark === MarkKind.Link && !el.hasAttribute('href')) mark = 0;
      if (kind === INLINE) edge = true;
    }
    visitor.element?.(el, name, seq);
    const kids = el.childNodes;
    const n = kids.length;
    const frame = { kind, mark, markStart: length, markRun: runSerial };
    if (n > 0) stack.push({ kids, n, i: 0, ...frame });
    else leave(frame);
  };
  visit(start);
  let budget = SCAN_STEP_NODES;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    if (top.i < top.n) {
      // A child the page removed while the walk was paused is gone from the live list: nothing to read there.
      const next = top.kids[top.i++];
      if (next) visit(next);
      if (--budget === 0) {
        budget = SCAN_STEP_NODES;
        yield;
      }
    } else {
      stack.pop();
      leave(top);
    }
  }
  flush();
}

/** Letters and digits (any script), tested on one UTF-16 unit. */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}

/** Whether a block holds a heading: `h1`–`h6`, `role=heading`, or a class naming a title (`title`, `list-title`). */
function blockKind(el: Element, name: string): RunKind {
  if (HEADINGS.has(name) || el.getAttribute('role') === 'heading') return RunKind.Heading;
  const cls = el.getAttribute('class');
  return cls !== null && TITLE_CLASS.test(cls) ? RunKind.Heading : RunKind.Other;
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
