/**
 * Two projects: unit (`*.spec.ts`, pure logic) and integration (`*.integration-spec.ts` and `*.e2e-spec.ts`: real
 * PostgreSQL/Redis, HTTP against the booted app; one template database cloned per worker by the global setup).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@gantry/core$': '<rootDir>/libs/core/src/index.ts',
  '^@gantry/wms$': '<rootDir>/libs/wms/src/index.ts',
  '^@gantry/shopify$': '<rootDir>/libs/channels/shopify/src/index.ts',
  '^@gantry/joor-b2b$': '<rootDir>/libs/channels/joor-b2b/src/index.ts',
  '^@gantry/testing$': '<rootDir>/test/support/index.ts',
};
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  testTimeout: 30000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.{integration,e2e}-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFiles: ['<rootDir>/test/support/worker-env.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/reset-rate-limits.ts'],
    },
  ],
};
