/**
 * How many badges to insert in the next animation frame so that the frame — our insertions plus the style, layout
 * and paint they cause — stays short. What a frame costs is learnt from the frames already committed: it is taken
 * to be a fixed part (what any change costs the page) plus a part per badge (each badge's style, shadow roots and
 * the layout and shaping of the line it joins), fitted by least squares over `(badges, ms)` of every measured frame.
 *
 * On a 2,000-entry arXiv listing the fixed part is the browser's, not ours: any insertion into the page's flow marks
 * the root paint layer for a visual-overflow recalculation, and Chromium's compositing-inputs step then walks every
 * layout object of the page (~90,000 there, 20–25 ms of CPU per frame however few badges it inserts; BENCHMARKS.md,
 * issue 13). So frames should be as few as the budget allows, but no larger.
 *
 * The next frame gets as many badges as fit in `budgetMs` after the fixed part, and at least `MIN_FRAME_BADGES`:
 * while a frame of the fewest stays under a long task (`LONG_TASK_MS`), frames stay under it. Where even that is
 * over (a huge page, or a loaded machine, which stretches every frame's wall time) no size meets the target; frames
 * then get as many badges as their fixed part costs, about twice what any change costs the page, since smaller
 * frames would only mean more of them, each paying the fixed part again — but never more than `MAX_FRAME_BADGES`,
 * so that a frame's own work (its CPU time, which load does not stretch) stays bounded whatever
 * the clock says: a wall-time model under load asked for frames of 300–800 badges there (150–280 ms of CPU each).
 */

/** Budget of one frame with badge insertions, ms, rendering included: inside a long task with room for noise. */
export const FRAME_BUDGET_MS = 40;
/** A long task, ms: what no frame of ours should reach where the page allows it. */
export const LONG_TASK_MS = 50;
/**
 * Badges in the first frame, before anything is measured: those near the viewport come first, and a listing shows
 * about ten entries a screen (the first frame is the only one sized blind, so it is kept small).
 */
export const FIRST_FRAME_BADGES = 24;
/** Never fewer badges per frame than this (a frame's fixed cost would otherwise be paid for a handful). */
export const MIN_FRAME_BADGES = 16;
/**
 * Where no frame size meets the budget, never more badges per frame than this. On the 2,000-entry listing a frame
 * costs about 30 ms of CPU for any change plus 0.3 ms a badge (traces, BENCHMARKS.md issue 13): 128 badges are about
 * 70 ms of CPU, against 150–280 ms for the frames a wall-time model asked for under load. (48, under 50 ms of CPU,
 * made a 6,000-entry listing take over two minutes at load 20–30: each frame pays the fixed part again.)
 */
export const MAX_FRAME_BADGES = 128;
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
    const last = this.frames[this.frames.length - 1]!;
    // Every frame in the window the same size: the split between fixed and per-badge cost is unknown. Where the
    // frames are cheap, or already over a long task (charging it all per badge would keep them small for ever on a
    // page where any change is dear), try twice the size; in between, the model below (all of it per badge) sizes
    // the next one to the budget.
    if (
      this.frames.length >= 2 &&
      this.frames.every((f) => f.badges === last.badges) &&
      (2 * last.ms <= this.budgetMs || last.ms > LONG_TASK_MS)
    )
      return Math.max(
        MIN_FRAME_BADGES,
        Math.min(2 * last.badges, last.ms > LONG_TASK_MS ? MAX_FRAME_BADGES : Number.POSITIVE_INFINITY),
      );
    const { fixedMs, perBadgeMs } = model;
    // Frames fit the budget wherever the fewest badges a frame takes stay under a long task; elsewhere each frame
    // costs about twice the fixed part.
    const canMeet = fixedMs + perBadgeMs * MIN_FRAME_BADGES <= LONG_TASK_MS;
    const room = canMeet ? this.budgetMs - fixedMs : Math.max(fixedMs, this.budgetMs);
    const fit = perBadgeMs > 0 ? Math.floor(room / perBadgeMs) : Number.POSITIVE_INFINITY;
    return Math.max(
      MIN_FRAME_BADGES,
      Math.min(fit, this.largest * GROWTH, canMeet ? Number.POSITIVE_INFINITY : MAX_FRAME_BADGES),
    );
  }
}
