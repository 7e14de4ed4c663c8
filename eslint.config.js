// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries (docs/adr/0002-module-boundaries.md):
 * - the kernel imports no module;
 * - a module never imports another module's repo or schema (tables): it calls that module's service;
 * - the web app never imports server code (only contracts/).
 */
export const boundaryRules = {
  kernel: {
    files: ['server/kernel/**/*.ts'],
    patterns: [{ group: ['**/modules/**'], message: 'The kernel imports no module (ADR 0002).' }],
  },
  modules: {
    files: ['server/modules/**/*.ts'],
    patterns: [
      {
        group: [
          '../*/*.repo',
          '../*/*.repo.*',
          '../*/*.schema',
          '../*/*.schema.*',
          '**/modules/*/*.repo*',
          '**/modules/*/*.schema*',
        ],
        message: "A module never imports another module's repo or tables: call its service (ADR 0002).",
      },
    ],
  },
  web: {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    patterns: [
      {
        group: ['**/server/**'],
        message: 'The web app talks to the server over HTTP only; share types through contracts/.',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'web/dist/**', 'e2e/artifacts/**', 'server/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...Object.values(boundaryRules).map((b) => ({
    files: b.files,
    rules: { 'no-restricted-imports': ['error', { patterns: b.patterns }] },
  })),
);
