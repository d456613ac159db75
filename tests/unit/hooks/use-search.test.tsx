// @vitest-environment happy-dom
// The search-as-you-type hook: a keystroke's query goes out at once (no frame waited for), at most one request is in
// flight, a query typed meanwhile replaces the one waiting, and only the latest query's answer is shown.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import type { PaperHit } from '../../../lib/feed/summary';
import { mount, type Mounted } from '../components/helpers';

const sent: { query: string; resolve: (hits: PaperHit[]) => void; reject: (e: Error) => void }[] = [];
vi.mock('../../../lib/ext/messaging', () => ({
  send: (request: { query: string }) =>
    new Promise<PaperHit[]>((resolve, reject) => sent.push({ query: request.query, resolve, reject })),
}));

const { useSearch } = await import('../../../hooks/use-search');

const hit = (id: string): PaperHit => ({ id, title: id, upvotes: 1, listDate: '2026-08-07' });

let shown: ReturnType<typeof useSearch> | undefined;
function Probe({ query }: { query: string }) {
  shown = useSearch(query, 20);
  return null;
}

describe('useSearch', () => {
  let m: Mounted | undefined;
  beforeEach(() => {
    sent.length = 0;
    shown = undefined;
    // No frame ever comes: a hook that waits for one would never send.
    vi.stubGlobal('requestAnimationFrame', () => 0);
  });
  afterEach(() => {
    m?.unmount();
    vi.unstubAllGlobals();
  });
  // With no frame ever coming, Preact's after-paint effects run from its 35 ms fallback timer, which then calls
  // `cancelAnimationFrame`: let those timers fire while happy-dom is still installed, not after the file's
  // environment is torn down (an uncaught ReferenceError that failed a CI run on a loaded machine).
  afterAll(() => new Promise((resolve) => setTimeout(resolve, 100)));

  it('sends the trimmed query in the keystroke’s own render, without waiting for a frame', async () => {
    m = await mount(<Probe query="  trans " />);
    expect(sent.map((s) => s.query)).toEqual(['trans']);
    expect(shown?.loading).toBe(true);
    await act(async () => sent[0]!.resolve([hit('a')]));
    expect(shown).toMatchObject({ loading: false, query: 'trans', value: [hit('a')] });
  });

  it('keeps one request in flight: queries typed meanwhile wait, the newest replaces older ones', async () => {
    m = await mount(<Probe query="t" />);
    await m.rerender(<Probe query="tr" />);
    await m.rerender(<Probe query="tra" />);
    // `tr` was never sent: `tra` replaced it while `t` was in flight.
    expect(sent.map((s) => s.query)).toEqual(['t']);
    await act(async () => sent[0]!.resolve([hit('stale')]));
    // The stale answer is not shown; the waiting query goes out.
    expect(shown?.value).toBeUndefined();
    expect(shown?.loading).toBe(true);
    expect(sent.map((s) => s.query)).toEqual(['t', 'tra']);
    await act(async () => sent[1]!.resolve([hit('fresh')]));
    expect(shown).toMatchObject({ loading: false, query: 'tra', value: [hit('fresh')] });
  });

  it('shows an error of the latest query, and an emptied box sends nothing and drops what waits', async () => {
    m = await mount(<Probe query="x" />);
    await act(async () => sent[0]!.reject(new Error('worker gone')));
    expect(shown).toMatchObject({ loading: false, query: 'x', error: 'worker gone' });
    await m.rerender(<Probe query="xy" />);
    await m.rerender(<Probe query="xyz" />);
    await m.rerender(<Probe query="  " />);
    expect(shown).toEqual({ loading: false, query: '' });
    await act(async () => sent[1]!.resolve([hit('late')]));
    expect(sent.map((s) => s.query)).toEqual(['x', 'xy']);
    expect(shown).toEqual({ loading: false, query: '' });
  });
});
