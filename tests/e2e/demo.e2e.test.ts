/** `npm run demo`'s screenshots, taken into a temp folder from the production build: each one there, and a picture. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOTS, takeScreenshots } from '../demo/screenshots';

const dir = mkdtempSync(join(tmpdir(), 'pr-demo-'));

beforeAll(async () => {
  await takeScreenshots(dir);
}, 180_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** How many distinct colours the image has (a blank or failed screenshot has one or two). */
function colours(png: PNG): number {
  const seen = new Set<number>();
  const px = new Uint32Array(png.data.buffer, png.data.byteOffset, png.data.byteLength / 4);
  for (let i = 0; i < px.length; i += 7) seen.add(px[i]!);
  return seen.size;
}

describe('npm run demo', () => {
  it.each(DEMO_SHOTS)('writes %s, a PNG that shows something', (name) => {
    const png = PNG.sync.read(readFileSync(join(dir, name)));
    expect(png.width).toBeGreaterThanOrEqual(300);
    expect(png.height).toBeGreaterThanOrEqual(300);
    expect(colours(png)).toBeGreaterThan(16);
  });

  it('shows the popup in light and dark', () => {
    const meanLuminance = (name: string) => {
      const { data } = PNG.sync.read(readFileSync(join(dir, name)));
      let sum = 0;
      for (let i = 0; i < data.length; i += 4) sum += 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
      return sum / (data.length / 4);
    };
    expect(meanLuminance('popup-light.png')).toBeGreaterThan(160);
    expect(meanLuminance('popup-dark.png')).toBeLessThan(96);
  });
});
