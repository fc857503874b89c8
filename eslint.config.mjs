// Type-aware lint: correctness and architecture rules; Prettier owns formatting.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import boundariesModule from './eslint.boundaries.cjs';

const { boundariesConfig } = boundariesModule;

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**', 'apps/admin/public/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  // Formatting is Prettier's (`prettier --check` in `npm run lint`); these rules are about correctness.
  prettier,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-console': 'error',
      // Libraries are reached through their entry points only.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@gantry/*/*', '**/libs/*/src/*', '**/libs/channels/*/src/*'],
              message: 'Import a lib through its entry point (@gantry/<lib>).',
            },
          ],
        },
      ],
    },
  },
  // The admin runs in the browser.
  { files: ['apps/admin/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  // Which element may import which: eslint.boundaries.cjs (plugin choice and rules explained there).
  boundariesConfig,
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'off',
    },
  },
);
