// Fetches Shopify's published Admin GraphQL schema from the npm registry at install time.
// The schema is Shopify's, so it is cached under .cache/ and never committed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@shopify/dev-mcp@1.16.0';
const VERSIONS = ['2026-07'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, '.cache', 'shopify');

const missing = VERSIONS.filter((v) => !existsSync(join(target, `admin_${v}.json.gz`)));
if (missing.length === 0) process.exit(0);

mkdirSync(target, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'gantry-schema-'));
try {
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop();
  const members = missing.map((v) => `package/dist/data/admin_${v}.json.gz`);
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, ...members], { stdio: 'inherit' });
  for (const v of missing) {
    renameSync(join(work, 'package', 'dist', 'data', `admin_${v}.json.gz`), join(target, `admin_${v}.json.gz`));
  }
  console.log(`Shopify Admin schema ${missing.join(', ')} cached in .cache/shopify`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
