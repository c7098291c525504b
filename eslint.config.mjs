// ESLint (flat config) with typescript-eslint's type-aware rules: floating and misused promises,
// unsafe `any` flowing through, needless assertions. `npm run lint`; `npm test` runs it.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/__generated__/**', 'node_modules/**', 'dist/**', 'data/**', 'coverage/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Apollo's plugin hooks and express handlers are async by contract, awaiting or not.
      '@typescript-eslint/require-await': 'off',
      // Rows and parsed JSON are typed (row types beside each store, unknown narrowed): any `any` is an error.
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
    },
  },
  {
    // jest's `expect(x.method)` and mock helpers pass methods around on purpose.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Async event listeners (DOM, child-process and stream events) that catch their own errors.
    files: ['web/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }] },
  },
);
