// @vitest-environment happy-dom
// The loadable hook as a page renders it: no render ever says "not loading, no value" between the moment a load is
// due (enabled, or new deps) and the effect that starts it — the popup's detected list once showed "No arXiv papers
// found" for a frame there.
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { useLoadable, type Loadable } from '../../../hooks/use-loadable';
import { mount, type Mounted } from '../components/helpers';

const renders: Loadable<string>[] = [];
const pending: { dep: string; resolve: (v: string) => void }[] = [];

function Probe({ enabled, dep }: { enabled: boolean; dep: string }) {
  renders.push(useLoadable(() => new Promise<string>((resolve) => pending.push({ dep, resolve })), [dep], enabled));
  return null;
}

describe('useLoadable', () => {
  let m: Mounted | undefined;
  afterEach(() => {
    m?.unmount();
    renders.length = 0;
    pending.length = 0;
  });

  it('is loading from the render that enables it until the answer, never "done with nothing" in between', async () => {
    m = await mount(<Probe enabled={false} dep="a" />);
    expect(renders.every((r) => !r.loading && r.value === undefined)).toBe(true);
    const before = renders.length;
    await m.rerender(<Probe enabled dep="a" />);
    expect(pending.map((p) => p.dep)).toEqual(['a']);
    expect(renders.slice(before).map((r) => r.loading)).toEqual(renders.slice(before).map(() => true));
    await act(async () => pending[0]!.resolve('A'));
    expect(renders.at(-1)).toEqual({ value: 'A', loading: false });
  });

  it('is loading, with the last value kept, from the render where its deps change', async () => {
    m = await mount(<Probe enabled dep="a" />);
    await act(async () => pending[0]!.resolve('A'));
    const before = renders.length;
    await m.rerender(<Probe enabled dep="b" />);
    expect(renders.slice(before)).toEqual(renders.slice(before).map(() => ({ value: 'A', loading: true })));
    await act(async () => pending[1]!.resolve('B'));
    expect(renders.at(-1)).toEqual({ value: 'B', loading: false });
  });

  it('is not loading while disabled, whatever its deps', async () => {
    m = await mount(<Probe enabled={false} dep="a" />);
    await m.rerender(<Probe enabled={false} dep="b" />);
    expect(pending).toEqual([]);
    expect(renders.every((r) => !r.loading)).toBe(true);
  });
});
