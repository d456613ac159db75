/**
 * How many badges to insert in the next animation frame so that the frame — our insertions plus the style, layout
 * and paint they cause — stays short. What a frame costs is learnt from the frames already committed: it is taken
 * to be a fixed part (what any change costs the page: on a 2,000-entry arXiv listing the browser walks the whole
 * page's layout and paint trees after one inserted badge) plus a part per badge (each badge's style, shadow root and
 * the shaping of the line it joins), fitted by least squares over `(badges, ms)` of every measured frame.
 *
 * The next frame gets as many badges as fit in `budgetMs` after the fixed part. Where the fixed part takes more than
 * half the budget (a huge page on a loaded machine), no size meets the budget: the frame then gets as many badges
 * as its fixed part costs, so each frame costs about twice what any change costs the page. Smaller frames would
 * mean more frames, each paying the fixed part again: measured on the 2,000-entry listing under load, frames of
 * `fixed + budget / 2` took 107 tasks over 50 ms and 4.3× the page's main-thread time, and a 6,000-entry listing
 * was not badged within two minutes.
 */

/** Budget of one frame with badge insertions, ms: well inside the 50 ms of a long task. */
export const FRAME_BUDGET_MS = 30;
/** Badges in the first frame (the ones near the viewport), before anything is measured. */
export const FIRST_FRAME_BADGES = 64;
/** Never fewer badges per frame than this (a frame's fixed cost would otherwise be paid for a handful). */
export const MIN_FRAME_BADGES = 16;
/** A frame gets at most this many times the badges of the largest frame measured so far (a guess is not trusted). */
const GROWTH = 4;
/**
 * Frames the model is fitted over: the latest ones, so a frame that paid for something else (the page's own first
 * layout, a garbage collection) is forgotten soon.
 */
export const PACER_WINDOW = 6;

export class FramePacer {
  private readonly frames: { badges: number; ms: number }[] = [];
  private largest = 0;

  constructor(
    private readonly budgetMs = FRAME_BUDGET_MS,
    private readonly first = FIRST_FRAME_BADGES,
  ) {}

  /** Records that a frame inserting `badges` badges took `ms` (from its start to after the page was rendered). */
  record(badges: number, ms: number): void {
    if (badges <= 0 || !Number.isFinite(ms) || ms < 0) return;
    this.frames.push({ badges, ms });
    if (this.frames.length > PACER_WINDOW) this.frames.shift();
    this.largest = Math.max(this.largest, badges);
  }

  /**
   * The fitted cost model: the fixed part and the part per badge, ms; `undefined` before any frame. With a single
   * frame size in the window (or noise giving a negative slope or intercept) all of the cost is charged per badge,
   * the safe side.
   */
  get model(): { fixedMs: number; perBadgeMs: number; fitted: boolean } | undefined {
    const n = this.frames.length;
    if (n === 0) return undefined;
    let sumK = 0;
    let sumMs = 0;
    for (const f of this.frames) {
      sumK += f.badges;
      sumMs += f.ms;
    }
    const meanK = sumK / n;
    const meanMs = sumMs / n;
    let varK = 0;
    let cov = 0;
    for (const f of this.frames) {
      varK += (f.badges - meanK) ** 2;
      cov += (f.badges - meanK) * (f.ms - meanMs);
    }
    if (varK > 1e-9) {
      const slope = cov / varK;
      const intercept = meanMs - slope * meanK;
      if (slope > 0 && intercept >= 0) return { fixedMs: intercept, perBadgeMs: slope, fitted: true };
    }
    return { fixedMs: 0, perBadgeMs: meanMs / meanK, fitted: false };
  }

  /** How many badges the next frame should insert (at least `MIN_FRAME_BADGES`). */
  next(): number {
    const model = this.model;
    if (!model) return this.first;
    const last = this.frames[this.frames.length - 1]!.badges;
    // Every frame in the window the same size: the split between fixed and per-badge cost is unknown, and charging
    // it all per badge would keep the frames small for ever on a page where any change is dear. Try twice the size.
    if (this.frames.length >= 2 && this.frames.every((f) => f.badges === last))
      return Math.max(MIN_FRAME_BADGES, 2 * last);
    const { fixedMs, perBadgeMs } = model;
    // Each frame costs about `max(budgetMs, 2 × fixedMs)`.
    const room = Math.max(this.budgetMs - fixedMs, fixedMs);
    const fit = perBadgeMs > 0 ? Math.floor(room / perBadgeMs) : Number.POSITIVE_INFINITY;
    return Math.max(MIN_FRAME_BADGES, Math.min(fit, this.largest * GROWTH));
  }
}
