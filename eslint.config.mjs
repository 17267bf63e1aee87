// Regex safety only (issue: no super-linear backtracking on user input): `npm test` runs this over
// libs/, apps/ and scripts/ and fails on any finding. Other style rules are not enforced here.
import tsParser from '@typescript-eslint/parser';
import regexp from 'eslint-plugin-regexp';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'apps/web/dist/**', 'libs/api-client/src/schema.d.ts', 'var/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['libs/**/*.{ts,tsx,js,mjs,cjs}', 'apps/**/*.{ts,tsx,js,mjs,cjs}', 'scripts/**/*.{ts,js,mjs,cjs}', 'bench/**/*.{js,mjs}'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
      'regexp/no-useless-backreference': 'error',
      'regexp/no-empty-alternative': 'error',
    },
  },
  {
    // Every browser spec takes `test` from its fixtures, whose automatic fixture runs the axe-core check.
    files: ['apps/web/e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@playwright/test', importNames: ['test', 'expect'], message: "Import test and expect from './fixtures' (its test runs the accessibility check)." }] },
      ],
    },
  },
];
