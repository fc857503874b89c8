// Lets a spawned node process run this repository's TypeScript as jest does (`node --require <this> entry.ts`):
// @swc/core compiles each .ts file when it is required, with the swc options of jest.config.js (CommonJS, legacy
// decorators with metadata), and the @gantry/* aliases resolve to the libs' sources (alias-resolver.ts). AppProcess
// uses it for entry points under test/support, which are not part of dist/.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const ROOT = join(__dirname, '..', '..');
const [, swcOptions] = require(join(ROOT, 'jest.config.js')).projects[0].transform['^.+\\.ts$'];

process.setSourceMapsEnabled(true);
require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcOptions, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
require('./alias-resolver.ts').registerLibAliases();
