// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BadgeSizer, fitBadge, FIT_SLACK_PX, lineRoom } from '../../../lib/badges/fit';
import { BADGE_GAP_PX } from '../../../lib/badges/render';
import type { BadgeInfo } from '../../../lib/feed/summary';

const info = (extra: Partial<BadgeInfo> = {}): BadgeInfo => ({
  id: '2406.01234',
  title: 'Paper',
  upvotes: 42,
  comments: 0,
  listDate: '2026-08-06',
  dayRank: 2,
  ...extra,
});

/** One px per character: what a canvas would measure in a monospace world. */
const perChar = (text: string) => text.length;

describe('fitBadge', () => {
  it('gives the estimate plus slack, as tall as the line at most, when it fits with its margin', () => {
    const size = fitBadge({ width: 200, height: 18 }, { width: 150, margin: 6, height: 21 });
    expect(size).toEqual({ width: 150 + FIT_SLACK_PX, height: 18 });
    expect(fitBadge({ width: 200, height: 30 }, { width: 150, margin: 6, height: 21 })?.height).toBe(21);
  });
  it('does not fit when the badge and its margin need more than the room', () => {
    expect(fitBadge({ width: 158, height: 18 }, { width: 150, margin: 6, height: 21 })).toBeUndefined();
    expect(fitBadge({ width: -20, height: 18 }, { width: 10, margin: 0, height: 10 })).toBeUndefined();
  });
});

describe('BadgeSizer', () => {
  it('learns the rest of a badge from one in the page and adds it to the text of others', () => {
    const sizer = new BadgeSizer(perChar);
    expect(sizer.estimate(info())).toBeUndefined();
    // "▲ 42·#2 on Aug 6, 2026": 22 characters, 3 gaps (mark, two parts, one separator).
    expect(sizer.calibrate(info(), { width: 22 + 3 * BADGE_GAP_PX + 60, height: 21 }, 6)).toBe(true);
    expect(sizer.estimate(info())).toEqual({ width: 22 + 3 * BADGE_GAP_PX + 60, margin: 6, height: 21 });
    // A trending badge has a third part: "·trending #4" and two more gaps.
    const trending = sizer.estimate(info({ trendingRank: 4 }))!;
    expect(trending.width).toBeCloseTo(22 + 12 + 5 * BADGE_GAP_PX + 60);
  });
  it('never calibrates without a measurer or from a badge with no layout', () => {
    expect(new BadgeSizer(undefined).calibrate(info(), { width: 100, height: 20 }, 0)).toBe(false);
    const sizer = new BadgeSizer(perChar);
    expect(sizer.calibrate(info(), { width: 0, height: 0 }, 0)).toBe(false);
    expect(sizer.calibrated).toBe(false);
  });
});

/** A block whose layout is given: its box, its contents' client rects and its computed style. */
function laidOut(
  box: { left: number; right: number },
  rects: { left: number; right: number; height: number }[],
  style: Partial<CSSStyleDeclaration> = {},
): { block: Element; styles: { getComputedStyle: () => CSSStyleDeclaration } } {
  const block = document.createElement('div');
  block.textContent = 'A title';
  const rect = (r: { left: number; right: number; height?: number }) =>
    ({ ...r, width: r.right - r.left, height: r.height ?? 40, top: 0, bottom: 0, x: r.left, y: 0 }) as DOMRect;
  block.getBoundingClientRect = () => rect(box);
  const createRange = document.createRange.bind(document);
  Object.defineProperty(block, 'ownerDocument', {
    value: {
      createRange: () => {
        const range = createRange();
        range.getClientRects = () => Object.assign(rects.map(rect), { item: () => null }) as unknown as DOMRectList;
        return range;
      },
    },
  });
  const computed = {
    direction: 'ltr',
    textAlign: 'start',
    paddingRight: '0px',
    borderRightWidth: '0px',
    fontSize: '20px',
    lineHeight: 'normal',
    ...style,
  } as CSSStyleDeclaration;
  return { block, styles: { getComputedStyle: () => computed } };
}

describe('lineRoom', () => {
  it("is the room between the last line's end and the content box's right edge, less a space", () => {
    const { block, styles } = laidOut(
      { left: 0, right: 500 },
      [
        { left: 0, right: 500, height: 22 },
        { left: 0, right: 300, height: 22 },
      ],
      { paddingRight: '10px' },
    );
    expect(lineRoom(block, styles)).toEqual({ width: 500 - 10 - 300 - 0.35 * 20, height: 22 });
  });
  it('is unknown where an appended box might move something anyway', () => {
    const lines = [{ left: 0, right: 300, height: 22 }];
    const box = { left: 0, right: 500 };
    expect(
      lineRoom(laidOut(box, lines, { textAlign: 'right' }).block, laidOut(box, lines, { textAlign: 'right' }).styles),
    ).toBeUndefined();
    const rtl = laidOut(box, lines, { direction: 'rtl' });
    expect(lineRoom(rtl.block, rtl.styles)).toBeUndefined();
    const tight = laidOut(box, lines, { lineHeight: '18px' });
    expect(lineRoom(tight.block, tight.styles)).toBeUndefined();
    const nested = laidOut(box, [{ left: 0, right: 500, height: 22 }]);
    expect(lineRoom(nested.block, nested.styles)).toBeUndefined();
    const empty = laidOut(box, []);
    expect(lineRoom(empty.block, empty.styles)).toBeUndefined();
  });
});
