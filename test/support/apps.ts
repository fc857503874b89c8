/**
 * The apps, for tests inside libs: they import these from @gantry/testing, never from apps/* directly
 * (eslint.boundaries.cjs). test-support is the one place that may reach into the apps.
 */
export { AppModule } from '../../apps/api/src/app.module';
export { createApiApp } from '../../apps/api/src/bootstrap/create-api-app';
export { createSandboxServer, type SandboxServer, type SandboxServerOptions } from '../../apps/sandbox/src/sandbox.server';
