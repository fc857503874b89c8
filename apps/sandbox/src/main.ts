// First: graphql must load its fast instanceof before anything imports graphql.
import './bootstrap/graphql-fast-instanceof.bootstrap';
import { resolve } from 'node:path';
import { AdminSchemaLoader } from './graphql/admin-schema.loader';
import { createSandboxServer } from './sandbox.server';

// Standalone sandbox: `npm run sandbox` (SANDBOX_PORT, default 4100; SMTP on SANDBOX_SMTP_PORT, default 2525, same host;
// SANDBOX_HOST, default 127.0.0.1; SANDBOX_STATE_FILE: keep the state in that file across restarts).
async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 4100);
  // Loopback unless told otherwise: the sandbox accepts any credentials, so it is nothing to expose by default.
  const host = process.env.SANDBOX_HOST || '127.0.0.1';
  const version = process.env.SHOPIFY_API_VERSION ?? '2026-07';
  const stateFile = process.env.SANDBOX_STATE_FILE ? resolve(process.env.SANDBOX_STATE_FILE) : undefined;
  if (!AdminSchemaLoader.load(version)) {
    process.stderr.write(`[sandbox] Shopify Admin schema ${version} not found in ${AdminSchemaLoader.schemaDir()} (run npm install)\n`);
  }
  const smtpPort = process.env.SANDBOX_SMTP_PORT;
  const sandbox = createSandboxServer({
    webhookBackoffMs: process.env.SANDBOX_WEBHOOK_BACKOFF_MS ? Number(process.env.SANDBOX_WEBHOOK_BACKOFF_MS) : undefined,
    smtpPort: smtpPort ? Number(smtpPort) : 2525,
    // Only the default port gives way (to a second sandbox, e.g. a bench run); a port asked for must be had.
    smtpPortFallback: !smtpPort,
    stateFile,
  });
  if (stateFile) {
    const shops = sandbox.restoredShops;
    process.stdout.write(
      shops === null
        ? `[sandbox] state will be kept in ${stateFile}\n`
        : `[sandbox] state restored from ${stateFile} (${shops} shop${shops === 1 ? '' : 's'}); kept there\n`,
    );
  }
  const { port: bound, smtpPort: smtpBound } = await sandbox.listen(port, host);
  process.stdout.write(
    `[sandbox] Shopify and JOOR sandbox listening on http://${host}:${bound} (JOOR v2 at /joor/v2; control surface: GET /)\n`,
  );
  process.stdout.write(`[sandbox] SMTP receiver listening on smtp://${host}:${String(smtpBound)} (caught mail: /__sandbox/mail)\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    // close() saves the state last, once nothing can change it any more.
    void sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`[sandbox] failed to stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`[sandbox] failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
