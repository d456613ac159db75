/**
 * Where each mention's badge belongs, and which pieces of evidence are one mention.
 *
 * By default a badge goes next to what was found — the link, the id or the title — and the evidence for one paper
 * in one block (a paragraph, a list item, a cell) is one mention. Only where the page's structure proves a list of
 * papers does a badge move to an entry's title: arXiv's own listing markup (`<dt>` + `<dd>` with `.list-title`),
 * arXiv search results (`li.arxiv-result`), Hugging Face paper cards (`<article>` on huggingface.co), Google
 * Scholar results (`.gs_r` with `.gs_rt`), and LaTeXML reference items (`li.ltx_bibitem`, grouped but not moved).
 * Nothing is an entry for its tag alone: a blog post's `<article>`, a list item or a table row keeps its badges
 * at its links.
 */
import { blockAround, ELEMENT_NODE, elementName } from './dom-scan';
import { absorb, toMention, type Evidence, type PaperMention } from './mention';

/** A list entry the page's structure proves, and its title element when it has one. */
interface Entry {
  element: Element;
  title: Element | undefined;
}

function hasClass(el: Element, name: string): boolean {
  const cls = el.getAttribute('class');
  return cls !== null && cls.split(/\s+/).includes(name);
}

/** The known layouts, tried at each element on the way up from a piece of evidence. */
function entryAt(el: Element, name: string, onHuggingFace: boolean): Entry | undefined {
  if (name === 'dt' || name === 'dd') {
    // arXiv listings: `<dt>` (id and links) + `<dd>` (title, authors, abstract).
    const dt = name === 'dt' ? el : el.previousElementSibling;
    const dd = name === 'dd' ? el : el.nextElementSibling;
    if (dt && dd && elementName(dt) === 'dt' && elementName(dd) === 'dd') {
      const title = dd.querySelector('.list-title');
      if (title) return { element: dt, title };
    }
    return undefined;
  }
  if (name === 'li' && hasClass(el, 'arxiv-result')) {
    return { element: el, title: el.querySelector('p.title') ?? undefined };
  }
  if (name === 'li' && hasClass(el, 'ltx_bibitem')) return { element: el, title: undefined };
  if (name === 'article' && onHuggingFace) {
    const title = el.querySelector('h1, h2, h3, h4');
    return title ? { element: el, title } : undefined;
  }
  if (name === 'div' && (hasClass(el, 'gs_r') || hasClass(el, 'gs_ri'))) {
    const title = el.querySelector('.gs_rt');
    return title ? { element: el, title } : undefined;
  }
  return undefined;
}

/** Finds entries and blocks of evidence elements, with caches (evidence elements share ancestors). */
export class PageStructure {
  private readonly entries = new Map<Element, Entry | null>();
  private readonly onHuggingFace: boolean;

  /** `url`: the page's URL (some layouts are only trusted on their own site). */
  constructor(
    private readonly root: Document | Element,
    url: string | undefined,
  ) {
    this.onHuggingFace = url !== undefined && /^https?:\/\/(?:[^/]*\.)?(?:huggingface|hf)\.co\//i.test(url);
  }

  /** The proven entry `el` belongs to, or `undefined`. */
  entryOf(el: Element): Entry | undefined {
    const path: Element[] = [];
    let found: Entry | null = null;
    for (let n: Node | null = el; n && n.nodeType === ELEMENT_NODE; n = n.parentNode) {
      const e = n as Element;
      const cached = this.entries.get(e);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      path.push(e);
      const entry = entryAt(e, elementName(e), this.onHuggingFace);
      if (entry) {
        found = entry;
        break;
      }
      if (n === this.root) break;
    }
    for (const e of path) this.entries.set(e, found);
    return found ?? undefined;
  }

  /** The nearest block element holding `el` (itself when it is one), or `el` when none is below the root. */
  blockOf(el: Element): Element {
    return blockAround(el, this.root) ?? el;
  }
}

/**
 * Turns evidence (in document order) into mentions: finds each piece's group (its proven entry, else its block)
 * and anchor (see `PaperMention.anchor`), and merges the pieces that share an id and a group.
 */
export function groupEvidence(evidence: readonly Evidence[], structure: PageStructure): PaperMention[] {
  const groupOf = new Map<Evidence, Element>();
  const entryTitle = new Map<Element, Element | undefined>();
  /** Per group, the first id (an entry's main paper) and each id's first evidence element. */
  const primary = new Map<Element, string>();
  const firstElement = new Map<Element, Map<string, Element>>();
  for (const ev of evidence) {
    if (!ev.element) continue;
    const entry = structure.entryOf(ev.element);
    const group = entry?.element ?? structure.blockOf(ev.element);
    if (entry) entryTitle.set(group, entry.title);
    groupOf.set(ev, group);
    if (!primary.has(group)) primary.set(group, ev.id);
    let byId = firstElement.get(group);
    if (!byId) firstElement.set(group, (byId = new Map()));
    if (!byId.has(ev.id)) byId.set(ev.id, ev.element);
  }

  const byGroup = new Map<Element | undefined, Map<string, PaperMention>>();
  const mentions: PaperMention[] = [];
  for (const ev of evidence) {
    const group = groupOf.get(ev);
    let anchor = ev.element;
    if (group) {
      const first = firstElement.get(group)?.get(ev.id);
      const title = primary.get(group) === ev.id ? entryTitle.get(group) : undefined;
      anchor = title ?? first;
    }
    let inGroup = byGroup.get(group);
    if (!inGroup) byGroup.set(group, (inGroup = new Map()));
    const known = inGroup.get(ev.id);
    if (known) absorb(known, ev);
    else {
      const m = toMention(ev, anchor, false);
      inGroup.set(ev.id, m);
      mentions.push(m);
    }
  }
  return mentions;
}
