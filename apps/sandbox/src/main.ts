// First: graphql must load its fast instanceof before anything imports graphql.
import './bootstrap/graphql-fast-instanceof.bootstrap';
import { AdminSchemaLoader } from './graphql/admin-schema.loader';
import { createSandboxServer } from './sandbox.server';

// Standalone sandbox: `npm run sandbox` (SANDBOX_PORT, default 4100; SMTP on SANDBOX_SMTP_PORT, default 2525, same host).
async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 4100);
  const host = process.env.SANDBOX_HOST ?? '0.0.0.0';
  const version = process.env.SHOPIFY_API_VERSION ?? '2026-07';
  if (!AdminSchemaLoader.load(version)) {
    process.stderr.write(`[sandbox] Shopify Admin schema ${version} not found in ${AdminSchemaLoader.schemaDir()} (run npm install)\n`);
  }
  const smtpPort = process.env.SANDBOX_SMTP_PORT;
  const sandbox = createSandboxServer({
    webhookBackoffMs: process.env.SANDBOX_WEBHOOK_BACKOFF_MS ? Number(process.env.SANDBOX_WEBHOOK_BACKOFF_MS) : undefined,
    smtpPort: smtpPort ? Number(smtpPort) : 2525,
    // Only the default port gives way (to a second sandbox, e.g. a bench run); a port asked for must be had.
    smtpPortFallback: !smtpPort,
  });
  const { port: bound, smtpPort: smtpBound } = await sandbox.listen(port, host);
  process.stdout.write(`[sandbox] Shopify and JOOR sandbox listening on http://${host}:${bound} (JOOR v2 at /joor/v2)\n`);
  process.stdout.write(`[sandbox] SMTP receiver listening on smtp://${host}:${String(smtpBound)} (caught mail: /__sandbox/mail)\n`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`[sandbox] failed to start: ${String(error)}\n`);
  process.exit(1);
});
