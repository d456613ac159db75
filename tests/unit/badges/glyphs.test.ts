// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBadge } from '../../../lib/badges/render';

/** Characters drawn as emoji by default: without an emoji font (common on Linux) they show as an empty box. */
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F/u;
const ROOT = join(import.meta.dirname, '../../..');
/** Everything that draws the extension's own UI: badges, popup, reader, options. */
const UI_SOURCES = ['lib/badges', 'components', 'entrypoints', 'hooks'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(tsx?|html|css)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

describe('the UI needs no emoji font', () => {
  it('draws the badge mark with CSS (no SVG: a paint layer each), with no emoji in the badge', () => {
    const host = createBadge(
      document,
      { id: '2406.01234', title: 'T', upvotes: 3, comments: 0, listDate: '2026-08-06', dayRank: 1 },
      { run: 'r', dark: false },
    );
    const a = host.shadowRoot!.querySelector('a')!;
    expect(a.querySelector('.mark')?.getAttribute('aria-hidden')).toBe('true');
    expect(a.querySelector('svg')).toBeNull();
    expect(a.textContent).not.toMatch(EMOJI);
  });

  it('has no emoji in the sources of the badge, popup, reader or options page', () => {
    const files = UI_SOURCES.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (EMOJI.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
