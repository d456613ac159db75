/** The gate holding the worker's heavy warm-ups until the first related answer (or a timeout). */
import { describe, expect, it } from 'vitest';
import { createPriorityGate } from '../../../lib/background/priority-gate';

/** A manual timer: `fire()` runs what was scheduled. */
function manualTimer() {
  const due: (() => void)[] = [];
  return { set: (f: () => void) => void due.push(f), fire: () => due.splice(0).forEach((f) => f()) };
}

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

describe('createPriorityGate', () => {
  it('stays shut until opened', async () => {
    const timer = manualTimer();
    const gate = createPriorityGate(1500, timer.set);
    expect(await settled(gate.wait())).toBe(false);
    gate.open();
    gate.open();
    expect(await settled(gate.wait())).toBe(true);
  });

  it('opens by itself when its time is up (a worker woken by something else), one task after the timeout', async () => {
    const timer = manualTimer();
    const gate = createPriorityGate(1500, timer.set);
    expect(await settled(gate.wait())).toBe(false);
    timer.fire();
    timer.fire();
    expect(await settled(gate.wait())).toBe(true);
  });

  it('stays shut when a related request queued behind a busy worker holds it just after the timeout came due', async () => {
    const timer = manualTimer();
    const gate = createPriorityGate(1500, timer.set);
    timer.fire();
    gate.hold();
    timer.fire();
    expect(await settled(gate.wait())).toBe(false);
    gate.open();
    expect(await settled(gate.wait())).toBe(true);
  });

  it('once held, waits for open() however long the answer takes (the timeout no longer opens it)', async () => {
    const timer = manualTimer();
    const gate = createPriorityGate(1500, timer.set);
    gate.hold();
    timer.fire();
    expect(await settled(gate.wait())).toBe(false);
    gate.open();
    expect(await settled(gate.wait())).toBe(true);
  });
});
