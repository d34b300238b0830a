// Lint rules are errors or off, never warnings (DESIGN.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  // static/js/news-editor.js is built by scripts/build-islands.mjs from news-editor.src.js (linted).
  { ignores: ['node_modules', 'data', 'test-results', 'static/vendor', 'static/js/news-editor.js', 'coverage', 'migrations'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only src/core/config.ts reads process.env.' },
      ],
    },
  },
  {
    files: ['src/core/config.ts', 'test/**', 'scripts/**', 'bench/**', 'vitest.config.ts', '*.config.*'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  { files: ['scripts/**', 'bench/**', 'test/**'], rules: { 'no-console': 'off' } },
  { files: ['static/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
);
