/**
 * No folder-level import cycle: the folders of the production code (each `lib/` folder, `hooks/`, `components/`,
 * each entrypoint) form a directed acyclic graph, so each can be understood from the ones below it. Every kind of
 * import counts (static, type-only, dynamic, re-export), as TypeScript's own pre-processor reads them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const SOURCES = ['lib', 'hooks', 'components', 'entrypoints'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The folder a repo-relative file belongs to: `lib/sync`, `hooks`, `entrypoints/popup`, `lib` for `lib/log.ts`. */
function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Folder → folders it imports, from every relative import of every source file. */
function folderGraph(files: readonly string[], read: (file: string) => string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const { fileName } of ts.preProcessFile(read(file), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = relative(ROOT, resolve(ROOT, dirname(file), fileName));
      const to = folderOf(target);
      if (to !== from && SOURCES.includes(to.split('/')[0]!)) edges.add(to);
    }
  }
  return graph;
}

/** One cycle of `graph` as a path (`a → b → a`), or undefined when it has none. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('folder-level imports', () => {
  const files = SOURCES.flatMap(sourceFiles);
  const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

  it('reads every source folder', () => {
    const graph = folderGraph(files, read);
    expect([...graph.keys()]).toEqual(
      expect.arrayContaining([
        'lib/db',
        'lib/sync',
        'lib/ext',
        'lib/feed',
        'hooks',
        'components',
        'entrypoints/background',
      ]),
    );
    expect(graph.get('lib/sync')).toContain('lib/db');
  });

  it('has no cycle', () => {
    expect(findCycle(folderGraph(files, read))).toBeUndefined();
  });

  it('finds a cycle made by a type-only or a dynamic import', () => {
    const extra: Record<string, string> = {
      'lib/db/x.ts': "import type { SyncStatus } from '../sync/status';",
      'lib/feed/y.ts': "export const load = () => import('../db/database');",
    };
    const graph = folderGraph([...files, ...Object.keys(extra)], (f) => extra[f] ?? read(f));
    const cycle = findCycle(graph);
    expect(cycle?.[0]).toBe(cycle?.at(-1));
    expect(cycle).toEqual(expect.arrayContaining(['lib/db']));
  });
});
