// Architecture boundaries, shared by eslint.config.mjs and test/lint/boundaries.spec.ts (CommonJS so jest can load it).
// eslint-plugin-boundaries, not dependency-cruiser: it runs inside this flat config (one `npm run lint`, errors in editors).
const path = require('node:path');
const boundaries = require('eslint-plugin-boundaries');

const LIBS = ['core', 'wms', 'channel'];
const ALL = ['core', 'wms', 'channel', 'app', 'admin', 'sandbox', 'test-support', 'bench'];

/** A policy's selector for files of an element type; `test: true` narrows it to that element's test files. */
const from = (type, test) => ({ element: { type }, ...(test ? { file: { categories: 'test' } } : {}) });
const to = (type) => ({ to: { element: { type } } });

/** Later policies override earlier ones; an import no policy allows is an error (`default: 'disallow'`). */
const policies = [
  // core ← wms ← channels ← apps. Imports inside one element (a lib's own files, its own alias) are not checked.
  { from: from('wms'), allow: [to('core')] },
  { from: from('channel'), allow: [to('core')] },
  {
    from: from('channel'),
    disallow: [to('wms')],
    message: 'A channel reaches the warehouse only through ports defined in @gantry/core, never @gantry/wms.',
  },
  {
    from: from('channel'),
    disallow: [{ to: { element: { type: 'channel', captured: { key: '!{{ from.element.captured.key }}' } } } }],
    message: 'A channel never imports another channel ({{ from.element.captured.key }} → {{ to.element.captured.key }}).',
  },
  { from: from('app'), allow: [to(ALL.filter((type) => type !== 'sandbox' && type !== 'admin'))] },
  // apps/admin runs in the browser and speaks to the API over HTTP only: it imports nothing of ours.
  {
    from: from('admin'),
    disallow: [to(ALL.filter((type) => type !== 'admin'))],
    message: 'apps/admin talks to the API over HTTP; it imports nothing of ours.',
  },
  {
    from: from('app'),
    disallow: [to('sandbox')],
    message: 'An app never imports apps/sandbox (it stands in for Shopify; tests reach it through @gantry/testing).',
  },
  // apps/sandbox is a stand-in for Shopify: nothing of ours but itself.
  { from: from('sandbox'), disallow: [to(ALL.filter((type) => type !== 'sandbox'))], message: 'apps/sandbox imports nothing of ours.' },
  { from: from('test-support'), allow: [to(ALL)] },
  // Whole-product tests (the admin in a browser against the API and the sandbox) reach everything, as test-support does.
  { from: from('product-test'), allow: [to(ALL)] },
  { from: from('bench'), allow: [to(ALL)] },
  // Tests inside a lib: their own lib, lower libs and test-support; the apps only through test-support.
  { from: from(LIBS, true), allow: [to('test-support')] },
  { from: from('channel', true), allow: [to('wms')] },
  {
    from: from(LIBS, true),
    disallow: [to(['app', 'sandbox'])],
    message: 'A lib test reaches apps/* only through @gantry/testing.',
  },
];

/** @type {import('eslint').Linter.Config} */
const boundariesConfig = {
  files: ['**/*.ts', '**/*.tsx'],
  plugins: { boundaries },
  settings: {
    'boundaries/root-path': __dirname,
    'boundaries/legacy-templates': false,
    'boundaries/elements': [
      { type: 'core', pattern: 'libs/core', partialMatch: false },
      { type: 'wms', pattern: 'libs/wms', partialMatch: false },
      { type: 'channel', pattern: 'libs/channels/*', capture: ['key'], partialMatch: false },
      { type: 'sandbox', pattern: 'apps/sandbox', partialMatch: false },
      { type: 'app', pattern: 'apps/api', partialMatch: false },
      { type: 'admin', pattern: 'apps/admin', partialMatch: false },
      { type: 'test-support', pattern: 'test/support', partialMatch: false },
      { type: 'product-test', pattern: 'test/browser', partialMatch: false },
      { type: 'bench', pattern: 'bench', partialMatch: false },
    ],
    'boundaries/files': [
      { category: 'test', pattern: ['libs/**/test/**', '**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'] },
    ],
    // Resolves the @gantry/* aliases through tsconfig.json paths, so `@gantry/wms` is the wms element.
    'import/resolver': { typescript: { project: path.join(__dirname, 'tsconfig.json'), alwaysTryTypes: true } },
  },
  rules: {
    'boundaries/dependencies': ['error', { default: 'disallow', policies }],
  },
};

module.exports = { boundariesConfig };
