import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layerBan = (names, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: names.map((n) => ({ group: [n, `${n}/*`], message })) },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-cli',
      'node_modules',
      'coverage',
      '.bench-out',
      '.test-results',
      'scripts/_*',
      '.probe*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // The layers of STYLE.md, enforced: core is pure; only db/ touches Dexie; ui never touches storage.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...layerBan(
        [
          'react',
          'react-dom',
          'dexie',
          'dexie-react-hooks',
          'zustand',
          'ag-grid-community',
          'ag-grid-react',
          'comlink',
          '../db',
          '../ui',
          '../state',
          '../workers',
        ],
        'src/core is pure domain code: no React, Dexie, zustand, ag-grid, workers or other layers.',
      ),
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: [
      'src/ui/**/*.{ts,tsx}',
      'src/state/**/*.ts',
      'src/io/**/*.ts',
      'src/workers/**/*.ts',
      'src/cli/**/*.ts',
    ],
    rules: layerBan(['dexie'], 'Only src/db imports Dexie.'),
  },
);
