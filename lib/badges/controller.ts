/**
 * The badge loop of a content script: detect papers, ask the background once per new batch of ids (and for the
 * cached titles in the page's text), place badges in one write pass per animation frame, and follow the page as it
 * changes — nodes added, text and link targets changed in place, the URL changed without a reload (single-page
 * apps), the cached feed changed — removing badges whose paper is no longer there. Extension APIs come in as
 * functions, so the loop runs in tests on a plain DOM.
 */
import { blockAround } from '../detect/dom-scan';
import { scanPage } from '../detect/find-papers';
import { CONFIDENT, type PaperMention } from '../detect/mention';
import type { MatchTitles } from '../detect/scan-page';
import type { BadgeInfo } from '../feed/summary';
import { findListingTargets, isArxivListing } from './arxiv-listing';
import { BadgeLayer, type BadgeTarget } from './layer';
import { BADGE_ATTR, BADGE_VALUE } from './render';

export interface BadgeControllerDeps {
  doc: Document;
  /** The page's URL now (it names the page's own paper; single-page apps change it without a reload). */
  url: () => string;
  /** Asks the background which ids are in the feed. */
  lookup: (ids: string[]) => Promise<Record<string, BadgeInfo>>;
  /** Asks the background for the cached titles in the page's text; without it, no title gets a badge. */
  matchTitles?: MatchTitles;
  /** Told the number of distinct papers on the page that are in the feed, after each pass that changes it. */
  report?: (count: number) => void;
  /** Schedules a callback before the next paint (the content script context's `requestAnimationFrame`). */
  frame: (cb: () => void) => void;
  /** Tags this run's hosts; a new run replaces an old run's hosts instead of adding to them. */
  run: string;
  onError?: (e: unknown) => void;
}

/** Attributes whose change can change the paper a link names. */
const WATCHED_ATTRIBUTES = ['href', 'data-expanded-url', 'data-full-url', 'title'];

/** Whether a node is one of Paper Radar's badge hosts (their insertion and removal are not page changes). */
function isBadge(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).getAttribute(BADGE_ATTR) === BADGE_VALUE;
}

export class BadgeController {
  readonly layer: BadgeLayer;
  private readonly known = new Map<string, BadgeInfo | null>();
  /** Elements added since the last frame: read for new papers. */
  private readonly added = new Set<Element>();
  /** Blocks whose text or links changed since the last frame: read again, their stale badges removed. */
  private readonly changed = new Set<Element>();
  private scheduled = false;
  private wholePage = false;
  private lastCount = -1;
  private lastUrl: string;
  /** Bumped by each whole-page pass: a pass that finds a newer one started drops its result. */
  private generation = 0;
  private observer: MutationObserver | undefined;
  private stopped = false;

  constructor(private readonly deps: BadgeControllerDeps) {
    this.layer = new BadgeLayer(deps.doc, deps.run);
    this.lastUrl = deps.url();
  }

  /** Badges the whole page, then follows changes until `stop`. Resolves after the first pass. */
  async start(): Promise<void> {
    await this.pass(this.deps.doc, 'page', ++this.generation);
    const win = this.deps.doc.defaultView;
    if (!win || this.stopped) return;
    this.observer = new win.MutationObserver((records) => this.onMutations(records));
    this.observer.observe(this.deps.doc.body ?? this.deps.doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
  }

  /** Badges the whole page again, removing badges of papers no longer on it (a back/forward cache restore). */
  refresh(): void {
    this.wholePage = true;
    this.schedule();
  }

  /**
   * The page's URL may have changed without a reload (`pushState`, `popstate`): when it did, the page is read
   * again as a new page. Cheap when it did not.
   */
  checkUrl(): void {
    if (this.deps.url() !== this.lastUrl) this.refresh();
  }

  /** The cached feed changed (a first sync, new list dates): forget what the background said and badge again. */
  feedChanged(): void {
    this.known.clear();
    this.refresh();
  }

  /** Stops following the page and removes every badge. */
  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.added.clear();
    this.changed.clear();
    this.layer.clear();
  }

  /** Papers on the page that are in the feed, as far as the passes so far know. */
  get countInFeed(): number {
    return this.lastCount < 0 ? 0 : this.lastCount;
  }

  private onMutations(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type !== 'childList') {
        this.markChanged(r.target);
        continue;
      }
      for (const node of Array.from(r.addedNodes)) {
        if (node.nodeType === 1 && !isBadge(node)) this.added.add(node as Element);
        else if (node.nodeType === 3) this.markChanged(r.target);
      }
      // Text or elements taken out: what they named may be gone.
      if (Array.from(r.removedNodes).some((n) => !isBadge(n))) this.markChanged(r.target);
    }
    // Single-page apps change the DOM when they change the URL: catch the URL change here too.
    if (this.deps.url() !== this.lastUrl) this.wholePage = true;
    if (this.wholePage || this.added.size > 0 || this.changed.size > 0) this.schedule();
  }

  private markChanged(node: Node): void {
    // A text or link change is read again in the block around it.
    const block = blockAround(node);
    if (block) this.changed.add(block);
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    this.deps.frame(() => {
      this.scheduled = false;
      const fail = (e: unknown) => this.deps.onError?.(e);
      if (this.wholePage) {
        this.wholePage = false;
        this.added.clear();
        this.changed.clear();
        this.pass(this.deps.doc, 'page', ++this.generation).catch(fail);
        return;
      }
      const changed = [...this.changed].filter((e) => e.isConnected);
      // An added element inside a changed block is read with it.
      const added = [...this.added].filter((e) => e.isConnected && !changed.some((c) => c.contains(e)));
      this.added.clear();
      this.changed.clear();
      const generation = this.generation;
      for (const root of changed) this.pass(root, 'changed', generation).catch(fail);
      for (const root of added) this.pass(root, 'added', generation).catch(fail);
    });
  }

  /**
   * Reads `root` and badges what it names: ids and links first, then the cached titles in its text. A whole-page
   * pass and a pass over a changed block also remove the badges (in the page, or in that block) whose paper is no
   * longer named there.
   */
  private async pass(root: Document | Element, kind: 'page' | 'changed' | 'added', generation: number): Promise<void> {
    const url = this.deps.url();
    if (kind === 'page') this.lastUrl = url;
    const current = () => !this.stopped && generation === this.generation;
    const listing = kind === 'page' && isArxivListing(url) ? findListingTargets(this.deps.doc) : undefined;
    const scan = listing ? undefined : scanPage(root, { url, ...(kind === 'page' ? {} : { pagePaper: false }) });
    const scope = kind === 'page' ? undefined : (root as Element);
    const place = async (mentions: readonly Pick<PaperMention, 'id' | 'anchor' | 'confidence'>[]) => {
      const confident = mentions.filter((m) => m.confidence >= CONFIDENT);
      await this.lookupFresh(confident.map((m) => m.id));
      const targets: BadgeTarget[] = [];
      if (!current()) return targets;
      const infos: Record<string, BadgeInfo> = {};
      for (const m of confident) {
        const info = this.known.get(m.id);
        if (!info || !m.anchor) continue;
        targets.push({ id: m.id, anchor: m.anchor });
        infos[m.id] = info;
      }
      this.layer.place(targets, infos);
      return targets;
    };
    const finish = (targets: readonly BadgeTarget[]) => {
      // Badges this read no longer accounts for are stale: their paper left the page (or this block).
      if (kind !== 'added' && current()) this.layer.retain(targets, scope);
      this.reportCount();
    };
    const byIds = await place(listing?.map((t) => ({ ...t, confidence: 1 })) ?? scan?.mentions ?? []);
    if (!scan || !this.deps.matchTitles || scan.text.runs.length === 0 || !current()) {
      finish(byIds);
      return;
    }
    let all = scan.mentions;
    try {
      const reply = await this.deps.matchTitles(scan.text, kind === 'page' ? scan.metaTitle?.title : undefined);
      all = scan.withTitles(reply.matches, reply.metaTitleIds);
    } catch (e) {
      // No titles this time (the background asleep or updating): the ids' badges stand.
      this.deps.onError?.(e);
    }
    if (!current()) return;
    finish(await place(all));
  }

  private async lookupFresh(ids: readonly string[]): Promise<void> {
    const fresh = [...new Set(ids)].filter((id) => !this.known.has(id));
    if (fresh.length === 0) return;
    const infos = await this.deps.lookup(fresh);
    for (const id of fresh) this.known.set(id, infos[id] ?? null);
  }

  private reportCount(): void {
    const count = this.layer.paperCount;
    if (count !== this.lastCount) {
      this.lastCount = count;
      this.deps.report?.(count);
    }
  }
}
