// Lint rules: type-checked typescript-eslint for the project's TypeScript, plain JS rules for build scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// An eslint-disable comment must say why, after `--` (for example `// eslint-disable-next-line
// @typescript-eslint/no-explicit-any -- the wire format is untyped here`), so every `any` has a reason.
const requireDisableReason = {
  meta: { type: 'suggestion', schema: [], messages: { missing: 'Say why after "--" in this eslint-disable comment.' } },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const text = comment.value.trim();
          if (/^eslint-disable(-next-line|-line)?(\s|$)/.test(text) && !/\s--\s*\S/.test(text)) {
            context.report({ loc: comment.loc, messageId: 'missing' });
          }
        }
      },
    };
  },
};

const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  __dirname: 'readonly',
  __filename: 'readonly',
  require: 'readonly',
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', 'dist-vsix/**', 'node_modules/**', '.cache/**', 'test-results/**'] },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2023, globals: nodeGlobals },
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { local: { rules: { 'require-disable-reason': requireDisableReason } } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'local/require-disable-reason': 'error',
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // TypeScript itself reports undefined names, with knowledge of the declared globals.
      'no-undef': 'off',
    },
  },
);
