// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/** Folder boundaries from STYLE.md, enforced: lib/ is browser-free and never reaches up into the UI. */
const zones = [
  { target: './lib', from: './entrypoints', message: 'lib/ must not import entrypoints/.' },
  { target: './lib', from: './components', message: 'lib/ must not import components/.' },
  { target: './components', from: './entrypoints', message: 'components/ must not import entrypoints/.' },
  { target: './lib/feed', from: './lib/db', message: 'lib/feed is pure parsing; it must not touch the database.' },
  { target: './lib/detect', from: './lib/db', message: 'lib/detect must not touch the database.' },
  { target: './lib/search', from: './lib/db', message: 'lib/search must not touch the database.' },
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Only the adapter layer and entrypoints may talk to the extension APIs or WXT.
    files: ['lib/**/*.ts', 'components/**/*.tsx', 'components/**/*.ts'],
    ignores: ['lib/ext/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['wxt', 'wxt/*'], message: 'Use lib/ext, the one adapter over extension APIs.' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'Pass the DOM root or window in as a parameter.' },
        { name: 'document', message: 'Pass the DOM root in as a parameter.' },
        { name: 'chrome', message: 'Use lib/ext.' },
        { name: 'browser', message: 'Use lib/ext.' },
      ],
    },
  },
);
