import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ChannelAdapterHostModule, ConfigValidationError, loadAppConfig, type AppConfig } from '@gantry/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../../apps/api/src/app.module';
import { createApiApp } from '../../apps/api/src/bootstrap/create-api-app';
import { FakeChannelAdapter } from './fake-channel.adapter';

/**
 * A Gantry process (API and/or worker, as APP_ROLE says) with the fake channel registered through the real
 * CHANNEL_ADAPTERS token, booted as apps/api/src/main.ts boots the real one. Its stock lives on the fake channel
 * server named by FAKE_CHANNEL_URL, so it survives the process. Started by AppProcess with `entry:
 * FAKE_CHANNEL_APP_ENTRY` (TypeScript, compiled on load by ts-require-hook.cjs).
 */
async function bootstrap(config: AppConfig): Promise<void> {
  const root = AppModule.forRole({
    api: config.runsApi,
    worker: config.runsWorker,
    imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)],
  });
  if (config.runsApi) {
    const app = await createApiApp(root);
    await app.listen(config.PORT);
    app
      .get(Logger)
      .log(`Gantry ${config.APP_ROLE} listening on :${config.PORT} (fake channel at ${process.env.FAKE_CHANNEL_URL ?? 'memory'})`);
    return;
  }
  const context = await NestFactory.createApplicationContext(root, { bufferLogs: true });
  context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  context.get(Logger).log(`Gantry worker started (fake channel at ${process.env.FAKE_CHANNEL_URL ?? 'memory'})`);
}

let config: AppConfig;
try {
  config = loadAppConfig();
} catch (error) {
  process.stderr.write(`${error instanceof ConfigValidationError ? error.message : String(error)}\n`);
  process.exit(1);
}
bootstrap(config).catch((error: unknown) => {
  process.stderr.write(`Gantry failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
