// Runs before start, sandbox, migrate and cli: builds dist/ when it is missing or stale (messages go to stderr,
// so `npm run cli` output stays clean for scripts).
import { ensureBuilt } from './lib/build.mjs';

try {
  ensureBuilt((line) => process.stderr.write(`${line}\n`));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
