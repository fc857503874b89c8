import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxHarness } from './sandbox-test.harness';

const START = Date.parse('2026-03-01T10:00:00.000Z');
// Research §1.4: "YYYY-MM-DDThh:mm:ss.sTZD", written in UTC.
const JOOR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z$/;

describe('JOOR v2 stand-in', () => {
  let h: SandboxHarness;
  let clock = START;
  let dice = 0;

  const account = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await h.control('POST', '/__sandbox/joor/accounts', { account: name, apiToken: `token-${name}`, ...extra });
    expect(res.status).toBe(201);
    return `token-${name}`;
  };
  const seed = async (acct: string, orderId: string, status: string, extra: Record<string, unknown> = {}) => {
    const res = await h.control('POST', '/__sandbox/joor/orders', {
      account: acct,
      order: {
        order_id: orderId,
        status,
        customer_code: 'C1',
        line_items: [{ item_upc: '44112233445566', item_quantity: 2, item_price: '10.50' }],
        ...extra,
      },
    });
    expect(res).toMatchObject({ status: 201 });
    return res.body;
  };
  const ids = (body: { orders: { order_id: string }[] }) => body.orders.map((o) => o.order_id);
  const state = async (orderId: string) => (await h.control('GET', `/__sandbox/joor/orders/${orderId}`)).body;
  const control = (path: string, body: unknown = {}) => h.control('POST', `/__sandbox/joor${path}`, body);

  beforeAll(async () => {
    h = await SandboxHarness.start({ now: () => clock, random: () => dice });
  });
  afterAll(() => h.stop());

  describe('auth and content type', () => {
    let token: string;
    beforeAll(async () => {
      token = await account('acct-auth');
    });

    it('answers 401 JSON without a valid OAuth2 token, and names the account on every authenticated answer', async () => {
      for (const authorization of [
        null,
        'Bearer token-acct-auth',
        'OAuth2 token-acct-auth',
        `OAuth2 ${Buffer.from('nope').toString('base64')}`,
      ]) {
        const res = await h.joor(null, '/orders', authorization === null ? {} : { authorization });
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ error: 'unauthorized' });
        expect(res.headers.get('x-throttling-account-id')).toBeNull();
      }
      const ok = await h.joor(token, '/orders?sync=0');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/application\/json/);
      expect(ok.headers.get('x-throttling-account-id')).toBe('acct-auth');
      expect(ok.body).toEqual({ total: 0, count: 0, start_from: 0, next_start_from: null, orders: [] });
    });

    it('answers JSON only: Accept application/xml is 406', async () => {
      const xml = await h.joor(token, '/orders?sync=0', { accept: 'application/xml' });
      expect(xml.status).toBe(406);
      expect(xml.body).toMatchObject({ error: 'not_acceptable' });
      expect(xml.headers.get('x-throttling-account-id')).toBe('acct-auth');
      expect((await h.joor(token, '/orders?sync=0', { accept: 'application/xml, application/json' })).status).toBe(200);
    });
  });

  describe('control surface', () => {
    it('creates accounts once: the same token again is fine, another token is refused', async () => {
      const first = await control('/accounts', { account: 'acct-ctl', apiToken: 'tok-ctl' });
      expect(first).toEqual({ status: 201, body: { account: 'acct-ctl', rateLimit: { credits: 300, windowSeconds: 300 } } });
      expect((await control('/accounts', { account: 'acct-ctl', apiToken: 'tok-ctl' })).status).toBe(200);
      expect((await control('/accounts', { account: 'acct-ctl', apiToken: 'other' })).status).toBe(409);
      expect((await control('/accounts', { account: 'acct-ctl-2', apiToken: 'tok-ctl' })).status).toBe(409);
      expect(await control('/accounts', { account: 'x' })).toMatchObject({ status: 400, body: { field: 'apiToken' } });
      expect(await control('/accounts', { account: 'x', apiToken: 'y', rateLimit: { credits: 0, windowSeconds: 1 } })).toMatchObject({
        status: 400,
        body: { field: 'rateLimit' },
      });
    });

    it('seeds orders in JOOR v2 shape with defaults, numbers as strings and checked line items', async () => {
      const created = await control('/orders', {
        account: 'acct-ctl',
        order: {
          order_id: 9012345,
          status: 'APPROVED',
          customer_purchase_order: 'PO-7781',
          order_shipping_total: 5,
          line_items: [
            { item_name: 'Wool Coat', item_upc: '111', item_quantity: 6, item_price: 210 },
            { item_upc: '222', item_quantity: '1', item_price: '9.99', item_price_adjustment: '-1' },
          ],
          custom_field: { nested: 1 },
        },
      });
      expect(created.status).toBe(201);
      const { order } = created.body;
      expect(created.body).toMatchObject({
        account: 'acct-ctl',
        status: 'APPROVED',
        exportState: 'NOT_ATTEMPTED',
        generation: 0,
        timesMarked: 0,
      });
      expect(order).toMatchObject({
        order_id: '9012345',
        order_type: '4',
        customer_purchase_order: 'PO-7781',
        order_currency: 'USD',
        customer_name: '',
        billing_address_1: '',
        date_created: new Date(clock).toISOString(),
        date_modified: new Date(clock).toISOString(),
        date_approved: new Date(clock).toISOString(),
        order_shipping_total: '5',
        order_total: '1273.99',
        order_doors: [],
        custom_field: { nested: '1' },
        export_status: '0',
        export_description: '',
        exported_on: null,
      });
      expect(order.date_created).toMatch(JOOR_TIMESTAMP);
      expect(order.line_items[0]).toMatchObject({
        item_name: 'Wool Coat',
        item_quantity: '6',
        item_price: '210',
        item_unit_price: '210',
        item_price_adjustment: '0',
        item_multiplier: '1',
        item_price_extended: '1260.00',
        item_color: '',
        style_tags: [],
      });
      expect(order.line_items[1].item_price_extended).toBe('8.99');

      expect((await control('/orders', { account: 'acct-ctl', order: { order_id: '9012345' } })).status).toBe(409);
      expect((await control('/orders', { account: 'nobody', order: { order_id: '1' } })).status).toBe(404);
      const bad = async (order: Record<string, unknown>) => (await control('/orders', { account: 'acct-ctl', order })).body.field;
      expect(await bad({ status: 'PENDING' })).toBe('order.order_id');
      expect(await bad({ order_id: 'A-1' })).toBe('order.order_id');
      expect(await bad({ order_id: '2', status: 'DRAFT' })).toBe('order.status');
      expect(await bad({ order_id: '2', date_created: 'yesterday' })).toBe('order.date_created');
      expect(await bad({ order_id: '2', line_items: [{ item_quantity: 0, item_price: '1' }] })).toBe('order.line_items[0].item_quantity');
      expect(await bad({ order_id: '2', line_items: [{ item_quantity: 1.5, item_price: '1' }] })).toBe('order.line_items[0].item_quantity');
      expect(await bad({ order_id: '2', line_items: [{ item_quantity: 1 }] })).toBe('order.line_items[0].item_price');
      expect(await bad({ order_id: '2', line_items: [{ item_quantity: 1, item_price: '1,50' }] })).toBe('order.line_items[0].item_price');
      expect(await bad({ order_id: '2', line_items: {} })).toBe('order.line_items');
      // A fixture in JOOR's response shape (research §7.6) reads its status from order_type.
      const fixture = await control('/orders', { account: 'acct-ctl', order: { order_id: '3', order_type: '5' } });
      expect(fixture.body).toMatchObject({ status: 'SHIPPED', order: { order_type: '5' } });
      const pending = await control('/orders', { account: 'acct-ctl', order: { order_id: '4' } });
      expect(pending.body).toMatchObject({ status: 'PENDING', order: { order_type: '3', date_approved: '', order_total: '0.00' } });
    });

    it('changes status as JOOR does: date_modified moves, approval is dated, never back to IN_PROGRESS', async () => {
      await seed('acct-ctl', '5', 'PENDING');
      clock += 60_000;
      const approved = await control('/orders/5/status', { status: 'APPROVED' });
      expect(approved.status).toBe(200);
      expect(approved.body.order).toMatchObject({
        order_type: '4',
        date_modified: new Date(clock).toISOString(),
        date_approved: new Date(clock).toISOString(),
      });
      expect((await control('/orders/5/status', { status: 'IN_PROGRESS' })).status).toBe(409);
      expect(await control('/orders/5/status', { status: 'LOST' })).toMatchObject({ status: 400, body: { field: 'status' } });
      expect((await control('/orders/999999/status', { status: 'APPROVED' })).status).toBe(404);
      expect((await control('/orders/5/status', { status: 'SHIPPED' })).body.order.order_type).toBe('5');
    });

    it('modifies fields and line items, refusing what is derived', async () => {
      await seed('acct-ctl', '6', 'APPROVED');
      clock += 1000;
      const modified = await control('/orders/6/modify', {
        fields: { customer_buyer_name: 'Anna Berg', order_discount: 1 },
        line_items: [{ item_upc: '333', item_quantity: 3, item_price: '2.00' }],
      });
      expect(modified.status).toBe(200);
      expect(modified.body.order).toMatchObject({
        customer_buyer_name: 'Anna Berg',
        order_discount: '1',
        order_total: '5.00',
        date_modified: new Date(clock).toISOString(),
      });
      expect(modified.body.order.line_items).toHaveLength(1);
      expect((await control('/orders/6/modify', { fields: { order_id: '7' } })).body.field).toBe('fields.order_id');
      expect((await control('/orders/6/modify', { fields: { export_status: '1' } })).body.field).toBe('fields.export_status');
      expect((await control('/orders/6/modify', { line_items: [{ item_quantity: -1, item_price: '1' }] })).body.field).toBe(
        'line_items[0].item_quantity',
      );
      expect((await control('/orders/6/fail-validation', {})).body.field).toBe('description');
      expect((await control('/orders/6/fail-validation', { description: 'x', kind: 'other' })).body.field).toBe('kind');
    });
  });

  describe('GET /v2/orders parameters', () => {
    let token: string;
    beforeAll(async () => {
      token = await account('acct-params');
      await seed('acct-params', '101', 'NOTES');
      await seed('acct-params', '102', 'PENDING');
      await seed('acct-params', '103', 'APPROVED', { date_modified: '2026-01-10T00:00:00Z' });
      await seed('acct-params', '104', 'SHIPPED', { date_modified: '2026-01-20T12:00:00.5+01:00' });
      await seed('acct-params', '105', 'CANCELLED');
      await seed('acct-params', '106', 'IN_PROGRESS');
      await seed('acct-params', '107', 'APPROVED', {
        customer_code: 'C2',
        customer_group_name: 'Nordics',
        date_modified: '2026-02-01T00:00:00Z',
      });
    });
    const list = (query: string) => h.joor(token, `/orders?sync=0&${query}`);

    it('defaults to order_type 2 (approved and shipped), every export state with sync=0, 50 a page from 0', async () => {
      const res = await list('');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 3, count: 3, start_from: 0, next_start_from: null });
      expect(ids(res.body)).toEqual(['103', '104', '107']);
      expect(res.body.orders[1]).toMatchObject({ order_type: '5', date_modified: '2026-01-20T11:00:00.500Z' });
    });

    it('maps every order_type filter onto statuses, and answers the response order_type enum', async () => {
      const expected: Record<number, string[]> = {
        1: ['101'],
        2: ['103', '104', '107'],
        3: ['102'],
        4: ['101', '102', '103', '104', '106', '107'],
        5: ['105'],
        6: ['103', '107'],
        7: ['104'],
        8: ['101', '102', '103', '104', '105', '106', '107'],
      };
      for (const [type, want] of Object.entries(expected)) {
        expect(ids((await list(`order_type=${type}`)).body)).toEqual(want);
      }
      const all = (await list('order_type=8')).body.orders.map((o: { order_type: string }) => o.order_type);
      expect(all).toEqual(['6', '3', '4', '5', '0', '1', '4']);
    });

    it('filters by customer, customer group, one order id and a date_modified range', async () => {
      expect(ids((await list('customer_code=C2')).body)).toEqual(['107']);
      expect(ids((await list('customer_group_name=Nordics&order_type=8')).body)).toEqual(['107']);
      expect(ids((await list('order_id=104')).body)).toEqual(['104']);
      expect(ids((await list('order_id=102')).body)).toEqual([]);
      expect(ids((await list('date_start=2026-01-15T00:00:00.0Z&date_end=2026-01-31T23:59:59.9Z')).body)).toEqual(['104']);
      // An unencoded "+01:00" arrives as a space.
      expect(ids((await list('date_start=2026-01-20T12:00:00.5+01:00&date_end=2026-01-20T12:00:00.5+01:00')).body)).toEqual(['104']);
      expect(ids((await list(`date_start=${encodeURIComponent('2026-01-10T01:00:00+01:00')}&date_end=2026-01-10T00:00:00Z`)).body)).toEqual(
        ['103'],
      );
    });

    it('pages with start_from and count and says where the next page starts', async () => {
      const first = await list('order_type=8&count=3');
      expect(first.body).toMatchObject({ total: 7, count: 3, start_from: 0, next_start_from: 3 });
      expect(ids(first.body)).toEqual(['101', '102', '103']);
      const last = await list('order_type=8&count=3&start_from=6');
      expect(last.body).toMatchObject({ total: 7, count: 1, start_from: 6, next_start_from: null });
      expect((await list('order_type=8&start_from=50')).body).toMatchObject({ total: 7, count: 0, next_start_from: null, orders: [] });
      expect((await list('order_type=8&count=500')).body.count).toBe(7);
    });

    it('pages 50 orders by default', async () => {
      const t = await account('acct-many');
      for (let i = 0; i < 55; i += 1) {
        await seed('acct-many', String(20_000 + i), 'APPROVED');
      }
      const first = await h.joor(t, '/orders?sync=0');
      expect(first.body).toMatchObject({ total: 55, count: 50, start_from: 0, next_start_from: 50 });
      expect(first.body.orders[49].order_id).toBe('20049');
      const rest = await h.joor(t, `/orders?sync=0&start_from=${String(first.body.next_start_from)}`);
      expect(rest.body).toMatchObject({ total: 55, count: 5, start_from: 50, next_start_from: null });
    });

    it('sorts by the numeric order id', async () => {
      const t = await account('acct-sort');
      for (const id of ['1000', '999', '10001', '0998']) {
        await seed('acct-sort', id, 'APPROVED');
      }
      expect(ids((await h.joor(t, '/orders?sync=0')).body)).toEqual(['998', '999', '1000', '10001']);
    });

    it('answers 400 JSON naming the parameter for every invalid value', async () => {
      const cases: [string, string][] = [
        ['order_type=0', 'order_type'],
        ['order_type=9', 'order_type'],
        ['order_type=abc', 'order_type'],
        ['export_status=0', 'export_status'],
        ['export_status=8', 'export_status'],
        ['sync=2', 'sync'],
        ['check=4', 'check'],
        ['count=0', 'count'],
        ['count=501', 'count'],
        ['count=1.5', 'count'],
        ['start_from=-1', 'start_from'],
        ['date_start=2026-01-01T00:00:00Z', 'date_end'],
        ['date_end=2026-01-01T00:00:00Z', 'date_start'],
        ['date_start=yesterday&date_end=2026-01-01T00:00:00Z', 'date_start'],
        ['date_start=2026-02-01T00:00:00Z&date_end=2026-01-01T00:00:00Z', 'date_start'],
        ['order_id=A1', 'order_id'],
        [`customer_code=${'x'.repeat(51)}`, 'customer_code'],
        ['count=1&count=2', 'count'],
      ];
      for (const [query, parameter] of cases) {
        const res = await list(query);
        expect({ query, status: res.status, parameter: res.body.parameter }).toEqual({ query, status: 400, parameter });
        expect(res.body.error).toBe('invalid_parameter');
        expect(res.body.message).toContain(parameter);
      }
    });

    it('answers the alias paths, and one order without marking it', async () => {
      expect(ids((await h.joor(token, '/order?sync=0')).body)).toEqual(['103', '104', '107']);
      expect(ids((await h.joor(token, '/order/?sync=0&order_type=6')).body)).toEqual(['103', '107']);
      for (const path of ['/order/103', '/orders/103']) {
        const one = await h.joor(token, path);
        expect(one.status).toBe(200);
        expect(one.body).toMatchObject({ order_id: '103', order_type: '4', export_status: '0', exported_on: null });
        expect(one.body.line_items[0]).toMatchObject({ item_quantity: '2', item_price: '10.50', item_price_extended: '21.00' });
      }
      expect(await state('103')).toMatchObject({ exportState: 'NOT_ATTEMPTED', timesMarked: 0 });
      const unknown = await h.joor(token, '/order/424242');
      expect(unknown).toMatchObject({ status: 404, body: { error: 'not_found' } });
      // Another account's order is unknown to this one.
      expect((await h.joor(token, '/order/9012345')).status).toBe(404);
      expect((await h.joor(token, '/orders/bulk_update')).status).toBe(404);
    });
  });

  describe('export marking (sync=1)', () => {
    let token: string;
    beforeAll(async () => {
      token = await account('acct-sync');
      await seed('acct-sync', '201', 'APPROVED');
      await seed('acct-sync', '202', 'APPROVED');
      await seed('acct-sync', '203', 'PENDING');
    });

    it('marks what it returns (sync=1 by default), and a second sync returns nothing', async () => {
      clock += 1000;
      const first = await h.joor(token, '/orders');
      expect(ids(first.body)).toEqual(['201', '202']);
      expect(first.body.orders[0]).toMatchObject({
        export_status: '1',
        export_description: '',
        exported_on: new Date(clock).toISOString(),
      });
      expect(await state('201')).toMatchObject({ exportState: 'SUCCESS', exportedOn: new Date(clock).toISOString(), timesMarked: 1 });
      const second = await h.joor(token, '/orders');
      expect(second.body).toEqual({ total: 0, count: 0, start_from: 0, next_start_from: null, orders: [] });
      expect(ids((await h.joor(token, '/orders?sync=0&export_status=3')).body)).toEqual(['201', '202']);
      expect(ids((await h.joor(token, '/orders?sync=0&export_status=2')).body)).toEqual([]);
    });

    it('finds a modification after export with export_status 4 and 5, but does not export it again', async () => {
      clock += 1000;
      const modified = await control('/orders/201/modify', { fields: { order_comments: 'ship complete' } });
      expect(modified.body).toMatchObject({ exportState: 'SUCCESS', order: { export_status: '1' } });
      expect(modified.body.order.date_modified > modified.body.exportedOn).toBe(true);
      expect(ids((await h.joor(token, '/orders')).body)).toEqual([]);
      expect(ids((await h.joor(token, '/orders?sync=0&export_status=4')).body)).toEqual(['201']);
      await control('/orders/203/status', { status: 'APPROVED' });
      expect(ids((await h.joor(token, '/orders?sync=0&export_status=5')).body)).toEqual(['201', '203']);
      expect(ids((await h.joor(token, '/orders?sync=0&export_status=2')).body)).toEqual(['203']);
      expect(ids((await h.joor(token, '/orders?sync=0&export_status=3')).body)).toEqual(['201', '202']);
      expect(ids((await h.joor(token, '/orders?sync=0&export_status=7')).body)).toEqual(['201', '203']);
    });

    it('hands a re-exported order out once more, as a new generation', async () => {
      clock += 1000;
      const reexported = await control('/orders/202/reexport');
      expect(reexported.body).toMatchObject({
        exportState: 'NOT_ATTEMPTED',
        exportedOn: null,
        generation: 1,
        order: { export_status: '0' },
      });
      expect(reexported.body.order.date_modified).toBe(new Date(clock).toISOString());
      expect(ids((await h.joor(token, '/orders')).body)).toEqual(['202', '203']);
      expect(ids((await h.joor(token, '/orders')).body)).toEqual([]);
      expect(await state('202')).toMatchObject({ exportState: 'SUCCESS', generation: 1, timesMarked: 2 });
      // Marking at the same instant as the re-export does not count as "modified since".
      expect(ids((await h.joor(token, '/orders?sync=0&export_status=4')).body)).toEqual(['201']);
    });

    it('marks one order with sync=1&order_id=X, as integrators do after a peek', async () => {
      await seed('acct-sync', '204', 'APPROVED');
      await seed('acct-sync', '205', 'APPROVED');
      expect(ids((await h.joor(token, '/order/?sync=0&export_status=2&order_type=6')).body)).toEqual(['204', '205']);
      expect(ids((await h.joor(token, '/order/?sync=1&count=1&order_id=205&order_type=6')).body)).toEqual(['205']);
      expect(await state('204')).toMatchObject({ exportState: 'NOT_ATTEMPTED', timesMarked: 0 });
      expect(await state('205')).toMatchObject({ exportState: 'SUCCESS', timesMarked: 1 });
      expect(ids((await h.joor(token, '/order/?sync=1&count=1&order_id=205&order_type=6')).body)).toEqual([]);
    });

    it('fails and leaves out an order that fails validation when a sync checks it', async () => {
      await control('/orders/204/fail-validation', { description: 'Missing required field: payment_method_code' });
      const sync = await h.joor(token, '/orders');
      expect(sync.body).toMatchObject({ total: 0, orders: [] });
      expect(await state('204')).toMatchObject({
        exportState: 'FAILED',
        exportDescription: 'Missing required field: payment_method_code',
        timesMarked: 0,
        order: { export_status: '2', export_description: 'Missing required field: payment_method_code', exported_on: null },
      });
      // Failed still counts as not yet exported (2) but not as not attempted (6); a peek (sync=0) shows it.
      expect(ids((await h.joor(token, '/orders?sync=0&export_status=2')).body)).toEqual(['204']);
      expect(ids((await h.joor(token, '/orders?sync=0&export_status=6')).body)).toEqual([]);
      expect(ids((await h.joor(token, '/orders?sync=0&check=3&export_status=2')).body)).toEqual(['204']);
      // Deleted styles are only reported from check=2; missing fields only from check 1 and 3.
      await control('/orders/204/fail-validation', { description: 'Style 700478 deleted', kind: 'deleted_styles' });
      expect(ids((await h.joor(token, '/orders?check=2')).body)).toEqual([]);
      expect((await state('204')).exportDescription).toBe('Style 700478 deleted');
      // check=0 raises nothing: the order is exported despite the failure.
      expect(ids((await h.joor(token, '/orders?check=0')).body)).toEqual(['204']);
      expect(await state('204')).toMatchObject({ exportState: 'SUCCESS', exportDescription: '' });
    });

    it('exports a mended order at the next sync', async () => {
      await seed('acct-sync', '206', 'APPROVED');
      await control('/orders/206/fail-validation', { description: 'Missing required field: shipping_code' });
      expect(ids((await h.joor(token, '/orders?check=1')).body)).toEqual([]);
      expect(ids((await h.joor(token, '/orders?check=2')).body)).toEqual(['206']);
      await seed('acct-sync', '207', 'APPROVED');
      await control('/orders/207/fail-validation', { description: 'Missing required field: shipping_code' });
      expect(ids((await h.joor(token, '/orders')).body)).toEqual([]);
      const mended = await control('/orders/207/fail-validation', { description: null });
      expect(mended.body.validationFailure).toBeNull();
      expect(ids((await h.joor(token, '/orders')).body)).toEqual(['207']);
    });
  });

  describe('rate limits and faults', () => {
    it('refuses past the credits of a fixed window with 429 and Retry-After, then replenishes in full', async () => {
      const token = await account('acct-rate', { rateLimit: { credits: 3, windowSeconds: 2 } });
      for (let i = 0; i < 3; i += 1) {
        expect((await h.joor(token, '/orders?sync=0')).status).toBe(200);
      }
      clock += 500;
      const refused = await h.joor(token, '/orders?sync=0');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('2');
      expect(refused.headers.get('x-throttling-account-id')).toBe('acct-rate');
      expect(refused.body).toMatchObject({ error: 'too_many_requests', retry_after: 2 });
      clock += 1000;
      expect((await h.joor(token, '/order/1')).headers.get('retry-after')).toBe('1');
      clock += 500;
      expect((await h.joor(token, '/orders?sync=0')).status).toBe(200);
      expect((await h.joor(token, '/orders?sync=0')).status).toBe(200);
      const calls = (await h.get('/__sandbox/joor/accounts/acct-rate/log')).calls;
      expect(calls.map((c: { status: number; credits: number }) => [c.status, c.credits])).toEqual([
        [200, 1],
        [200, 1],
        [200, 1],
        [429, 0],
        [429, 0],
        [200, 1],
        [200, 1],
      ]);
      // Re-posting the limit starts a fresh window.
      await h.joor(token, '/orders?sync=0');
      expect((await h.joor(token, '/orders?sync=0')).status).toBe(429);
      expect(
        (await control('/accounts', { account: 'acct-rate', apiToken: token, rateLimit: { credits: 3, windowSeconds: 2 } })).status,
      ).toBe(200);
      expect((await h.joor(token, '/orders?sync=0')).status).toBe(200);
    });

    it('injects throttling, 5xx answers (half of a sync after the marking) and latency', async () => {
      const token = await account('acct-fault');
      await seed('acct-fault', '301', 'APPROVED');
      const faults = async (body: Record<string, unknown>) => (await control('/faults', { account: 'acct-fault', ...body })).body.faults;
      expect(await faults({ throttle: true })).toEqual({ errorRate: 0, latencyMs: 0, throttle: true });
      const throttled = await h.joor(token, '/orders?sync=0');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('300');
      await faults({ throttle: false, errorRate: 1 });

      // The dice pick fault or not, then 500/502/503, then (sync=1) before or after the marking.
      dice = 0.25;
      const before = await h.joor(token, '/orders');
      expect(before).toMatchObject({ status: 500, body: { error: 'internal_server_error' } });
      expect(await state('301')).toMatchObject({ exportState: 'NOT_ATTEMPTED', timesMarked: 0 });
      dice = 0.6;
      expect((await h.joor(token, '/orders?sync=0')).status).toBe(502);
      expect(await state('301')).toMatchObject({ exportState: 'NOT_ATTEMPTED' });
      dice = 0.9;
      expect((await h.joor(token, '/order/301')).status).toBe(503);
      const after = await h.joor(token, '/orders');
      expect(after).toMatchObject({ status: 503, body: { error: 'service_unavailable' } });
      expect(await state('301')).toMatchObject({ exportState: 'SUCCESS', timesMarked: 1 });
      dice = 0;
      await faults({ errorRate: 0, latencyMs: 150 });
      const started = Date.now();
      expect(ids((await h.joor(token, '/orders')).body)).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      await faults({ latencyMs: 0 });
      expect((await control('/faults', { account: 'acct-fault', errorRate: 2 })).status).toBe(400);
      expect((await control('/faults', { account: 'nobody', errorRate: 0 })).status).toBe(404);

      const { calls } = await h.get('/__sandbox/joor/accounts/acct-fault/log');
      expect(calls.map((c: { fault: string | null }) => c.fault)).toEqual([
        'throttle',
        'http_500',
        'http_502',
        'http_503',
        'http_503_after_marking',
        null,
      ]);
      expect(calls[4]).toMatchObject({ status: 503, marked: ['301'], returned: [] });
    });
  });

  it('logs every call it received: method, path, query, status, credits, time', async () => {
    const token = await account('acct-log');
    await seed('acct-log', '401', 'APPROVED');
    clock += 1000;
    await h.joor(token, '/orders?order_type=6&count=10');
    await h.joor(token, '/order/401');
    await h.joor(token, '/orders?count=0');
    const log = await h.control('GET', '/__sandbox/joor/accounts/acct-log/log');
    expect(log.status).toBe(200);
    expect(log.body.calls).toEqual([
      {
        at: new Date(clock).toISOString(),
        account: 'acct-log',
        method: 'GET',
        path: '/joor/v2/orders',
        query: { order_type: '6', count: '10' },
        status: 200,
        credits: 1,
        fault: null,
        returned: ['401'],
        marked: ['401'],
      },
      expect.objectContaining({ path: '/joor/v2/order/401', query: {}, status: 200, returned: ['401'], marked: [] }),
      expect.objectContaining({ path: '/joor/v2/orders', query: { count: '0' }, status: 400, credits: 1 }),
    ]);
    expect((await h.control('GET', '/__sandbox/joor/accounts/nobody/log')).status).toBe(404);
  });

  it('saves, resets and loads with the rest of the sandbox state', async () => {
    const token = await account('acct-state');
    await seed('acct-state', '501', 'APPROVED');
    await h.joor(token, '/orders');
    const path = join(mkdtempSync(join(tmpdir(), 'sandbox-joor-')), 'state.json');
    await h.post('/__sandbox/state/save', { path });
    await h.post('/__sandbox/reset', {});
    expect((await h.joor(token, '/orders')).status).toBe(401);
    expect((await h.control('GET', '/__sandbox/joor/orders/501')).status).toBe(404);
    await h.post('/__sandbox/state/load', { path });
    expect(await state('501')).toMatchObject({ exportState: 'SUCCESS', timesMarked: 1 });
    expect((await h.joor(token, '/orders?sync=0&export_status=3')).body.total).toBe(1);
    // The call log is runtime state: a load starts without it.
    expect((await h.get('/__sandbox/joor/accounts/acct-state/log')).calls).toHaveLength(1);
  });
});
