/* eslint-disable @typescript-eslint/no-explicit-any -- dynamic JSON bodies */
import { randomUUID } from 'node:crypto';
import { RetentionService, Role } from '@gantry/core';
import { until } from '@gantry/testing';
import { settledPush, ship } from './fulfillments-out.fixture';
import { decided, setupOrders, shopifyOrder, type OrdersFixture } from './orders-in.fixture';
import { decidedReturn, returnMutation } from './returns.fixture';
import { gql, sign, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

jest.setTimeout(180_000);

const ALERT_TO = 'privacy-officer@gantry.test';

interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address1: string;
}

/** A customer whose every personal field is a string found nowhere else, so the database can be searched for it. */
function person(tag: string): Person {
  const word = `${tag}${randomUUID().slice(0, 8)}`;
  return {
    firstName: `Zephyrine${word}`,
    lastName: `Quillfeather${word}`,
    email: `zq.${word.toLowerCase()}@privacy.example`,
    phone: `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
    address1: `77 ${word} Lane`,
  };
}

const needlesOf = (p: Person): string[] => [p.firstName, p.lastName, p.email, p.phone, p.address1];

/**
 * Shopify's mandatory compliance webhooks over real HTTP, signed as Shopify signs them: customers/redact and shop/redact
 * leave no personal field of the orders anywhere in the database while shipments and returns keep working;
 * customers/data_request assembles an export an admin reads; retention prunes old raw details and a pruned delivery
 * is still recognised when Shopify sends it again.
 */
describe('privacy: Shopify compliance webhooks', () => {
  let env: ShopifyTestEnv;
  let smtpConfigured = false;

  beforeAll(async () => {
    env = await startShopifyEnv({
      shopifyUrl: async (url) => {
        const health = (await (await fetch(`${url}/__sandbox/health`)).json()) as { smtpPort: number };
        process.env.SMTP_URL = `smtp://127.0.0.1:${health.smtpPort}`;
        process.env.PRIVACY_ALERT_EMAILS = ALERT_TO;
        smtpConfigured = true;
        return url;
      },
    });
  });
  afterAll(async () => {
    delete process.env.PRIVACY_ALERT_EMAILS;
    await env.close();
  });

  const deliver = async (shop: string, topic: string, body: string, id: string = randomUUID()): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${process.env.APP_URL}/api/v1/webhooks/shopify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-shop-domain': shop,
        'x-shopify-webhook-id': id,
        'x-shopify-api-version': '2026-07',
        'x-shopify-hmac-sha256': sign(body),
      },
      body,
    });
    return { status: res.status, body: await res.json() };
  };

  /** The inbox row of a delivery once the worker handled it. */
  const handled = (webhookId: string): Promise<{ id: string; outcome: string; raw_body: string; raw_body_removed_reason: string | null }> =>
    until(
      async () =>
        (
          await env.t.dataSource.query(
            `SELECT id, outcome, raw_body, raw_body_removed_reason FROM shopify_webhook_inbox WHERE webhook_id = $1 AND processed_at IS NOT NULL`,
            [webhookId],
          )
        )[0],
      (row) => row !== undefined,
      `delivery ${webhookId} to be handled`,
      30_000,
    );

  /**
   * Every table of the database searched for each string, as text (jsonb included): the tables that still hold one.
   * Inbox rows after `inboxUpTo` are deliveries Shopify sent after the request (the sandbox, unlike Shopify, does not
   * redact its own copy), so they are left out when given.
   */
  async function holding(needles: string[], options: { inboxUpTo?: string; skip?: string[] } = {}): Promise<Record<string, string[]>> {
    const tables = await env.t.dataSource.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const found: Record<string, string[]> = {};
    for (const { name } of tables) {
      if (options.skip?.includes(name)) {
        continue;
      }
      const inboxLimit = name === 'shopify_webhook_inbox' && options.inboxUpTo ? ` AND x.id <= ${Number(options.inboxUpTo)}` : '';
      for (const needle of needles) {
        const [{ n }] = await env.t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "${name}" x WHERE strpos(lower(x::text), lower($1)) > 0${inboxLimit}`,
          [needle],
        );
        if (n > 0) {
          found[name] = [...(found[name] ?? []), needle];
        }
      }
    }
    return found;
  }

  async function orderWith(f: OrdersFixture, p: Person, lines: { variant: number; quantity: number }[]) {
    const order = await shopifyOrder(env, f, lines, {
      email: p.email,
      shippingAddress: {
        firstName: p.firstName,
        lastName: p.lastName,
        address1: p.address1,
        city: 'Springfield',
        countryCode: 'US',
        zip: '12345',
        phone: p.phone,
      },
    });
    const row = await decided(env, f, order.id);
    expect(row.state).toBe('imported');
    return { id: order.id, numericId: order.id.split('/').pop() as string, wmsOrderId: row.warehouseOrders[0]?.warehouseOrderId ?? '' };
  }

  it('customers/redact: no personal field of the orders remains anywhere; the order still ships and its return is still received', async () => {
    const f = await setupOrders(env, 'privacy-redact.myshopify.com', { skuCount: 2 });
    await env.t
      .http()
      .patch(`/api/v1/stores/${f.storeId}/settings`)
      .send({ returns: { enabled: true, autoClose: true } })
      .expect(200);
    const p = person('R');
    const [sku0, sku1] = [f.products[0]?.sku ?? '', f.products[1]?.sku ?? ''];
    const order = await orderWith(f, p, [
      { variant: 0, quantity: 1 },
      { variant: 1, quantity: 1 },
    ]);
    // One line shipped before the request, its return requested (with the customer's words) and approved.
    const first = await ship(env, order.wmsOrderId, { carrier: 'UPS', trackingNumber: '1ZPRIVACY1', lines: [{ sku: sku0, quantity: 1 }] });
    await settledPush(env, f, first.id, (r) => r.state === 'pushed');
    const units = (
      await gql(
        env,
        f.shop,
        f.token,
        `query($id: ID!) { order(id: $id) { fulfillments(first: 5) { fulfillmentLineItems(first: 5) { nodes { id lineItem { sku } } } } } }`,
        { id: order.id },
      )
    ).data.order.fulfillments.flatMap((x: any) => x.fulfillmentLineItems.nodes);
    const requested = await gql(
      env,
      f.shop,
      f.token,
      `mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } userErrors { field message } } }`,
      {
        input: {
          orderId: order.id,
          returnLineItems: [
            {
              fulfillmentLineItemId: units.find((u: any) => u.lineItem.sku === sku0)?.id,
              quantity: 1,
              returnReason: 'SIZE_TOO_SMALL',
              customerNote: `${p.firstName} says too tight`,
            },
          ],
        },
      },
    );
    expect(requested.data.returnRequest.userErrors).toEqual([]);
    const returnId = requested.data.returnRequest.return.id as string;
    await decidedReturn(env, f, returnId, (r) => r.state === 'requested');
    await returnMutation(env, f, 'returnApproveRequest(input: { id: $id })', '($id: ID!)', { id: returnId });
    const expected = await decidedReturn(env, f, returnId, (r) => r.state === 'expected');

    // Before: the person is in the channel order, the warehouse order, the raw deliveries and the returns.
    const before = await holding(needlesOf(p));
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['channel_order', 'outbound_order', 'shopify_webhook_inbox', 'channel_return', 'customer_return']),
    );

    const requestId = randomUUID();
    // Written out as Shopify does: the order's id exceeds 2^53 (the sandbox's ids do, like Shopify's).
    const body = `{"shop_id":954889,"shop_domain":"${f.shop}","customer":{"id":191167,"email":"${p.email}","phone":"${p.phone}"},"orders_to_redact":[${order.numericId}]}`;
    expect(await deliver(f.shop, 'customers/redact', body, requestId)).toEqual({ status: 200, body: { status: 'stored' } });
    const compliance = await handled(requestId);
    expect(compliance).toMatchObject({ outcome: 'customer-redacted', raw_body: '', raw_body_removed_reason: 'redacted' });
    expect(await holding(needlesOf(p), { inboxUpTo: compliance.id })).toEqual({});

    // Marked, and the order keeps what the warehouse needs.
    const wms = (await env.t.http().get(`/api/v1/orders/${order.wmsOrderId}`).expect(200)).body;
    expect(wms.shippingAddress).toEqual(expect.objectContaining({ countryCode: 'US', redacted: true }));
    expect(wms.lines.map((l: any) => [l.sku, l.quantity])).toEqual(
      expect.arrayContaining([
        [sku0, 1],
        [sku1, 1],
      ]),
    );
    const [marks] = await env.t.dataSource.query(
      `SELECT (SELECT redacted_at FROM channel_order WHERE store_id = $1 AND external_id = $2) AS channel_order,
              (SELECT redacted_at FROM outbound_order WHERE id = $3) AS outbound_order`,
      [f.storeId, order.id, order.wmsOrderId],
    );
    expect(marks.channel_order).toBeInstanceOf(Date);
    expect(marks.outbound_order).toBeInstanceOf(Date);
    const list = (await env.t.http().get(`/api/v1/privacy/requests?storeId=${f.storeId}`).expect(200)).body;
    expect(list).toEqual([
      expect.objectContaining({
        kind: 'customer-redact',
        customerExternalId: 'gid://shopify/Customer/191167',
        orderExternalIds: [order.id],
        counts: expect.objectContaining({ core: 2, wms: 2 }),
      }),
    ]);
    expect(list[0].counts['shopify-webhook-inbox']).toBeGreaterThan(0);

    // After: the other line ships and reaches Shopify; the return is received, disposed and closed.
    const second = await ship(env, order.wmsOrderId, { carrier: 'UPS', trackingNumber: '1ZPRIVACY2', lines: [{ sku: sku1, quantity: 1 }] });
    await settledPush(env, f, second.id, (r) => r.state === 'pushed');
    await env.t
      .http()
      .post(`/api/v1/returns/${expected.warehouseReturnId}/receive`)
      .send({ lines: [{ sku: sku0, quantity: 1, restock: true }] })
      .expect(200);
    await decidedReturn(env, f, returnId, (r) => r.state === 'closed');
    expect((await env.t.http().get(`/api/v1/orders/${order.wmsOrderId}`).expect(200)).body.status).toBe('shipped');
    // Later states from the channel (fulfilled, the return read again) did not bring the person back.
    expect(await holding(needlesOf(p), { inboxUpTo: compliance.id })).toEqual({});

    // Shopify sending the same request again is a duplicate: recorded once.
    expect(await deliver(f.shop, 'customers/redact', body, requestId)).toEqual({ status: 200, body: { status: 'duplicate' } });
  });

  it("shop/redact: every personal field of the shop's orders and its raw deliveries are erased", async () => {
    const f = await setupOrders(env, 'privacy-shop.myshopify.com', { skuCount: 1 });
    const people = [person('S'), person('T')];
    const orders = [];
    for (const p of people) {
      orders.push(await orderWith(f, p, [{ variant: 0, quantity: 1 }]));
    }
    expect(Object.keys(await holding(needlesOf(people[0])))).toEqual(expect.arrayContaining(['channel_order', 'outbound_order']));
    const id = randomUUID();
    await deliver(f.shop, 'shop/redact', JSON.stringify({ shop_id: 954890, shop_domain: f.shop }), id);
    const compliance = await handled(id);
    expect(compliance.outcome).toBe('shop-redacted');
    expect(await holding(people.flatMap(needlesOf), { inboxUpTo: compliance.id })).toEqual({});
    const bodies = await env.t.dataSource.query<{ n: number; removed: number }[]>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE raw_body = '' AND raw_body_removed_reason = 'redacted')::int AS removed
         FROM shopify_webhook_inbox WHERE shop_domain = $1 AND id <= $2`,
      [f.shop, compliance.id],
    );
    expect(bodies[0]?.n).toBeGreaterThan(1);
    expect(bodies[0]?.removed).toBe(bodies[0]?.n);
    // The warehouse orders keep their lines and reservations.
    for (const order of orders) {
      const wms = (await env.t.http().get(`/api/v1/orders/${order.wmsOrderId}`).expect(200)).body;
      expect(wms).toMatchObject({ status: 'open', shippingAddress: { countryCode: 'US', redacted: true } });
    }
  });

  it('customers/data_request: the customer’s data is exported for an admin, and the privacy contact is told', async () => {
    const f = await setupOrders(env, 'privacy-export.myshopify.com', { skuCount: 1 });
    const p = person('D');
    const order = await orderWith(f, p, [{ variant: 0, quantity: 2 }]);
    const id = randomUUID();
    await deliver(
      f.shop,
      'customers/data_request',
      `{"shop_id":954891,"shop_domain":"${f.shop}","customer":{"id":191168,"email":"${p.email}","phone":"${p.phone}"},"orders_requested":[${order.numericId}],"data_request":{"id":4242}}`,
      id,
    );
    expect((await handled(id)).outcome).toBe('data-request-exported');

    const list = (await env.t.http().get(`/api/v1/privacy/requests?storeId=${f.storeId}&kind=customer-data-request`).expect(200)).body;
    expect(list).toEqual([expect.objectContaining({ channelRequestId: '4242', orderExternalIds: [order.id] })]);
    expect(list[0]).not.toHaveProperty('export');
    const detail = (await env.t.http().get(`/api/v1/privacy/requests/${list[0].id}`).expect(200)).body;
    expect(detail.export).toMatchObject({
      channel: 'shopify',
      account: f.shop,
      customer: { externalId: 'gid://shopify/Customer/191168', email: p.email, phone: p.phone },
      ordersRequested: [order.id],
    });
    const records = detail.export.records;
    expect(records.core).toEqual([
      expect.objectContaining({
        table: 'channel_order',
        data: expect.objectContaining({
          externalId: order.id,
          order: expect.objectContaining({ shippingAddress: expect.objectContaining({ firstName: p.firstName, address1: p.address1 }) }),
        }),
      }),
    ]);
    expect(records.wms).toEqual([
      expect.objectContaining({
        table: 'outbound_order',
        data: expect.objectContaining({
          shippingAddress: expect.objectContaining({ lastName: p.lastName }),
          lines: [expect.objectContaining({ quantity: 2 })],
        }),
      }),
    ]);
    expect(records['shopify-webhook-inbox'].length).toBeGreaterThan(0);
    for (const r of records['shopify-webhook-inbox']) {
      expect(r.data.rawBody).toContain(p.email);
    }
    // The export is for admins only; the data is still there (a data request redacts nothing).
    await env.t.http(Role.INTEGRATION_MANAGER).get(`/api/v1/privacy/requests/${list[0].id}`).expect(403);
    await env.t.http(Role.INTEGRATION_MANAGER).get(`/api/v1/privacy/requests`).expect(403);
    await env.t.http().get(`/api/v1/privacy/requests/${randomUUID()}`).expect(404);
    expect(Object.keys(await holding(needlesOf(p)))).toEqual(expect.arrayContaining(['channel_order', 'outbound_order']));

    // The notice names the request and where to read it, not the customer's data.
    expect(smtpConfigured).toBe(true);
    const mails = await until(
      async () =>
        (await (await fetch(`${env.sandboxUrl}/__sandbox/mail?to=${encodeURIComponent(ALERT_TO)}`)).json()) as {
          subject: string;
          text: string;
        }[],
      (m) => m.some((x) => x.text.includes(list[0].id as string)),
      'the data request notice',
      30_000,
    );
    const notice = mails.find((x) => x.text.includes(list[0].id as string));
    expect(notice?.subject).toContain(f.shop);
    expect(notice?.text).toContain(`/api/v1/privacy/requests/${list[0].id}`);
    expect(notice?.text).not.toContain(p.email);
    const after = (await env.t.http().get(`/api/v1/privacy/requests/${list[0].id}`).expect(200)).body;
    expect(after.notifiedAt).not.toBeNull();
  });

  it('retention prunes only old raw bodies and sync-run items; a pruned delivery sent again is still a duplicate', async () => {
    const f = await setupOrders(env, 'privacy-retention.myshopify.com', { skuCount: 1 });
    const [oldId, newId] = [`old-${randomUUID()}`, `new-${randomUUID()}`];
    const oldBody = JSON.stringify({ id: 1, note: 'old delivery' });
    await deliver(f.shop, 'fulfillments/create', oldBody, oldId);
    await deliver(f.shop, 'fulfillments/create', JSON.stringify({ id: 2, note: 'new delivery' }), newId);
    await handled(oldId);
    await handled(newId);
    // A delivery not handled yet keeps its body however old it is (inserted without its trigger: it stays waiting).
    const waitingId = `waiting-${randomUUID()}`;
    await env.t.dataSource.query(
      `INSERT INTO shopify_webhook_inbox (webhook_id, topic, shop_domain, store_id, raw_body, received_at)
       VALUES ($1, 'fulfillments/create', $2, $3, '{"id":3}', now() - interval '90 days')`,
      [waitingId, f.shop, f.storeId],
    );
    await env.t.dataSource.query(`UPDATE shopify_webhook_inbox SET received_at = now() - interval '31 days' WHERE webhook_id = $1`, [
      oldId,
    ]);
    await env.t.dataSource.query(`UPDATE shopify_webhook_inbox SET received_at = now() - interval '29 days' WHERE webhook_id = $1`, [
      newId,
    ]);
    const [run] = await env.t.dataSource.query<{ id: string }[]>(
      `INSERT INTO sync_run (store_id, kind, status) VALUES ($1, 'order-import', 'succeeded') RETURNING id`,
      [f.storeId],
    );
    const items = await env.t.dataSource.query<{ id: string }[]>(
      `INSERT INTO sync_run_item (sync_run_id, external_ref, outcome) VALUES ($1, '#1001', 'imported'), ($1, '#1002', 'imported') RETURNING id`,
      [run?.id],
    );
    const [oldItem, newItem] = items.map((i) => i.id);
    await env.t.dataSource.query(`UPDATE sync_run_item SET created_at = now() - interval '31 days' WHERE id = $1`, [oldItem]);
    await env.t.dataSource.query(`UPDATE sync_run_item SET created_at = now() - interval '29 days' WHERE id = $1`, [newItem]);

    const pruned = await env.t.app.get(RetentionService).prune();
    expect(pruned['shopify-webhook-inbox']).toBeGreaterThanOrEqual(1);
    expect(pruned.core).toBeGreaterThanOrEqual(1);

    const inbox = await env.t.dataSource.query<{ webhook_id: string; raw_body: string; raw_body_removed_reason: string | null }[]>(
      `SELECT webhook_id, raw_body, raw_body_removed_reason FROM shopify_webhook_inbox WHERE webhook_id = ANY($1) ORDER BY webhook_id`,
      [[oldId, newId, waitingId]],
    );
    expect(inbox).toEqual([
      { webhook_id: newId, raw_body: expect.stringContaining('new delivery'), raw_body_removed_reason: null },
      { webhook_id: oldId, raw_body: '', raw_body_removed_reason: 'retention' },
      { webhook_id: waitingId, raw_body: '{"id":3}', raw_body_removed_reason: null },
    ]);
    const left = await env.t.dataSource.query<{ id: string }[]>(`SELECT id FROM sync_run_item WHERE id = ANY($1) ORDER BY id`, [
      [oldItem, newItem],
    ]);
    expect(left.map((r) => r.id)).toEqual([newItem]);

    // Shopify retries the old delivery: its key is still known.
    expect(await deliver(f.shop, 'fulfillments/create', oldBody, oldId)).toEqual({ status: 200, body: { status: 'duplicate' } });
  });
});
