// @vitest-environment happy-dom
// The popup's per-tab cache is written as soon as the popup shows a first answer: on an arXiv abstract page that is
// the early answer (related from the paper the URL names), while the tab's scan — seconds on a woken worker with
// 50,000 cached papers — is still running; a popup closed before the scan ended used to leave nothing cached.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { usePopupData, type PopupStart, type RelatedResult } from '../../../hooks/use-popup-data';
import { popupRelatedCache } from '../../../lib/ext/tab-cache';
import type { TabScan } from '../../../lib/detect/scan-page';
import { mount, type Mounted } from '../components/helpers';

const KEY = { tabId: 4, url: 'https://arxiv.org/abs/2406.17588', version: '50000:7' };
const EARLY: RelatedResult = {
  kind: 'related',
  basis: 'paper',
  papers: 0,
  hits: [{ id: '2405.16712', title: 'A related paper', upvotes: 3, listDate: '2026-11-30' }],
};

function startWith(scan: Promise<TabScan>): PopupStart {
  return {
    tabId: Promise.resolve(KEY.tabId),
    scan,
    early: Promise.resolve({ ownId: '2406.17588', related: EARLY }),
    key: Promise.resolve(KEY),
    cached: Promise.resolve(undefined),
    cachedCited: Promise.resolve(undefined),
  };
}

function Probe({ start }: { start: PopupStart }) {
  usePopupData(KEY.tabId, KEY.version, start);
  return null;
}

describe('usePopupData and the per-tab cache', () => {
  let m: Mounted | undefined;
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => m?.unmount());

  it('remembers the early answer while the scan is still running', async () => {
    // A scan that never ends within the test: the fresh related answer never comes.
    m = await mount(<Probe start={startWith(new Promise<TabScan>(() => {}))} />);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
    await vi.waitFor(async () => expect(await popupRelatedCache.read(KEY)).toEqual(EARLY), { timeout: 2000 });
  });
});
