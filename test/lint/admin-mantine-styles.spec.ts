import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/*
 * The admin imports Mantine's styles per component, not the whole 250 KB styles.css: the first page carries the styles
 * of what the first page renders (apps/admin/src/app/mantine-first-page.css), the lazy pages the rest (mantine-later-pages.css). A
 * component whose styles are missing renders unstyled without any error, so this spec derives, from the sources and
 * Mantine's own module graph, which style files each set of pages needs, and checks that they are imported.
 */
const ROOT = resolve(__dirname, '..', '..');
const SRC = join(ROOT, 'apps', 'admin', 'src');
const MANTINE = join(ROOT, 'node_modules', '@mantine', 'core');
const ESM = join(MANTINE, 'esm');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }
    return /\.tsx?$/.test(name) && !/\.spec\.tsx?$/.test(name) ? [path] : [];
  });
}

const IMPORT = /^import\s+(type\s+)?([\s\S]*?)\s+from\s+'([^']+)';/gm;

function resolveSource(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.tsx`, `${base}.ts`, join(base, 'index.ts')].find((file) => existsSync(file));
}

/** The Mantine component names a source file imports (values, not types). */
function mantineImports(file: string): string[] {
  const names: string[] = [];
  for (const [, typeOnly, clause, from] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (from !== '@mantine/core' || typeOnly || !clause) {
      continue;
    }
    for (const part of clause.replace(/[{}]/g, '').split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)[0]
        ?.trim();
      if (name && !name.startsWith('type ') && /^[A-Z]/.test(name)) {
        names.push(name);
      }
    }
  }
  return names;
}

/** Files reachable from main.tsx by static imports: what the first page's bundle holds. */
function firstPageFiles(): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) {
      return;
    }
    seen.add(file);
    for (const [, typeOnly, , from] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (typeOnly || !from?.startsWith('.')) {
        continue;
      }
      const target = resolveSource(file, from);
      if (target) {
        visit(target);
      }
    }
  };
  visit(join(SRC, 'main.tsx'));
  return [...seen];
}

/** Where @mantine/core's index takes each exported name from. */
const EXPORTS = new Map<string, string>();
for (const [, clause, from] of readFileSync(join(ESM, 'index.mjs'), 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
  for (const name of (clause ?? '').split(',')) {
    EXPORTS.set(name.trim(), resolve(ESM, from ?? ''));
  }
}

/** The style files (Mantine's `X.module.mjs` ↔ `styles/X.css`) a set of components reaches through Mantine's own imports. */
function styleFilesFor(components: Iterable<string>): Set<string> {
  const styles = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) {
      return;
    }
    seen.add(file);
    const module = /([^/]+)\.module\.mjs$/.exec(file);
    if (module?.[1]) {
      styles.add(module[1]);
    }
    for (const [, from] of readFileSync(file, 'utf8').matchAll(/from\s*"(\.[^"]+)"/g)) {
      visit(resolve(dirname(file), from ?? ''));
    }
  };
  for (const component of components) {
    const entry = EXPORTS.get(component);
    if (!entry) {
      throw new Error(`@mantine/core exports no ${component}`);
    }
    visit(entry);
  }
  return styles;
}

/** The style files a CSS file of ours imports from @mantine/core/styles, in order. */
function imported(cssFile: string): string[] {
  return [...readFileSync(join(SRC, 'app', cssFile), 'utf8').matchAll(/@import\s+'@mantine\/core\/styles\/([\w-]+)\.css'/g)].map(
    (m) => m[1] ?? '',
  );
}

describe('Mantine styles per component', () => {
  const first = imported('mantine-first-page.css');
  const later = imported('mantine-later-pages.css');
  const firstFiles = firstPageFiles();
  const firstComponents = new Set(firstFiles.flatMap(mantineImports));
  const allComponents = new Set(sourceFiles(SRC).flatMap(mantineImports));

  it('starts the first page with Mantine global styles, in the documented order', () => {
    expect(first.slice(0, 3)).toEqual(['baseline', 'default-css-variables', 'global']);
  });

  it('gives the first page the styles of every component it renders, and their building blocks', () => {
    const needed = styleFilesFor(firstComponents);
    const missing = [...needed].filter((name) => !first.includes(name));
    expect({ missing, firstPageFiles: firstFiles.map((f) => relative(SRC, f)).sort() }).toMatchObject({ missing: [] });
    // And nothing the first page does not render: every kilobyte here is parsed before the first paint.
    const globals = ['baseline', 'default-css-variables', 'global'];
    expect(first.filter((name) => !needed.has(name) && !globals.includes(name))).toEqual([]);
  });

  it('gives the later pages the styles of every other component the admin uses', () => {
    const needed = styleFilesFor(allComponents);
    const missing = [...needed].filter((name) => !first.includes(name) && !later.includes(name));
    expect(missing).toEqual([]);
    expect(later.filter((name) => !needed.has(name))).toEqual([]);
  });

  it('imports only style files that exist, each once', () => {
    for (const name of [...first, ...later]) {
      expect(existsSync(join(MANTINE, 'styles', `${name}.css`))).toBe(true);
    }
    expect(new Set([...first, ...later]).size).toBe(first.length + later.length);
  });

  it('keeps later-page styles off the first page, and loads lazy pages only through lazyWithStyles', () => {
    const firstSources = firstFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(firstSources).not.toMatch(/^import\s+'[^']*mantine-later-pages\.css'/m);
    const direct = sourceFiles(SRC)
      .filter((file) => !file.endsWith(join('app', 'lazy-with-styles.ts')))
      .filter((file) => /\blazy\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(direct).toEqual([]);
  });
});
