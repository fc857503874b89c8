import { makeProduct, makeWarehouse, startTestApp, uniq, type TestApp } from '@gantry/testing';
import type { Response } from 'supertest';

interface Level {
  sku: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  available: number;
}

/** GET /stock/levels: an array, paged by limit and an opaque keyset cursor, with X-Total-Count / X-Next-Cursor / Link. */
describe('stock levels', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Every level in the listing's order, straight from the table. */
  const expectedLevels = async (warehouseId?: string): Promise<Level[]> =>
    t.dataSource.query(
      `SELECT p.sku, s.warehouse_id AS "warehouseId", s.on_hand AS "onHand", s.reserved, s.on_hand - s.reserved AS available
         FROM stock_level s JOIN product p ON p.id = s.product_id
        WHERE $1::uuid IS NULL OR s.warehouse_id = $1
        ORDER BY s.warehouse_id, s.product_id`,
      [warehouseId ?? null],
    );

  /** Follows X-Next-Cursor from the first page to the last; returns every page's response. */
  const walk = async (query: string): Promise<Response[]> => {
    const pages: Response[] = [];
    let cursor: string | undefined;
    do {
      const res = await t
        .http()
        .get(`/api/v1/stock/levels?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .expect(200);
      pages.push(res);
      cursor = res.headers['x-next-cursor'];
      expect(pages.length).toBeLessThan(100);
    } while (cursor);
    return pages;
  };

  /** Two warehouses with `products` products each, every one received (a distinct quantity per level). */
  const stockUp = async (products: number): Promise<{ warehouses: string[] }> => {
    const a = await makeWarehouse(t);
    const b = await makeWarehouse(t);
    const skus: string[] = [];
    for (let i = 0; i < products; i++) {
      skus.push((await makeProduct(t)).sku);
    }
    await t
      .http()
      .post('/api/v1/stock/movements/batch')
      .send({
        movements: skus.flatMap((sku, i) => [
          { type: 'receipt', sku, warehouseId: a.id, quantity: i + 1 },
          { type: 'receipt', sku, warehouseId: b.id, quantity: 100 + i },
        ]),
      })
      .expect(201);
    return { warehouses: [a.id, b.id] };
  };

  it('pages through more levels than the limit: every level once, in order, with the paging headers', async () => {
    await stockUp(5);
    const expected = await expectedLevels();
    expect(expected.length).toBeGreaterThanOrEqual(10);

    const pages = await walk('limit=3');
    expect(pages).toHaveLength(Math.ceil(expected.length / 3));
    pages.forEach((res, i) => {
      const last = i === pages.length - 1;
      expect(Array.isArray(res.body)).toBe(true);
      expect(res.body).toHaveLength(last ? expected.length - 3 * i : 3);
      expect(res.headers['x-total-count']).toBe(String(expected.length));
      if (last) {
        expect(res.headers['x-next-cursor']).toBeUndefined();
        expect(res.headers.link).toBeUndefined();
      } else {
        const cursor = res.headers['x-next-cursor'];
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(res.headers.link).toBe(`</api/v1/stock/levels?limit=3&cursor=${cursor}>; rel="next"`);
      }
    });
    const all = pages.flatMap((res) => res.body as Level[]);
    expect(all).toEqual(expected);
    expect(new Set(all.map((l) => `${l.warehouseId}/${l.sku}`)).size).toBe(all.length);
  });

  it('follows the Link header to the same next page, and keeps the filter across pages', async () => {
    const { warehouses } = await stockUp(5);
    const [a] = warehouses as [string];
    const first = await t.http().get(`/api/v1/stock/levels?warehouseId=${a}&limit=2`).expect(200);
    const link = /^<([^>]+)>; rel="next"$/.exec(first.headers.link)?.[1] as string;
    expect(link).toContain(`warehouseId=${a}`);
    const viaLink = await t.http().get(link).expect(200);
    const viaCursor = await t
      .http()
      .get(`/api/v1/stock/levels?warehouseId=${a}&limit=2&cursor=${first.headers['x-next-cursor']}`)
      .expect(200);
    expect(viaLink.body).toEqual(viaCursor.body);

    const pages = await walk(`warehouseId=${a}&limit=2`);
    expect(pages.map((p) => (p.body as Level[]).length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.headers['x-total-count'])).toEqual(['5', '5', '5']);
    const all = pages.flatMap((p) => p.body as Level[]);
    expect(all).toEqual(await expectedLevels(a));
    expect(all.map((l) => l.onHand).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
  });

  it('answers 500 levels by default and no longer cuts the list short: the rest is on the next page', async () => {
    const wh = await makeWarehouse(t);
    const prefix = uniq('BULK');
    await t.dataSource.query(
      `INSERT INTO product (sku, name) SELECT $1 || '-' || lpad(i::text, 4, '0'), 'bulk ' || i FROM generate_series(1, 501) AS i`,
      [prefix],
    );
    await t
      .http()
      .post('/api/v1/stock/movements/batch')
      .send({
        movements: Array.from({ length: 501 }, (_, i) => ({
          type: 'receipt',
          sku: `${prefix}-${String(i + 1).padStart(4, '0')}`,
          warehouseId: wh.id,
          quantity: 1,
        })),
      })
      .expect(201);

    const first = await t.http().get(`/api/v1/stock/levels?warehouseId=${wh.id}`).expect(200);
    expect(first.body).toHaveLength(500);
    expect(first.headers['x-total-count']).toBe('501');
    const second = await t.http().get(`/api/v1/stock/levels?warehouseId=${wh.id}&cursor=${first.headers['x-next-cursor']}`).expect(200);
    expect(second.body).toHaveLength(1);
    expect(second.headers['x-next-cursor']).toBeUndefined();

    const max = await t.http().get(`/api/v1/stock/levels?warehouseId=${wh.id}&limit=5000`).expect(200);
    expect(max.body).toHaveLength(501);
    expect(max.headers['x-next-cursor']).toBeUndefined();
  });

  it('answers an empty array with X-Total-Count 0 when nothing matches', async () => {
    const res = await t
      .http()
      .get(`/api/v1/stock/levels?sku=${uniq('NONE')}`)
      .expect(200);
    expect(res.body).toEqual([]);
    expect(res.headers['x-total-count']).toBe('0');
    expect(res.headers['x-next-cursor']).toBeUndefined();
  });

  it.each(['0', '5001', '-1', '1.5', 'ten', ''])('refuses limit=%s with 400 naming limit', async (limit) => {
    const res = await t.http().get(`/api/v1/stock/levels?limit=${limit}`).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(new Set((res.body.errors as { field: string }[]).map((e) => e.field))).toEqual(new Set(['limit']));
  });

  it.each([
    ['not base64url', 'not a cursor!'],
    ['base64url of something else', Buffer.from('hello world').toString('base64url')],
    ['a cursor whose ids are not uuids', Buffer.from('v1:abc:def').toString('base64url')],
    [
      'an unknown cursor version',
      Buffer.from(`v9:${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}:${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`).toString(
        'base64url',
      ),
    ],
    ['a repeated cursor', ['a', 'b']],
  ])('refuses %s as cursor with 400 naming cursor', async (_label, cursor) => {
    const query = (Array.isArray(cursor) ? cursor : [cursor]).map((c) => `cursor=${encodeURIComponent(c)}`).join('&');
    const res = await t.http().get(`/api/v1/stock/levels?${query}`).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([{ field: 'cursor', message: expect.stringContaining('X-Next-Cursor') }]);
  });

  it('documents the array, its query parameters and the paging headers in OpenAPI', async () => {
    const doc = (await t.http(null).get('/docs/json').expect(200)).body;
    const get = doc.paths['/api/v1/stock/levels'].get;
    const params = Object.fromEntries((get.parameters as { name: string; in: string; schema: object }[]).map((p) => [p.name, p]));
    expect(Object.keys(params).sort()).toEqual(['cursor', 'limit', 'sku', 'warehouseId']);
    expect(params.limit).toMatchObject({ in: 'query', schema: { type: 'integer', minimum: 1, maximum: 5000, default: 500 } });
    expect(params.cursor).toMatchObject({ in: 'query', schema: { type: 'string' } });
    const ok = get.responses['200'];
    expect(ok.content['application/json'].schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/StockLevelView' } });
    expect(Object.keys(ok.headers).sort()).toEqual(['Link', 'X-Next-Cursor', 'X-Total-Count']);
    expect(get.responses['400']).toBeDefined();
    expect(Object.keys(doc.components.schemas.StockLevelView.properties).sort()).toEqual(
      ['available', 'onHand', 'reserved', 'sku', 'warehouseId'].sort(),
    );

    // The movement routes answer {levels} (and {recorded, levels}) with 201, and say so.
    const created = doc.paths['/api/v1/stock/movements'].post.responses['201'];
    expect(created.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/StockMovementResultView' });
    expect(doc.components.schemas.StockMovementResultView.properties.levels).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/StockLevelView' },
    });
    const batch = doc.paths['/api/v1/stock/movements/batch'].post.responses['201'];
    expect(batch.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/StockMovementBatchResultView' });
  });

  it('answers {levels} for a movement, as the OpenAPI document says', async () => {
    const wh = await makeWarehouse(t);
    const p = await makeProduct(t);
    const res = await t
      .http()
      .post('/api/v1/stock/movements')
      .send({ type: 'receipt', sku: p.sku, warehouseId: wh.id, quantity: 4 })
      .expect(201);
    expect(res.body).toEqual({ levels: [{ sku: p.sku, warehouseId: wh.id, onHand: 4, reserved: 0, available: 4 }] });
  });
});
