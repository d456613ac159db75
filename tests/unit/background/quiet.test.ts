import { describe, expect, it } from 'vitest';
import { createQuiet, QUIET_MS } from '../../../lib/background/quiet';

/** A quiet tracker on a fake clock whose sleeps advance it. */
function fake() {
  let t = 0;
  const sleeps: number[] = [];
  const hooks: (() => void)[] = [];
  const quiet = createQuiet(
    () => t,
    async (ms) => {
      sleeps.push(ms);
      t += ms;
      hooks.shift()?.();
    },
  );
  return { quiet, sleeps, hooks, at: (ms: number) => (t = ms), now: () => t };
}

describe('createQuiet', () => {
  it('settles at once when no request came', async () => {
    const f = fake();
    await f.quiet.settled();
    expect(f.sleeps).toEqual([]);
  });

  it('waits until no request is answered and the last one ended QUIET_MS ago', async () => {
    const f = fake();
    f.quiet.begin();
    f.at(100);
    // The request ends during the first sleep; more pause is then needed after its end.
    f.hooks.push(() => f.quiet.end());
    await f.quiet.settled();
    const ended = QUIET_MS / 4 + 100;
    expect(f.now()).toBeGreaterThanOrEqual(ended + QUIET_MS);
  });

  it('keeps waiting while a request is in flight, however long ago it began', async () => {
    const f = fake();
    f.quiet.begin();
    let settled = false;
    const done = f.quiet.settled().then(() => (settled = true));
    for (let i = 0; i < 10; i++) f.hooks.push(() => undefined);
    f.hooks.push(() => f.quiet.end());
    await done;
    expect(settled).toBe(true);
    expect(f.sleeps.length).toBeGreaterThan(10);
    expect(f.now()).toBeGreaterThanOrEqual(10 * (QUIET_MS / 4));
  });
});
