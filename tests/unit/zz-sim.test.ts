import { it } from 'vitest';
import { FramePacer } from '../../lib/badges/frame-pacer';
it('sim', () => {
  for (const [f, p] of [[200, 0.1], [60, 0.2], [120, 1]]) {
    const pacer = new FramePacer(); const sizes: number[] = [];
    for (let left = 3000; left > 0;) { const k = Math.min(left, pacer.next()); pacer.record(k, f + p * k + (sizes.length % 3 === 0 ? 300 : 0)); sizes.push(k); left -= k; }
    console.log(f, p, sizes.join(','));
  }
});
