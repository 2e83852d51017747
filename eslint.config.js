// ESLint 9 flat config (CommonJS, like the rest of the repo's *.config.js files).
'use strict';

const { defineConfig } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

// Node's CommonJS globals, declared by hand: the `globals` package is only present as a
// transitive dependency of eslint, not one of ours.
const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    'process',
    '__dirname',
    '__filename',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'AbortController',
    'AbortSignal',
    'TextEncoder',
    'TextDecoder',
    'fetch',
    'structuredClone',
    'queueMicrotask',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
  ].map((name) => [name, 'readonly']),
);

module.exports = defineConfig(
  {
    ignores: ['dist/', 'node_modules/', '.neo4j/', 'tools/neo4j-embedded/target/', 'coverage/', '.bench/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        // Mirror tsconfig.json so consistent-type-imports never turns an import that
        // decorator metadata needs at run time (type-graphql) into `import type`.
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    // A focused test (.only, fit, fdescribe) silently skips every other test of its file, and
    // the run still passes: it must never be committed. `npm run check` refuses it.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // test.only, it.only, describe.only (and their .each).
          selector: 'MemberExpression[property.name="only"][object.name=/^(describe|it|test)$/]',
          message: 'Focused test: remove .only before committing (it skips every other test in the file).',
        },
        {
          // test.concurrent.only, test.failing.only and the like.
          selector: 'MemberExpression[property.name="only"][object.object.name=/^(describe|it|test)$/]',
          message: 'Focused test: remove .only before committing (it skips every other test in the file).',
        },
        {
          selector: 'CallExpression[callee.name=/^f(it|describe|test)$/]',
          message: 'Focused test: use it/describe/test, not fit/fdescribe/ftest (it skips every other test).',
        },
      ],
    },
  },
  {
    // Plain JavaScript: CommonJS Node scripts, tools and config files. (`no-console` is not
    // part of any preset used here, so scripts may log freely.)
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: nodeGlobals,
    },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
