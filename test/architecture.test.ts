/**
 * The layering of src/, checked on the real import graph:
 *
 *   engine <- scenario <- worker <- store <- ui        (cli: engine, scenario, worker)
 *
 * ESLint (eslint.config.js) gives the same answer in the editor by matching specifiers; this
 * test resolves every specifier (static, re-export, dynamic import(), `new URL(..., import.meta.url)`)
 * to a folder, so it also catches what a specifier pattern cannot. It also finds every
 * `new Worker` on the syntax tree: only the two worker clients may start workers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC_DIR = fileURLToPath(new URL('../src/', import.meta.url));

const LAYERS = ['engine', 'scenario', 'worker', 'store', 'ui', 'cli'] as const;
type Layer = (typeof LAYERS)[number] | 'app';

/** One module reference found in a source file. */
interface ImportRef {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

interface Target {
  layer: Layer;
  /** Path inside src/ without extension, e.g. `worker/client`. */
  module: string;
}

/** What each folder may reach at run time, and what it may additionally see as types. */
const ALLOWED: Record<Layer, { runtime: (t: Target) => boolean; types: (t: Target) => boolean }> = {
  engine: { runtime: (t) => t.layer === 'engine', types: () => false },
  scenario: { runtime: (t) => inLayers(t, 'engine', 'scenario'), types: () => false },
  worker: { runtime: (t) => inLayers(t, 'engine', 'scenario', 'worker'), types: () => false },
  store: {
    runtime: (t) =>
      inLayers(t, 'store', 'scenario') ||
      t.module === 'worker/client' ||
      t.module === 'worker/protocol' ||
      t.module === 'worker/scoreboard-client',
    types: (t) => inLayers(t, 'engine', 'worker'),
  },
  ui: {
    runtime: (t) => inLayers(t, 'ui', 'store', 'scenario'),
    types: (t) => inLayers(t, 'engine', 'worker'),
  },
  cli: { runtime: (t) => inLayers(t, 'engine', 'scenario', 'worker', 'cli'), types: () => false },
  // Files directly in src/ (the app entry) wire the layers together.
  app: { runtime: (t) => t.layer !== 'cli', types: () => false },
};

function inLayers(t: Target, ...layers: Layer[]): boolean {
  return layers.includes(t.layer);
}

/**
 * The only modules that create workers (new Worker / new SharedWorker): the simulation's, the
 * decoder's and the lock lab's in client.ts, the scoreboard's pool in scoreboard-client.ts.
 */
const WORKER_CLIENTS: ReadonlySet<string> = new Set([
  'worker/client.ts',
  'worker/scoreboard-client.ts',
]);

const NODE_BUILTINS = new Set(builtinModules);
const UI_PACKAGES = /^(?:react|react-dom|zustand|d3)(?:\/|$)|^d3-/;
/** Layers whose code runs in the browser (or must stay host-neutral, like the engine). */
const BROWSER_LAYERS: ReadonlySet<Layer> = new Set([
  'engine',
  'scenario',
  'worker',
  'store',
  'ui',
  'app',
]);

function isTestFile(file: string): boolean {
  return /\.test\.tsx?$/.test(file);
}

/** The folder a path inside src/ belongs to; `engine` alone means the folder's index. */
function layerOf(srcPath: string): Layer {
  const first = srcPath.split('/')[0] ?? '';
  return (LAYERS as readonly string[]).includes(first) ? (first as Layer) : 'app';
}

/** All module references in one file, in source order. */
function importsOf(fileName: string, text: string): ImportRef[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const refs: ImportRef[] = [];
  const add = (lit: ts.Node | undefined, typeOnly: boolean) => {
    if (lit && ts.isStringLiteralLike(lit)) {
      const line = sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1;
      refs.push({ specifier: lit.text, typeOnly, line });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      // `import { type A } from 'x'` still loads 'x' under verbatimModuleSyntax: runtime.
      add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node)) {
      if (ts.isExternalModuleReference(node.moduleReference)) {
        add(node.moduleReference.expression, node.isTypeOnly);
      }
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg)) add(arg.literal, true);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isDynamicImport || isRequire) add(node.arguments[0], false);
    } else if (ts.isNewExpression(node)) {
      // new URL('./entry.ts', import.meta.url): how workers and assets are referenced.
      const [first, base] = node.arguments ?? [];
      if (
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'URL' &&
        base !== undefined &&
        base.getText(sf) === 'import.meta.url'
      ) {
        add(first, false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

/** Why `ref` (found in src/`fromPath`) breaks the layering, or null when it is fine. */
function checkImport(fromPath: string, ref: ImportRef): string | null {
  const from = layerOf(fromPath);
  const where = `src/${fromPath}:${ref.line} imports '${ref.specifier}'`;
  const spec = ref.specifier;

  if (!spec.startsWith('.') && !spec.startsWith('/') && !spec.startsWith('src/')) {
    if (isTestFile(fromPath) || ref.typeOnly) return null;
    const isBuiltin = spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0] ?? '');
    if (isBuiltin && BROWSER_LAYERS.has(from)) {
      return `${where}: Node built-ins are for src/cli and tests only`;
    }
    if (UI_PACKAGES.test(spec) && (from === 'engine' || from === 'scenario')) {
      return `${where}: UI libraries belong in src/ui and src/store`;
    }
    return null;
  }

  const rel = spec.startsWith('.')
    ? posix.normalize(posix.join(posix.dirname(fromPath), spec))
    : spec.replace(/^\/?src\//, '');
  if (rel.startsWith('../') || rel === '..') {
    return isTestFile(fromPath)
      ? null
      : `${where}: code in src/ must not depend on files outside src/`;
  }
  const target: Target = { layer: layerOf(rel), module: rel.replace(/\.(?:tsx?|m?js)$/, '') };
  const rules = ALLOWED[from];
  if (rules.runtime(target)) return null;
  if (rules.types(target)) {
    return ref.typeOnly
      ? null
      : `${where}: only \`import type\` is allowed from src/${target.layer}`;
  }
  return `${where}: src/${from} may not depend on src/${target.layer} (engine <- scenario <- worker <- store <- ui)`;
}

/** Lines of `new Worker(...)` and `new SharedWorker(...)` in one file's code. */
function workerStarts(fileName: string, text: string): number[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      (node.expression.text === 'Worker' || node.expression.text === 'SharedWorker')
    )
      lines.push(sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return lines;
}

/** Host APIs that would make the engine non-deterministic or tie it to the browser. */
const IMPURE: readonly [RegExp, string][] = [
  [/(?<![\w$.])Math\.random\b/, 'Math.random'],
  [/(?<![\w$.])Date\.now\b/, 'Date.now'],
  [/(?<![\w$.])performance\.now\b/, 'performance.now'],
  [/(?<![\w$.])document\./, 'document.'],
  [/(?<![\w$.])window\./, 'window.'],
  [/\bpostMessage\(/, 'postMessage('],
  [/(?<![\w$.])set(?:Timeout|Interval)\(/, 'setTimeout/setInterval'],
];

/**
 * The file's code with comments removed and string contents blanked, so a doc comment may
 * say "never Math.random" and an error message may say "window." without tripping the check.
 */
function codeOnly(fileName: string, text: string): string {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const blankStrings: ts.TransformerFactory<ts.SourceFile> = (ctx) => (root) => {
    const f = ctx.factory;
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isStringLiteral(node)) return f.createStringLiteral('');
      if (ts.isNoSubstitutionTemplateLiteral(node))
        return f.createNoSubstitutionTemplateLiteral('');
      if (ts.isTemplateHead(node)) return f.createTemplateHead('');
      if (ts.isTemplateMiddle(node)) return f.createTemplateMiddle('');
      if (ts.isTemplateTail(node)) return f.createTemplateTail('');
      return ts.visitEachChild(node, visit, ctx);
    };
    return ts.visitNode(root, visit) as ts.SourceFile;
  };
  const result = ts.transform(sf, [blankStrings]);
  const printed = ts.createPrinter({ removeComments: true }).printFile(result.transformed[0]!);
  result.dispose();
  return printed;
}

/** The impure APIs the code of an engine file uses. */
function impurities(fileName: string, text: string): string[] {
  const code = codeOnly(fileName, text);
  return IMPURE.filter(([re]) => re.test(code)).map(([, what]) => what);
}

function sourceFiles(): string[] {
  return readdirSync(SRC_DIR, { recursive: true, encoding: 'utf8' })
    .map((p) => p.split('\\').join('/'))
    .filter((p) => /\.tsx?$/.test(p) && !p.split('/').includes('node_modules'))
    .sort();
}

describe('the checker itself', () => {
  const check = (from: string, specifier: string, typeOnly = false) =>
    checkImport(from, { specifier, typeOnly, line: 1 });

  it('finds every kind of module reference', () => {
    const text = [
      "import type { A } from '../engine';",
      "import { b } from '../engine/sim';",
      "import { type C } from '../engine/config';",
      "export * from './x';",
      "export type { D } from './d';",
      "const m = await import('../worker/run-loop');",
      "type T = typeof import('../cli/main');",
      "const w = new Worker(new URL('./entry.ts', import.meta.url));",
      "const u = new URL('https://example.org/');",
    ].join('\n');
    expect(importsOf('store/x.ts', text)).toEqual([
      { specifier: '../engine', typeOnly: true, line: 1 },
      { specifier: '../engine/sim', typeOnly: false, line: 2 },
      { specifier: '../engine/config', typeOnly: false, line: 3 },
      { specifier: './x', typeOnly: false, line: 4 },
      { specifier: './d', typeOnly: true, line: 5 },
      { specifier: '../worker/run-loop', typeOnly: false, line: 6 },
      { specifier: '../cli/main', typeOnly: true, line: 7 },
      { specifier: './entry.ts', typeOnly: false, line: 8 },
    ]);
  });

  it('rejects imports against the direction', () => {
    expect(check('engine/mm/vma.ts', '../../store/sim-slice')).toMatch(
      /may not depend on src\/store/,
    );
    expect(check('engine/mm/vma.ts', '../../worker/protocol', true)).not.toBeNull();
    expect(check('scenario/url.ts', '../worker/client')).not.toBeNull();
    expect(check('worker/run-loop.ts', '../store')).not.toBeNull();
    expect(check('store/sim.ts', '../worker/run-loop')).not.toBeNull();
    expect(check('store/scoreboard.ts', '../worker/scoreboard-pool')).not.toBeNull();
    expect(check('ui/views/x.tsx', '../../worker/scoreboard-client')).not.toBeNull();
    expect(check('store/sim.ts', '../engine')).toMatch(/only `import type`/);
    expect(check('ui/heatmap/view.tsx', '../../engine/sim')).toMatch(/only `import type`/);
    expect(check('ui/app.tsx', '../worker/client')).not.toBeNull();
    expect(check('cli/main.ts', '../store')).not.toBeNull();
    expect(check('main.tsx', './cli/main')).not.toBeNull();
    expect(check('engine/sim.ts', '../../test/helpers')).toMatch(/outside src/);
  });

  it('accepts imports along the direction', () => {
    expect(check('engine/mm/vma.ts', '../paging/tlb')).toBeNull();
    expect(check('scenario/url.ts', '../engine')).toBeNull();
    expect(check('worker/run-loop.ts', '../scenario/presets')).toBeNull();
    expect(check('store/sim.ts', '../worker/client')).toBeNull();
    expect(check('store/sim.ts', '../worker/protocol.ts')).toBeNull();
    expect(check('store/scoreboard.ts', '../worker/scoreboard-client')).toBeNull();
    expect(check('store/sim.ts', '../engine/report', true)).toBeNull();
    expect(check('ui/heatmap/view.tsx', '../../engine/report', true)).toBeNull();
    expect(check('ui/heatmap/view.tsx', '../../store')).toBeNull();
    expect(check('cli/main.ts', '../worker/run-loop')).toBeNull();
    expect(check('main.tsx', './worker/client')).toBeNull();
  });

  it('keeps UI libraries and Node built-ins out of browser code', () => {
    expect(check('engine/sim.ts', 'react')).not.toBeNull();
    expect(check('scenario/url.ts', 'd3-scale')).not.toBeNull();
    expect(check('engine/sim.ts', 'node:fs')).not.toBeNull();
    expect(check('ui/app.tsx', 'path')).not.toBeNull();
    expect(check('engine/sim.test.ts', 'node:fs')).toBeNull();
    expect(check('cli/main.ts', 'node:fs')).toBeNull();
    expect(check('scenario/schema.ts', 'zod')).toBeNull();
  });

  it('finds where workers are started, not where they are mentioned', () => {
    const text = [
      "const w = new Worker(new URL('./a.ts', import.meta.url), { type: 'module' });",
      '// new Worker(...) in a comment',
      "const s = 'new Worker(';",
      'const t = new SharedWorker(url);',
    ].join('\n');
    expect(workerStarts('worker/x.ts', text)).toEqual([1, 4]);
  });

  it('spots impure engine code but not comments or strings', () => {
    expect(impurities('a.ts', 'export const x = Math.random();')).toEqual(['Math.random']);
    expect(impurities('a.ts', 'const t = Date . now(); postMessage(t);')).toEqual([
      'Date.now',
      'postMessage(',
    ]);
    expect(impurities('a.ts', 'const w = window.innerWidth + document.body.x;')).toEqual([
      'document.',
      'window.',
    ]);
    const innocent = [
      '/** The only randomness: never Math.random or Date.now. */',
      "throw new Error('hot window.start must be aligned');",
      'const n = cfg.window.size + seg.performance.now;',
      'const s = `document. ${n}`;',
    ].join('\n');
    expect(impurities('a.ts', innocent)).toEqual([]);
  });
});

describe('src/', () => {
  const files = sourceFiles();

  it('is where we think it is', () => {
    expect(files.some((f) => f.startsWith('engine/'))).toBe(true);
  });

  it('imports only along engine <- scenario <- worker <- store <- ui', () => {
    const violations = files.flatMap((file) => {
      const text = readFileSync(SRC_DIR + file, 'utf8');
      return importsOf(file, text)
        .map((ref) => checkImport(file, ref))
        .filter((v): v is string => v !== null);
    });
    expect(violations).toEqual([]);
  });

  it('starts workers only in worker/client.ts and worker/scoreboard-client.ts', () => {
    const violations = files
      .filter((f) => !WORKER_CLIENTS.has(f) && !isTestFile(f))
      .flatMap((file) =>
        workerStarts(file, readFileSync(SRC_DIR + file, 'utf8')).map(
          (line) => `src/${file}:${line}: new Worker outside the worker clients`,
        ),
      );
    expect(violations).toEqual([]);
  });

  it('keeps src/engine free of clocks, randomness and host APIs', () => {
    const violations = files
      .filter((f) => f.startsWith('engine/') && !isTestFile(f))
      .flatMap((file) =>
        impurities(file, readFileSync(SRC_DIR + file, 'utf8')).map(
          (what) => `src/${file}: ${what}`,
        ),
      );
    expect(violations).toEqual([]);
  });
});
