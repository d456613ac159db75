import { describe, expect, it } from 'vitest';
import {
  FIRST_FRAME_BADGES,
  FRAME_BUDGET_MS,
  FramePacer,
  LONG_TASK_MS,
  MAX_FRAME_BADGES,
  MIN_FRAME_BADGES,
} from '../../../lib/badges/frame-pacer';

/** Runs a pacer against a page whose frames cost `fixed + perBadge × badges` ms; the frames' sizes and costs. */
function simulate(
  fixed: number,
  perBadge: number,
  total: number,
  extra: (frame: number) => number = () => 0,
): { sizes: number[]; costs: number[] } {
  const pacer = new FramePacer();
  const sizes: number[] = [];
  const costs: number[] = [];
  for (let left = total; left > 0;) {
    const k = Math.min(left, pacer.next());
    const ms = fixed + perBadge * k + extra(sizes.length);
    pacer.record(k, ms);
    sizes.push(k);
    costs.push(ms);
    left -= k;
  }
  return { sizes, costs };
}

describe('FramePacer', () => {
  it('starts with the first frame’s size, before anything is measured', () => {
    expect(new FramePacer().next()).toBe(FIRST_FRAME_BADGES);
  });

  it('fits the fixed and per-badge parts of a frame’s cost from frames of different sizes', () => {
    const pacer = new FramePacer();
    pacer.record(10, 25);
    pacer.record(40, 40);
    pacer.record(100, 70);
    const model = pacer.model!;
    expect(model.fixedMs).toBeCloseTo(20, 5);
    expect(model.perBadgeMs).toBeCloseTo(0.5, 5);
  });

  it('keeps every frame after the first within the budget on a page where a change costs little', () => {
    // 2 ms for any change, 0.1 ms per badge: 280 badges fit in 30 ms.
    const { sizes, costs } = simulate(2, 0.1, 5_000);
    expect(Math.max(...costs.slice(1))).toBeLessThanOrEqual(FRAME_BUDGET_MS);
    // And it uses the budget: no more frames than twice the ideal.
    expect(sizes.length).toBeLessThanOrEqual(2 * Math.ceil(5_000 / 280) + 2);
  });

  it('keeps every frame under a long task where a change costs most of the budget but a small frame still fits', () => {
    // The 2,000-entry listing on a quiet machine: ~30 ms for any change (the browser's walk of the whole page after
    // an insertion), 0.5 ms per badge. Frames of "twice the fixed part" would be 60 badges and 60 ms each.
    const { sizes, costs } = simulate(30, 0.5, 2_000);
    expect(Math.max(...costs)).toBeLessThanOrEqual(LONG_TASK_MS);
    // Learnt after the first frames: every frame then within the budget, and as large as it allows.
    expect(Math.max(...costs.slice(3))).toBeLessThanOrEqual(FRAME_BUDGET_MS + 0.5);
    expect(Math.min(...sizes.slice(3, -1))).toBeGreaterThanOrEqual(Math.floor((FRAME_BUDGET_MS - 30) / 0.5) - 1);
  });

  it('on a page where any change costs more than the budget, makes frames of the most badges, not dozens of tiny ones', () => {
    // The 2,000-entry listing on a loaded machine: 60 ms for any change, 0.2 ms per badge.
    const { sizes } = simulate(60, 0.2, 2_000);
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil(2_000 / MAX_FRAME_BADGES) + 4);
    expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(MIN_FRAME_BADGES);
  });

  it('never puts more than MAX_FRAME_BADGES in a frame, whatever the model says', () => {
    // A wall-time model under load: frames look dear whatever their size (their CPU time is not); "twice the fixed
    // part" would be frames of 300 and 2,000 badges here.
    for (const [fixed, perBadge] of [
      [60, 0.2],
      [200, 0.1],
    ] as const) {
      const { sizes } = simulate(fixed, perBadge, 5_000);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_FRAME_BADGES);
      expect(sizes.length).toBeLessThanOrEqual(Math.ceil(5_000 / MAX_FRAME_BADGES) + 4);
    }
  });

  it('forgets a first frame that paid for the page’s own layout, instead of keeping frames tiny for ever', () => {
    // The first frame lands on the page's first layout (1.3 s); the page then costs 60 ms + 0.2 ms per badge.
    const { sizes } = simulate(60, 0.2, 2_000, (frame) => (frame === 0 ? 1_300 : 0));
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil(2_000 / MAX_FRAME_BADGES) + 10);
  });

  it('does not trust a guess: a frame grows at most fourfold over the largest measured', () => {
    const pacer = new FramePacer();
    pacer.record(5, 0.1);
    expect(pacer.next()).toBe(20);
  });

  it('ignores frames that inserted nothing or were not measured', () => {
    const pacer = new FramePacer();
    pacer.record(0, 100);
    pacer.record(5, Number.NaN);
    expect(pacer.model).toBeUndefined();
  });
});
