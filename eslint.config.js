// Lint setup: syntax-only (no type information) so `eslint .` stays fast.
// The layer rules below are the quick, in-editor half of the architecture check; the
// exact half (real path resolution, dynamic imports) is test/architecture.test.ts.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const SRC = 'src';
const TS = '**/*.{ts,tsx}';

/**
 * Matches a relative (or `src/`-rooted) specifier that climbs out of the current folder into
 * the given top-level folder(s) of src. `rest` narrows it to some files of that folder.
 */
function layerRegex(layers, rest = '(?:/|$)') {
  const names = `(?:${layers.join('|')})`;
  return `^(?:\\.\\./)+(?:src/)?${names}${rest}|(?:^|/)src/${names}${rest}`;
}

const UI_LIBRARIES = {
  regex: '^(?:react|react-dom|zustand|d3)(?:/|$)|^d3-',
  caseSensitive: true,
  message: 'UI libraries belong in src/ui and src/store.',
};
const NODE_BUILTINS = {
  regex: `^node:|^(?:${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(?:/|$)`,
  caseSensitive: true,
  message: 'This code runs in the browser: no Node built-ins (only src/cli and tests may).',
};

/** A pattern that forbids every import (type or not) of the given src folders. */
function never(layers, why) {
  return { regex: layerRegex(layers), caseSensitive: true, message: why };
}
/** A pattern that allows only `import type` from the given src folders. */
function typeOnly(layers, why, rest) {
  return {
    regex: layerRegex(layers, rest),
    caseSensitive: true,
    allowTypeImports: true,
    message: why,
  };
}

const DIRECTION =
  'Imports flow one way: engine <- scenario <- worker <- store <- ui (see src/README.md).';

/**
 * Per folder: which other folders it must not import. `browser: true` also bans Node
 * built-ins outside of test files.
 */
const LAYERS = {
  engine: {
    browser: true,
    patterns: [
      never(
        ['scenario', 'worker', 'store', 'ui', 'cli'],
        `The engine imports nothing outside src/engine. ${DIRECTION}`,
      ),
      UI_LIBRARIES,
    ],
  },
  scenario: {
    browser: true,
    patterns: [
      never(
        ['worker', 'store', 'ui', 'cli'],
        `src/scenario may import only src/engine. ${DIRECTION}`,
      ),
      UI_LIBRARIES,
    ],
  },
  worker: {
    browser: true,
    patterns: [
      never(
        ['store', 'ui', 'cli'],
        `src/worker may import only src/engine and src/scenario. ${DIRECTION}`,
      ),
      { ...UI_LIBRARIES, regex: '^(?:react|react-dom|zustand)(?:/|$)' },
    ],
  },
  store: {
    browser: true,
    patterns: [
      never(['ui', 'cli'], `src/store must not import src/ui or src/cli. ${DIRECTION}`),
      typeOnly(
        ['engine'],
        'src/store may only `import type` from src/engine; the engine runs in the worker.',
      ),
      typeOnly(
        ['worker'],
        'src/store talks to the workers through worker/client (and worker/protocol) and to the policy scoreboard through worker/scoreboard-client; other worker modules are type-only.',
        '(?:$|/(?!(?:client|protocol|scoreboard-client)(?:\\.ts)?$))',
      ),
    ],
  },
  ui: {
    browser: true,
    patterns: [
      never(['cli'], `src/ui must not import src/cli. ${DIRECTION}`),
      typeOnly(
        ['engine', 'worker'],
        'src/ui reaches the simulation through src/store; only `import type` from engine/worker.',
      ),
    ],
  },
  cli: {
    browser: false,
    patterns: [never(['store', 'ui'], 'The CLI runs headless: no src/store or src/ui.')],
  },
};

function layerConfigs() {
  const configs = [];
  for (const [layer, { browser, patterns }] of Object.entries(LAYERS)) {
    const files = [`${SRC}/${layer}/${TS}`];
    configs.push({
      name: `mmscope/layer/${layer}`,
      files,
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          { patterns: browser ? [...patterns, NODE_BUILTINS] : patterns },
        ],
      },
    });
    if (browser) {
      // Tests next to the code may read fixtures from disk.
      configs.push({
        name: `mmscope/layer/${layer}/tests`,
        files: [`${SRC}/${layer}/**/*.test.{ts,tsx}`],
        rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
      });
    }
  }
  // Files directly in src/ (the app's entry) wire layers together and may import any of them.
  configs.push({
    name: 'mmscope/layer/app-entry',
    files: [`${SRC}/*.{ts,tsx}`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [never(['cli'], 'The browser app must not import src/cli.'), NODE_BUILTINS] },
      ],
    },
  });
  return configs;
}

/**
 * The modules that create workers: the simulation's, the link decoder's and the lock lab's
 * (client.ts) and the policy scoreboard's pool (scoreboard-client.ts). Everything else reaches
 * a worker through their clients, which take ports, so it runs in-process in tests.
 */
const WORKER_CLIENTS = [`${SRC}/worker/client.ts`, `${SRC}/worker/scoreboard-client.ts`];
const NEW_WORKER = {
  selector: "NewExpression[callee.name='Worker'], NewExpression[callee.name='SharedWorker']",
  message:
    'Only src/worker/client.ts and src/worker/scoreboard-client.ts start workers (see src/README.md).',
};

const NODE_SCRIPT_GLOBALS = { process: 'readonly', console: 'readonly', URL: 'readonly' };

export default defineConfig(
  {
    name: 'mmscope/ignores',
    ignores: [
      'dist/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'test/fixtures/',
      'public/',
      'tmp/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'mmscope/base',
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      // tsc (verbatimModuleSyntax) insists on `import type`; these make it auto-fixable and
      // stop `import { type X }` from turning into a runtime side-effect import.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'separate-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Flags `let x = 0` that every branch then assigns: in hot loops that is deliberate
      // (a numeric start keeps the variable's type stable), and tsc already catches reads of
      // unassigned variables.
      'no-useless-assignment': 'off',
    },
  },
  {
    name: 'mmscope/node-scripts',
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: NODE_SCRIPT_GLOBALS },
  },
  ...layerConfigs(),
  {
    name: 'mmscope/one-worker',
    files: [`${SRC}/${TS}`],
    ignores: [...WORKER_CLIENTS, `${SRC}/engine/${TS}`],
    rules: { 'no-restricted-syntax': ['error', NEW_WORKER] },
  },
  {
    name: 'mmscope/engine-is-pure',
    files: [`${SRC}/engine/${TS}`],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded generator in src/engine/rng.ts.',
        },
        { object: 'Date', property: 'now', message: 'The engine has only simulated time (nowUs).' },
        {
          object: 'performance',
          property: 'now',
          message: 'The engine has only simulated time (nowUs).',
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'setTimeout',
          'setInterval',
          'setImmediate',
          'queueMicrotask',
          'requestAnimationFrame',
          'performance',
        ].map((name) => ({
          name,
          message: 'The engine is driven by its caller; no timers or clocks.',
        })),
        ...['document', 'window', 'self', 'globalThis', 'navigator', 'postMessage', 'Worker'].map(
          (name) => ({ name, message: 'The engine is pure: no DOM, worker or host globals.' }),
        ),
        ...['process', 'console', 'crypto', 'fetch'].map((name) => ({
          name,
          message: 'The engine is pure and deterministic: no host I/O or entropy.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        NEW_WORKER,
        {
          selector:
            "NewExpression[callee.name='Date'][arguments.length=0], CallExpression[callee.name='Date']",
          message: 'The engine has only simulated time (nowUs).',
        },
      ],
    },
  },
  {
    name: 'mmscope/react-hooks',
    files: [`${SRC}/ui/${TS}`, `${SRC}/store/${TS}`, `${SRC}/*.tsx`],
    plugins: { 'react-hooks': reactHooks },
    // Only the two classic rules: the React Compiler rules in the plugin's preset flag
    // ordinary canvas/ref code and this project does not use the compiler.
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
