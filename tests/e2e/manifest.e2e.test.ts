import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Pins what the production manifests ask of the user: a change here must be deliberate (and reviewed).
// The e2e global setup builds both production targets into .output before this runs.
const root = join(import.meta.dirname, '../..');
const read = (dir: string) =>
  JSON.parse(readFileSync(join(root, '.output', dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const manifests = { chrome: read('chrome-mv3'), firefox: read('firefox-mv2') };

const ARXIV = [
  '*://arxiv.org/*',
  '*://www.arxiv.org/*',
  '*://export.arxiv.org/*',
  '*://browse.arxiv.org/*',
  // alphaXiv: an arXiv reader at the same ids (detection issue, case 10: badges follow its single-page navigation).
  '*://alphaxiv.org/*',
  '*://www.alphaxiv.org/*',
];

describe('the production manifest', () => {
  it('asks Chrome for exactly these permissions', () => {
    const m = manifests.chrome;
    expect(m.manifest_version).toBe(3);
    expect(m.permissions).toEqual(['storage', 'alarms', 'activeTab', 'scripting', 'unlimitedStorage']);
    expect(m.host_permissions).toEqual(['https://huggingface.co/api/daily_papers*', ...ARXIV]);
    expect(m.optional_host_permissions).toEqual(['*://*/*']);
  });

  it('runs the badge content script on arXiv and alphaXiv only', () => {
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

// What each library leaves in a minified bundle: Zod 4's internal `_zod` property, Dexie's error names, the
// IndexedDB global, MiniSearch's error prefix.
const HEAVY = { zod: '_zod', dexie: 'DatabaseClosed', indexedDB: 'indexedDB', minisearch: 'MiniSearch' };

describe('the content-script bundles', () => {
  // Injected into every matching page: they ask the background, they never carry its database or validators.
  // Content scripts are single self-contained files (no shared chunks), so each file is all that runs in a page.
  it.each(['content-scripts/arxiv.js', 'content-scripts/everywhere.js', 'scanner.js'])(
    '%s carries no database, Zod or search index',
    (file) => {
      const code = readFileSync(join(root, '.output/chrome-mv3', file), 'utf8');
      const found = Object.entries(HEAVY)
        .filter(([, marker]) => code.includes(marker))
        .map(([name]) => name);
      expect(found).toEqual([]);
    },
  );

  it('the background and its chunks, by contrast, show every marker (so the markers still name these libraries)', () => {
    const dir = join(root, '.output/chrome-mv3');
    const chunks = readdirSync(join(dir, 'chunks')).map((f) => readFileSync(join(dir, 'chunks', f), 'utf8'));
    const code = [readFileSync(join(dir, 'background.js'), 'utf8'), ...chunks].join('\n');
    const missing = Object.entries(HEAVY)
      .filter(([, marker]) => !code.includes(marker))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });
});
