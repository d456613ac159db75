/**
 * How many badges to insert in the next animation frame so that the frame — our insertions plus the style, layout
 * and paint they cause — stays short. What a frame costs is learnt from the frames already committed: it is taken
 * to be a fixed part (what any change costs the page: on a 2,000-entry arXiv listing the browser walks the whole
 * page's layout and paint trees after one inserted badge) plus a part per badge (each badge's style, shadow root and
 * the shaping of the line it joins), fitted by least squares over `(badges, ms)` of every measured frame.
 *
 * The next frame gets as many badges as fit in `budgetMs` after the fixed part. Where the fixed part takes more than
 * half the budget (a huge page on a loaded machine), the frame gets as many badges as its fixed part costs: each
 * frame then costs about twice what any change costs the page, and smaller frames would only add frames, each
 * paying the fixed part again.
 */

/** Budget of one frame with badge insertions, ms: well inside the 50 ms of a long task. */
export const FRAME_BUDGET_MS = 30;
/** Badges in the first frame (the ones near the viewport), before anything is measured. */
export const FIRST_FRAME_BADGES = 64;
/** Never fewer badges per frame than this (a frame's fixed cost would otherwise be paid for a handful). */
export const MIN_FRAME_BADGES = 16;
/** A frame gets at most this many times the badges of the largest frame measured so far (a guess is not trusted). */
const GROWTH = 4;

export class FramePacer {
  private n = 0;
  private sumK = 0;
  private sumMs = 0;
  private sumKK = 0;
  private sumKMs = 0;
  private largest = 0;

  constructor(
    private readonly budgetMs = FRAME_BUDGET_MS,
    private readonly first = FIRST_FRAME_BADGES,
  ) {}

  /** Records that a frame inserting `badges` badges took `ms` (from its start to after the page was rendered). */
  record(badges: number, ms: number): void {
    if (badges <= 0 || !Number.isFinite(ms) || ms < 0) return;
    this.n++;
    this.sumK += badges;
    this.sumMs += ms;
    this.sumKK += badges * badges;
    this.sumKMs += badges * ms;
    this.largest = Math.max(this.largest, badges);
  }

  /** The fitted cost model: the fixed part and the part per badge, ms (`undefined` before any frame). */
  get model(): { fixedMs: number; perBadgeMs: number } | undefined {
    if (this.n === 0) return undefined;
    const meanK = this.sumK / this.n;
    const meanMs = this.sumMs / this.n;
    const varK = this.sumKK / this.n - meanK * meanK;
    // One size measured (or noise giving a negative slope): all of the cost is charged per badge, the safe side.
    let perBadgeMs = meanMs / meanK;
    let fixedMs = 0;
    if (varK > 1e-9) {
      const slope = (this.sumKMs / this.n - meanK * meanMs) / varK;
      const intercept = meanMs - slope * meanK;
      if (slope > 0 && intercept >= 0) {
        perBadgeMs = slope;
        fixedMs = intercept;
      }
    }
    return { fixedMs, perBadgeMs };
  }

  /** How many badges the next frame should insert (at least `MIN_FRAME_BADGES`). */
  next(): number {
    const model = this.model;
    if (!model) return this.first;
    const { fixedMs, perBadgeMs } = model;
    // Each frame costs about `max(budgetMs, 2 × fixedMs)`.
    const room = Math.max(this.budgetMs - fixedMs, fixedMs);
    const fit = perBadgeMs > 0 ? Math.floor(room / perBadgeMs) : Number.POSITIVE_INFINITY;
    return Math.max(MIN_FRAME_BADGES, Math.min(fit, this.largest * GROWTH));
  }
}
