import { describe, expect, it } from 'vitest';
import { FIRST_FRAME_BADGES, FRAME_BUDGET_MS, FramePacer, MIN_FRAME_BADGES } from '../../../lib/badges/frame-pacer';

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

  it('on a page where any change costs more than the budget, makes each frame about twice that, not dozens of tiny ones', () => {
    // The 2,000-entry listing on a loaded machine: 60 ms for any change, 0.2 ms per badge.
    const { sizes, costs } = simulate(60, 0.2, 2_000);
    // Frames of 300 badges: 60 + 60 ms (now and then a larger one, capped by the growth limit, to learn the split).
    const sorted = costs.slice(2).sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(2 * 60 + 0.2);
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil(2_000 / 300) + 4);
    expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(MIN_FRAME_BADGES);
  });

  it('forgets a first frame that paid for the page’s own layout, instead of keeping frames tiny for ever', () => {
    // The first frame lands on the page's first layout (1.3 s); the page then costs 60 ms + 0.2 ms per badge.
    const { sizes } = simulate(60, 0.2, 2_000, (frame) => (frame === 0 ? 1_300 : 0));
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil(2_000 / 300) + 10);
  });

  it('does not trust a guess: a frame grows at most fourfold over the largest measured', () => {
    const pacer = new FramePacer();
    pacer.record(10, 0.1);
    expect(pacer.next()).toBe(40);
  });

  it('ignores frames that inserted nothing or were not measured', () => {
    const pacer = new FramePacer();
    pacer.record(0, 100);
    pacer.record(5, Number.NaN);
    expect(pacer.model).toBeUndefined();
  });
});
