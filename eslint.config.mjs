// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS = ['intake', 'approval', 'certificate', 'evaluation', 'supervision', 'gateway'];
const TEST_FILES = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'];

/** libs/shared folder → the folders it may import (basics → contracts → infrastructure → platform). */
const BASICS = ['codes', 'serialization', 'time', 'validation', 'errors', 'identifiers', 'metrics'];
const SHARED_LAYERS = {
  codes: [],
  serialization: [],
  time: [],
  validation: [],
  errors: [],
  metrics: [],
  identifiers: ['codes'],
  calendar: ['time'],
  contracts: BASICS,
  config: [...BASICS, 'calendar'],
  logging: [...BASICS, 'config'],
  auth: [...BASICS, 'config', 'logging'],
  health: [...BASICS, 'auth', 'logging'],
  database: [...BASICS, 'config', 'health'],
  http: [...BASICS, 'config', 'logging', 'auth'],
  kafka: [...BASICS, 'contracts', 'config', 'logging', 'health', 'database'],
  platform: [...BASICS, 'calendar', 'contracts', 'config', 'logging', 'auth', 'health', 'database', 'http', 'kafka'],
  testing: [...BASICS, 'calendar', 'contracts', 'config', 'logging', 'auth', 'health', 'database', 'http', 'kafka', 'platform'],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.infra/**', 'coverage/**', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'no-console': 'error',
    },
  },
  // Apps never import each other: shared code lives in libs/shared.
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: APPS.filter((a) => a !== app).flatMap((a) => [`**/apps/${a}/**`, `apps/${a}/**`]), message: 'Apps never import each other; use libs/shared.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**', 'apps/**'], message: 'libs must not depend on apps.' }] }] },
  },
  // libs/shared in layers (docs/architecture.md): each folder imports only the folders below it.
  ...Object.entries(SHARED_LAYERS).map(([folder, allowed]) => ({
    files: [`libs/shared/src/${folder}/**/*.ts`],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**', 'apps/**'], message: 'libs must not depend on apps.' },
            ...Object.keys(SHARED_LAYERS)
              .filter((f) => f !== folder && !allowed.includes(f))
              .map((f) => ({
                group: [`../${f}`, `../${f}/**`, `@app/shared/${f}`, `@app/shared/${f}/**`],
                message: `libs/shared/${folder} may import only: ${allowed.join(', ') || 'nothing of libs/shared'} (docs/architecture.md, layers).`,
              })),
          ],
        },
      ],
    },
  })),
  // The test toolkit is for tests only.
  {
    files: ['apps/*/src/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@app/shared/testing', '@app/shared/testing/**'], message: '@app/shared/testing is for tests only.' },
          ],
        },
      ],
    },
  },
  {
    // Tests: loose typing of HTTP bodies is fine; promise rules stay on.
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
