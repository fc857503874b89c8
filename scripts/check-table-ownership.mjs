#!/usr/bin/env node
// Table ownership, checked by `npm run lint`: each owner (core, wms, each channel, api) touches only the tables its
// own migrations create. Lists owner → tables, then every source line whose SQL (in a string or template literal) or
// @Entity names another owner's table, and exits 1 when there is any. `--json` prints { owners, violations } instead.
// Usage: node scripts/check-table-ownership.mjs [--json]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ownership from './lib/table-ownership.cjs';

const { classifyPath, buildOwnership, ownershipMap, findViolations, formatViolation } = ownership;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function* tsFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* tsFiles(path);
    } else if (entry.name.endsWith('.ts')) {
      yield path;
    }
  }
}

let channels = [];
try {
  channels = readdirSync(join(root, 'libs/channels'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
} catch {
  // no channels yet
}
const ownerOrder = ['core', 'wms', ...channels, 'api'];
const srcDirs = ['libs/core/src', 'libs/wms/src', ...channels.map((key) => `libs/channels/${key}/src`), 'apps/api/src'];

const migrations = [];
const sources = [];
for (const dir of srcDirs) {
  for (const abs of tsFiles(join(root, dir))) {
    const path = relative(root, abs).split(sep).join('/');
    const kind = classifyPath(path);
    if (kind) {
      (kind.kind === 'migration' ? migrations : sources).push({ path, owner: kind.owner, text: readFileSync(abs, 'utf8') });
    }
  }
}

const { tables, conflicts } = buildOwnership(migrations);
const violations = [...conflicts, ...sources.flatMap((file) => findViolations(file, tables))];
const owners = ownershipMap(tables, ownerOrder);

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ owners, violations }, null, 2)}\n`);
} else {
  const width = Math.max(...Object.keys(owners).map((o) => o.length));
  console.log('Table ownership (from migrations):');
  for (const [owner, owned] of Object.entries(owners)) {
    console.log(`  ${owner.padEnd(width)}  ${owned.length > 0 ? owned.join(', ') : '(none)'}`);
  }
  if (violations.length > 0) {
    console.error(`\n${violations.length} table ownership violation(s):`);
    for (const v of violations) {
      console.error(formatViolation(v));
    }
  } else {
    console.log(`No owner touches another owner's tables (${sources.length} files checked).`);
  }
}
process.exitCode = violations.length > 0 ? 1 : 0;
