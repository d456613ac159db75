// @ts-check
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Content-script code: what ends up in the bundles injected into web pages. It must stay small and must not carry
 * the database or Zod (only the background validates and stores).
 */
const CONTENT_SCRIPT_CODE = [
  './entrypoints/*-badges.ts',
  './entrypoints/scanner.ts',
  './lib/badges/**',
  './lib/detect/**',
  './lib/arxiv/**',
  './lib/ext/page-badges.ts',
  './lib/ext/badge-switch.ts',
  // What the arXiv content script reads for the reading history and the follow marks.
  './lib/detect/paper-page.ts',
  './lib/badges/follow-marks.ts',
  './lib/ext/messaging.ts',
  './lib/ext/tab-scan.ts',
  './lib/feed/summary.ts',
  './lib/feed/paper.ts',
  './lib/log.ts',
  './lib/errors.ts',
];

/** What must never reach a content script: the database, Zod and every module that imports either. */
const NOT_IN_CONTENT_SCRIPTS = [
  './lib/db',
  './lib/sync',
  './lib/settings',
  './lib/search',
  './lib/background',
  './lib/follow',
  './lib/topics',
  './lib/for-you',
  './node_modules/re2js',
  './node_modules/graphology',
  './node_modules/graphology-communities-louvain',
  './lib/feed/schema.ts',
  './lib/feed/parse.ts',
  './lib/feed/snapshot.ts',
  './lib/ext/protocol.ts',
  './lib/ext/handle-messages.ts',
  './lib/ext/storage.ts',
  './node_modules/dexie',
  './node_modules/zod',
  './node_modules/minisearch',
];

/** Every folder of lib/ but the adapter layer (a top-level lib file such as lib/log.ts included). */
const LIB_BUT_EXT = ['./lib/!(ext)/**', './lib/*.ts'];

/**
 * Folder boundaries (README, "How it works"), checked on resolved paths: static, type-only, dynamic and re-export
 * imports alike. `tests/unit/architecture/boundaries.test.ts` proves each zone fires.
 */
export const zones = [
  { target: './lib', from: './entrypoints', message: 'lib/ must not import entrypoints/.' },
  { target: './lib', from: './components', message: 'lib/ must not import components/ (UI depends on lib, not back).' },
  { target: './lib', from: './hooks', message: 'lib/ must not import hooks/ (Preact hooks of the pages).' },
  { target: './components', from: './entrypoints', message: 'components/ must not import entrypoints/.' },
  {
    target: './components',
    from: ['./lib/ext', './lib/db', './lib/background', './node_modules/wxt'],
    message: 'components/ get data through props: no extension APIs, no database (use a hook in hooks/).',
  },
  { target: './hooks', from: './entrypoints', message: 'hooks/ must not import entrypoints/.' },
  ...[
    './lib/feed',
    './lib/detect',
    './lib/search',
    './lib/arxiv',
    './lib/badges',
    './lib/settings',
    './lib/follow',
    './lib/topics',
    './lib/for-you',
    './lib/saved',
  ].map((target) => ({
    target,
    from: './lib/db',
    message: `${target.slice(2)} is pure logic; it must not touch the database (lib/db is reached through the background).`,
  })),
  {
    target: LIB_BUT_EXT,
    from: './node_modules/wxt',
    message: 'Only lib/ext (the adapter layer), hooks/ and entrypoints/ may import WXT or extension APIs.',
  },
  {
    target: CONTENT_SCRIPT_CODE,
    from: NOT_IN_CONTENT_SCRIPTS,
    message:
      'Content-script code must not pull the database, Zod or MiniSearch into the bundle injected into pages (ask the background).',
  },
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    settings: {
      // Resolves `../x` to `../x.ts`, `wxt/browser` to node_modules/wxt, …: without it no zone ever matched.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/tsconfig.json` })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones, basePath: root }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSImportType',
          message: "Use `import type { … } from '…'`: inline `import('…').T` types escape the import zones.",
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // One logger (lib/log.ts: one prefix, levels) for everything that ships; tests and benchmarks print freely.
    files: ['lib/**', 'hooks/**', 'components/**', 'entrypoints/**'],
    ignores: ['lib/log.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // lib/ and components/ get the DOM, the clock and the extension APIs as parameters.
    files: ['lib/**/*.ts', 'components/**/*.tsx', 'components/**/*.ts'],
    ignores: ['lib/ext/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'Pass the DOM root or window in as a parameter.' },
        { name: 'document', message: 'Pass the DOM root in as a parameter.' },
        { name: 'chrome', message: 'Use lib/ext.' },
        { name: 'browser', message: 'Use lib/ext.' },
      ],
    },
  },
  {
    // Components may name the shape a hook produces, never run a hook's code (it talks to the extension).
    files: ['components/**/*.tsx', 'components/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)hooks/',
              allowTypeImports: true,
              message: 'components/ take data through props; only types may come from hooks/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The message protocol's types are shared; its Zod schemas stay out of content scripts (type imports are erased).
    files: ['lib/ext/messaging.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: zones.map((z) =>
            z.target === CONTENT_SCRIPT_CODE
              ? { ...z, from: NOT_IN_CONTENT_SCRIPTS.filter((f) => f !== './lib/ext/protocol.ts') }
              : z,
          ),
          basePath: root,
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)protocol$',
              allowTypeImports: true,
              message: 'Only the protocol types may reach a content script; its Zod schemas may not.',
            },
          ],
        },
      ],
    },
  },
);
