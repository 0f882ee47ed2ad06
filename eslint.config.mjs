// ESLint flat config: typescript-eslint's recommended rules, as VS Code's extension samples use them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const WINDOW_TEXT_FUNCTIONS = '/^(show(Information|Warning|Error)Message|setStatusBarMessage|withProgress)$/';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.vscode-test/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      eqeqeq: 'warn',
      'no-throw-literal': 'warn',
    },
  },
  // Notifications, progress and status bar messages show through src/ui/inertWindow.ts only, which
  // makes their text inert: a vault string reaching VS Code's own functions could become a link or an icon.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ui/inertWindow.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          `MemberExpression[object.property.name='window'][property.name=${WINDOW_TEXT_FUNCTIONS}]`,
          `MemberExpression[object.name='window'][property.name=${WINDOW_TEXT_FUNCTIONS}]`,
          `VariableDeclarator[init.property.name='window'] > ObjectPattern > Property[key.name=${WINDOW_TEXT_FUNCTIONS}]`,
        ].map((selector) => ({ selector, message: 'Show notifications, progress and status bar messages with src/ui/inertWindow.ts, which makes vault text inert.' })),
      ],
    },
  },
  // The packages esbuild.js bundles apart are required where first used, so start-up does not load them.
  {
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allow: ['^node-fetch$', '^jsonc-parser$'] }] },
  },
  // Matching control characters is deliberate here: vault strings are searched for them to reveal them.
  { rules: { 'no-control-regex': 'off' } },
  {
    files: ['media/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', window: 'readonly', acquireVsCodeApi: 'readonly', HTMLElement: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  {
    files: ['*.js', '*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
