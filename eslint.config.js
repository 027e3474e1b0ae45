import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './web/svelte.config.js';
import noHardcodedStrings from './scripts/eslint/no-hardcoded-strings.js';

export default ts.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      '**/.svelte-kit/**',
      '**/test-results/**',
      '**/playwright-report/**',
      'data/**',
      'server/drizzle/**',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } },
  },
  {
    // Domain and sync stay free of platforms: no Node, no DOM frameworks, no HTTP.
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'svelte', 'svelte/*', '@sveltejs/*', 'dexie', '@trpc/*', 'better-sqlite3', 'drizzle-orm*'] },
      ],
    },
  },
  {
    files: ['packages/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Every user-facing string comes from the message catalogue (QUALITY.md §1.13).
    files: ['web/src/**/*.svelte'],
    plugins: { icaro: { rules: { 'no-hardcoded-strings': noHardcodedStrings } } },
    rules: { 'icaro/no-hardcoded-strings': 'error' },
  },
  {
    // All device data goes through web/src/lib/device/, so encryption can be layered there.
    files: ['web/src/**/*.ts', 'web/src/**/*.svelte'],
    ignores: ['web/src/lib/device/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['dexie'], patterns: ['dexie/*'] }] },
  },
);
