import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Pins what the production manifests ask of the user: a change here must be deliberate (and reviewed).
// The e2e global setup builds both production targets into .output before this runs.
const root = join(import.meta.dirname, '../..');
const read = (dir: string) =>
  JSON.parse(readFileSync(join(root, '.output', dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const manifests = { chrome: read('chrome-mv3'), firefox: read('firefox-mv2') };

const ARXIV = ['*://arxiv.org/*', '*://www.arxiv.org/*', '*://export.arxiv.org/*', '*://browse.arxiv.org/*'];

describe('the production manifest', () => {
  it('asks Chrome for exactly these permissions', () => {
    const m = manifests.chrome;
    expect(m.manifest_version).toBe(3);
    expect(m.permissions).toEqual(['storage', 'alarms', 'activeTab', 'scripting', 'unlimitedStorage']);
    expect(m.host_permissions).toEqual(['https://huggingface.co/api/daily_papers*', ...ARXIV]);
    expect(m.optional_host_permissions).toEqual(['*://*/*']);
  });

  it('gives pages no way in: no resource a page can load or frame, no page allowed to message the extension', () => {
    for (const m of Object.values(manifests)) {
      expect(m.web_accessible_resources).toBeUndefined();
      expect(m.externally_connectable).toBeUndefined();
    }
  });

  it('runs the badge content script on arXiv only', () => {
    const scripts = manifests.chrome.content_scripts as { matches: string[] }[];
    expect(scripts.map((s) => [...s.matches].sort())).toEqual([[...ARXIV].sort()]);
  });

  it('asks Firefox for the same, in MV2 form', () => {
    const m = manifests.firefox;
    expect(m.manifest_version).toBe(2);
    expect(m.permissions).toEqual([
      'storage',
      'alarms',
      'activeTab',
      'scripting',
      'unlimitedStorage',
      'https://huggingface.co/api/daily_papers*',
      ...ARXIV,
    ]);
    expect(m.optional_permissions).toEqual(['*://*/*']);
    expect((m.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe('paper-radar@paper-radar.dev');
  });
});
