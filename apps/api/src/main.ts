import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigValidationError, loadAppConfig, type AppConfig } from '@gantry/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createApiApp } from './bootstrap/create-api-app';

const KEEP_ALIVE_MS = 65_000;

async function bootstrap(config: AppConfig): Promise<void> {
  const root = AppModule.forRole({ api: config.runsApi, worker: config.runsWorker });
  if (config.runsApi) {
    const app = await createApiApp(root);
    // Idle keep-alive connections outlive a load balancer's (60 s on most): when the server closes one first, a request
    // the balancer sends on it at that moment fails (502). Headers may take as long as an idle wait.
    const server = app.getHttpServer();
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 1000;
    await app.listen(config.PORT, config.HOST);
    app.get(Logger).log(`Gantry ${config.APP_ROLE} listening on ${config.HOST}:${config.PORT} (docs at /docs)`);
    return;
  }
  const context = await NestFactory.createApplicationContext(root, { bufferLogs: true });
  context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  context.get(Logger).log('Gantry worker started');
}

let config: AppConfig;
try {
  config = loadAppConfig();
} catch (error) {
  // Boot stops with one message naming every bad variable; values are never printed.
  process.stderr.write(`${error instanceof ConfigValidationError ? error.message : String(error)}\n`);
  process.exit(1);
}
bootstrap(config).catch((error: unknown) => {
  process.stderr.write(`Gantry failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
