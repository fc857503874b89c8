import {
  buildOwnership,
  classifyPath,
  findViolations,
  formatViolation,
  normalizeName,
  ownershipMap,
} from '../../scripts/lib/table-ownership.cjs';

/** A migration file whose up() runs `up` and whose down() runs `down`. */
function migration(path: string, owner: string, up: string, down = ''): { path: string; owner: string; text: string } {
  const text = [
    "import type { MigrationInterface, QueryRunner } from 'typeorm';",
    'export class M implements MigrationInterface {',
    '  async up(q: QueryRunner): Promise<void> {',
    `    await q.query(\`${up}\`);`,
    '  }',
    '  async down(q: QueryRunner): Promise<void> {',
    `    await q.query(\`${down}\`);`,
    '  }',
    '}',
  ].join('\n');
  return { path, owner, text };
}

const CORE = migration(
  'libs/core/src/migrations/1000-core.ts',
  'core',
  'CREATE TABLE store (id uuid);\n    CREATE TABLE IF NOT EXISTS "outbox_event" (id bigint);',
);
const WMS = migration(
  'libs/wms/src/migrations/2000-wms.ts',
  'wms',
  'CREATE TABLE public.product (id uuid REFERENCES store (id));\nCREATE TABLE Warehouse (id uuid)',
  'DROP TABLE product; DROP TABLE warehouse',
);

describe('table ownership: migrations', () => {
  it('gives each created table to the owner of the migration', () => {
    const { tables, conflicts } = buildOwnership([WMS, CORE]);
    expect(ownershipMap(tables, ['core', 'wms', 'shopify'])).toEqual({
      core: ['outbox_event', 'store'],
      wms: ['product', 'warehouse'],
      shopify: [],
    });
    expect(tables.get('product')).toEqual({ owner: 'wms', file: WMS.path, line: 4 });
    expect(conflicts).toEqual([]);
  });

  it('follows renames in later migrations, whatever the order of the input, and ignores down()', () => {
    const rename = migration(
      'libs/wms/src/migrations/3000-rename.ts',
      'wms',
      'ALTER TABLE product RENAME COLUMN sku TO code;\nALTER TABLE IF EXISTS ONLY product RENAME TO article;\nALTER TABLE "warehouse" RENAME TO depot',
      'ALTER TABLE article RENAME TO product; ALTER TABLE depot RENAME TO warehouse',
    );
    const { tables } = buildOwnership([rename, WMS, CORE]);
    expect(ownershipMap(tables).wms).toEqual(['article', 'depot']);
    expect(tables.has('product')).toBe(false);
  });

  it('drops a table dropped in a later up(), and reports a table created while another owner holds it', () => {
    const shopify = migration(
      'libs/channels/shopify/src/migrations/4000-shopify.ts',
      'shopify',
      'DROP TABLE IF EXISTS outbox_event;\nCREATE TABLE store (id uuid);\nCREATE TABLE shopify_webhook_inbox (id bigint)',
    );
    const { tables, conflicts } = buildOwnership([CORE, shopify]);
    expect(ownershipMap(tables)).toEqual({ core: ['store'], shopify: ['shopify_webhook_inbox'] });
    expect(conflicts.map(formatViolation)).toEqual([`${shopify.path}:5: shopify creates store (owned by core)`]);
  });

  it('normalizes names as PostgreSQL does', () => {
    expect(normalizeName('public.Stock_Level')).toBe('stock_level');
    expect(normalizeName('"Mixed"')).toBe('Mixed');
    expect(normalizeName('public . "a.b"')).toBe('a.b');
  });
});

describe('table ownership: source files', () => {
  const { tables } = buildOwnership([CORE, WMS]);
  const check = (path: string, owner: string, text: string): string[] => findViolations({ path, owner, text }, tables).map(formatViolation);

  it('reports SQL in strings and templates naming another owner’s table, on the line it is on', () => {
    const text = [
      "const a = 'SELECT 1 FROM product p';",
      'const b = `',
      '  select * from store s',
      '  left join Warehouse w ON true`;',
      'const c = "insert into public.product (id) values ($1)";',
      'const d = `UPDATE "store" SET x = ${value} WHERE id IN (SELECT id FROM ${other})`;',
      "const e = 'TRUNCATE TABLE outbox_event; ALTER TABLE x ADD y uuid REFERENCES store (id)';",
    ].join('\n');
    expect(check('libs/channels/shopify/src/x.ts', 'shopify', text)).toEqual([
      'libs/channels/shopify/src/x.ts:1: shopify touches product (owned by wms)',
      'libs/channels/shopify/src/x.ts:3: shopify touches store (owned by core)',
      'libs/channels/shopify/src/x.ts:4: shopify touches warehouse (owned by wms)',
      'libs/channels/shopify/src/x.ts:5: shopify touches product (owned by wms)',
      'libs/channels/shopify/src/x.ts:6: shopify touches store (owned by core)',
      'libs/channels/shopify/src/x.ts:7: shopify touches outbox_event (owned by core)',
      'libs/channels/shopify/src/x.ts:7: shopify touches store (owned by core)',
    ]);
  });

  it('reports @Entity declaring another owner’s table, and lets an owner touch its own tables', () => {
    const text = [
      "@Entity('store')",
      'export class A {}',
      "@Entity({ name: 'product', schema: 'public' })",
      'export class B {}',
      "@Entity('warehouse')",
      'export class C {}',
    ].join('\n');
    expect(check('libs/wms/src/x.ts', 'wms', text)).toEqual(['libs/wms/src/x.ts:1: wms touches store (owned by core)']);
    expect(check('apps/api/src/x.ts', 'api', text)).toHaveLength(3);
  });

  it('looks at literals only: not at comments, code, substituted names or unowned tables', () => {
    const text = [
      '// SELECT * FROM store',
      '/* INSERT INTO product */',
      'const store = from(product);',
      'const a = `SELECT * FROM ${store} JOIN ${"product"} ON true`;',
      "const b = 'SELECT * FROM pg_tables JOIN typeorm_migrations ON true FOR UPDATE SKIP LOCKED';",
      "const c = 'the store_id FROM stores';",
    ].join('\n');
    expect(check('libs/channels/shopify/src/x.ts', 'shopify', text)).toEqual([]);
  });
});

describe('table ownership: which files count', () => {
  it.each([
    ['libs/core/src/migrations/1765-create.ts', { owner: 'core', kind: 'migration' }],
    ['libs/core/src/outbox/migrations/1765-create.ts', { owner: 'core', kind: 'migration' }],
    ['libs/wms/src/stock/stock-ledger.service.ts', { owner: 'wms', kind: 'source' }],
    ['libs/channels/shopify/src/migrations/1765-create.ts', { owner: 'shopify', kind: 'migration' }],
    ['libs/channels/joor-b2b/src/x.ts', { owner: 'joor-b2b', kind: 'source' }],
    ['apps/api/src/auth/migrations/1765-create.ts', { owner: 'api', kind: 'migration' }],
    ['apps/api/src/database/migrations.ts', { owner: 'api', kind: 'source' }],
    ['apps/api/src/metrics/x.spec.ts', null],
    ['libs/wms/src/x.e2e-spec.ts', null],
    ['libs/wms/test/x.ts', null],
    ['libs/core/src/migrations/old/1700-x.ts', null],
    ['apps/sandbox/src/x.ts', null],
    ['test/support/x.ts', null],
  ])('%s', (path, expected) => {
    expect(classifyPath(path)).toEqual(expected);
  });
});
