// Builds dist/ when it is missing or older than the TypeScript sources, so scripts always run current code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** Newest modification time (ms) of the files under dir whose names pass the filter. */
function newest(dir, accept) {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) max = Math.max(max, newest(path, accept));
    else if (accept(entry.name)) max = Math.max(max, statSync(path).mtimeMs);
  }
  return max;
}

export function needsBuild() {
  const entry = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
  if (!existsSync(entry) || !existsSync(join(ROOT, 'dist', 'apps', 'sandbox', 'src', 'main.js'))) return true;
  if (!existsSync(join(ROOT, 'dist', 'admin', 'index.html'))) return true;
  // Specs are not part of the build, so touching one must not force a rebuild.
  const isSource = (name) => /\.(ts|tsx|css|html)$/.test(name) && !name.endsWith('.spec.ts') && !name.endsWith('-spec.ts');
  const sources = Math.max(
    newest(join(ROOT, 'apps'), isSource),
    newest(join(ROOT, 'libs'), isSource),
    ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) =>
      existsSync(join(ROOT, f)) ? statSync(join(ROOT, f)).mtimeMs : 0,
    ),
  );
  const stamp = join(ROOT, 'dist', '.build-stamp');
  const built = Math.max(
    newest(join(ROOT, 'dist'), (name) => name.endsWith('.js') || name.endsWith('.html')),
    existsSync(stamp) ? statSync(stamp).mtimeMs : 0,
  );
  return sources > built;
}

/** Runs `npm run build` when needed; throws when the build fails. */
export function ensureBuilt(log = (line) => process.stdout.write(`${line}\n`)) {
  if (!needsBuild()) return false;
  log('dist/ is missing or older than the sources: running npm run build …');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
  // Incremental tsc leaves unchanged outputs alone, so a touched-but-unchanged source would trigger a build
  // on every run; the stamp records that the build is current.
  const stamp = join(ROOT, 'dist', '.build-stamp');
  writeFileSync(stamp, '');
  utimesSync(stamp, new Date(), new Date());
  return true;
}
