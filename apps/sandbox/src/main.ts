// First: graphql must load its fast instanceof before anything imports graphql.
import './bootstrap/graphql-fast-instanceof.bootstrap';
import { AdminSchemaLoader } from './graphql/admin-schema.loader';
import { createSandboxServer } from './sandbox.server';

// Standalone sandbox: `npm run sandbox` (SANDBOX_PORT, default 4100).
async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 4100);
  const host = process.env.SANDBOX_HOST ?? '0.0.0.0';
  const version = process.env.SHOPIFY_API_VERSION ?? '2026-07';
  if (!AdminSchemaLoader.load(version)) {
    process.stderr.write(`[sandbox] Shopify Admin schema ${version} not found in ${AdminSchemaLoader.schemaDir()} (run npm install)\n`);
  }
  const sandbox = createSandboxServer({
    webhookBackoffMs: process.env.SANDBOX_WEBHOOK_BACKOFF_MS ? Number(process.env.SANDBOX_WEBHOOK_BACKOFF_MS) : undefined,
  });
  const { port: bound } = await sandbox.listen(port, host);
  process.stdout.write(`[sandbox] Shopify sandbox listening on http://${host}:${bound}\n`);
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
