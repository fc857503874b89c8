import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { boundariesConfig } from '../../eslint.boundaries.cjs';

/**
 * The architecture rules of eslint.boundaries.cjs (the block eslint.config.mjs uses), run on snippets at virtual paths.
 * Only that block plus a parser without type information: type-aware rules need real files in the TS project.
 */
const eslint = new ESLint({
  cwd: `${__dirname}/../..`,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, boundariesConfig],
});

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('architecture boundaries (boundaries/dependencies)', () => {
  it.each([
    [
      'a channel imports wms',
      'libs/channels/shopify/src/x.ts',
      "import { WmsModule } from '@gantry/wms';",
      /ports defined in @gantry\/core/,
    ],
    ['a channel imports another channel', 'libs/channels/joor-b2b/src/x.ts', "import { X } from '@gantry/shopify';", /joor-b2b → shopify/],
    [
      'a channel imports another channel by path',
      'libs/channels/joor-b2b/src/x.ts',
      "import { X } from '../../shopify/src/index';",
      /joor-b2b → shopify/,
    ],
    ['core imports wms', 'libs/core/src/x.ts', "import { WmsModule } from '@gantry/wms';", /no policy allowing/],
    ['core imports a channel', 'libs/core/src/x.ts', "import { ShopifyModule } from '@gantry/shopify';", /no policy allowing/],
    ['core imports an app', 'libs/core/src/x.ts', "import { AppModule } from '../../../apps/api/src/app.module';", /no policy allowing/],
    ['wms imports a channel', 'libs/wms/src/x.ts', "import { ShopifyModule } from '@gantry/shopify';", /no policy allowing/],
    ['core imports test-support', 'libs/core/src/x.ts', "import { startTestApp } from '@gantry/testing';", /no policy allowing/],
    [
      'a lib test imports apps/api',
      'libs/core/test/x.e2e-spec.ts',
      "import { AppModule } from '../../../apps/api/src/app.module';",
      /through @gantry\/testing/,
    ],
    [
      'a lib unit spec imports apps/api',
      'libs/wms/src/x.spec.ts',
      "import { AppModule } from '../../../apps/api/src/app.module';",
      /through @gantry\/testing/,
    ],
    [
      'a channel test imports apps/sandbox',
      'libs/channels/shopify/test/x.ts',
      "import { createSandboxServer } from '../../../../apps/sandbox/src/sandbox.server';",
      /through @gantry\/testing/,
    ],
    [
      'a channel test imports another channel',
      'libs/channels/joor-b2b/test/x.e2e-spec.ts',
      "import { X } from '@gantry/shopify';",
      /joor-b2b → shopify/,
    ],
    [
      'a core test imports wms (a higher lib)',
      'libs/core/test/x.e2e-spec.ts',
      "import { WmsModule } from '@gantry/wms';",
      /no policy allowing/,
    ],
    [
      'apps/api imports apps/sandbox',
      'apps/api/src/x.ts',
      "import { createSandboxServer } from '../../sandbox/src/sandbox.server';",
      /never imports apps\/sandbox/,
    ],
    ['apps/sandbox imports core', 'apps/sandbox/src/x.ts', "import { Role } from '@gantry/core';", /imports nothing of ours/],
    [
      'apps/sandbox imports test-support',
      'apps/sandbox/test/x.ts',
      "import { startTestApp } from '@gantry/testing';",
      /imports nothing of ours/,
    ],
    [
      'a type-only import counts too',
      'libs/channels/shopify/src/x.ts',
      "import type { StockLevel } from '@gantry/wms';",
      /ports defined in @gantry\/core/,
    ],
    ['a dynamic import counts too', 'libs/core/src/x.ts', "export const load = () => import('@gantry/wms');", /no policy allowing/],
    [
      'a re-export counts too',
      'libs/channels/shopify/src/x.ts',
      "export { WmsModule } from '@gantry/wms';",
      /ports defined in @gantry\/core/,
    ],
  ])('reports %s', async (_name, filePath, code, message) => {
    const errors = await boundaryErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['a channel imports core', 'libs/channels/shopify/src/x.ts', "import { Role } from '@gantry/core';"],
    [
      'a channel imports its own alias and files',
      'libs/channels/shopify/test/x.ts',
      "import { X } from '@gantry/shopify';\nimport { Y } from '../src/index';",
    ],
    ['wms imports core', 'libs/wms/src/x.ts', "import { Role } from '@gantry/core';"],
    ['core imports itself', 'libs/core/src/x.ts', "import { Role } from './index';"],
    [
      'a lib test imports test-support (both aliases)',
      'libs/core/test/x.e2e-spec.ts',
      "import { a } from '@gantry/testing';\nimport { b } from '@gantry/testing';",
    ],
    ['a channel test imports wms (a lower lib)', 'libs/channels/shopify/test/x.e2e-spec.ts', "import { WmsModule } from '@gantry/wms';"],
    ['a wms test imports core', 'libs/wms/test/x.e2e-spec.ts', "import { Role } from '@gantry/core';"],
    ['apps/api imports every lib', 'apps/api/src/x.ts', "import '@gantry/core';\nimport '@gantry/wms';\nimport '@gantry/shopify';"],
    ['an app test imports test-support', 'apps/api/test/x.e2e-spec.ts', "import { startTestApp } from '@gantry/testing';"],
    [
      'test-support imports apps/api and apps/sandbox',
      'test/support/x.ts',
      "import '../../apps/api/src/app.module';\nimport '../../apps/sandbox/src/sandbox.server';",
    ],
    [
      'the sandbox imports itself and packages',
      'apps/sandbox/test/x.ts',
      "import { createSandboxServer } from '../src/sandbox.server';\nimport express from 'express';",
    ],
  ])('allows %s', async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
