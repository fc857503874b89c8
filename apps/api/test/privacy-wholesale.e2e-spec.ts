import { randomUUID } from 'node:crypto';
import { until } from '@gantry/testing';
import { sign, type ShopifyTestEnv } from '../../../libs/channels/shopify/test/shopify-test.env';
import { exportsOf, joorOrder, seedJoorOrder, setupWholesale, startWholesaleEnv, syncNow } from './wholesale-export.fixture';

jest.setTimeout(120_000);

/**
 * A JOOR order exported to Shopify carries the retailer's people (buyer, e-mail, phone, addresses) in the export's
 * source order and in the Shopify order Gantry imports back. Shopify's customers/redact naming that Shopify order
 * leaves none of them anywhere in the database, while the export keeps its identity and state.
 */
describe('privacy: a wholesale export named by customers/redact', () => {
  let env: ShopifyTestEnv;

  beforeAll(async () => {
    env = await startWholesaleEnv();
  });
  afterAll(async () => {
    await env.sandbox.webhooks.idle();
    await env.close();
  });

  it('redacts the JOOR source order of the exported Shopify order and everything imported of it', async () => {
    const f = await setupWholesale(env, 'privacy-joor');
    const word = randomUUID().slice(0, 8);
    const people = {
      buyer: `Ingrid Lindqvist${word}`,
      email: `ingrid.${word}@boutique.example`,
      phone: `+46 8 ${word.replace(/\D/g, '').padEnd(6, '7').slice(0, 6)}`,
      street: `Kungsgatan ${word}`,
    };
    await seedJoorOrder(
      env,
      f,
      joorOrder('5001', [{ variant: f.tee.variants.Red, quantity: 1 }], {
        customer_buyer_name: people.buyer,
        created_by_email: people.email,
        shipping_email: people.email,
        shipping_phone: people.phone,
        shipping_address_1: people.street,
      }),
    );
    expect((await syncNow(env, f)).counts).toEqual({ exported: 1 });
    const [exported] = await exportsOf(env, f);
    const sinkOrderId = exported.sinkOrder.id as string;
    expect(JSON.stringify(exported.sourceOrder)).toContain(people.email);

    const body = `{"shop_id":954900,"shop_domain":"${f.shop}","customer":{"id":191170,"email":"${people.email}"},"orders_to_redact":[${sinkOrderId.split('/').pop()}]}`;
    const webhookId = randomUUID();
    const res = await fetch(`${process.env.APP_URL}/api/v1/webhooks/shopify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'customers/redact',
        'x-shopify-shop-domain': f.shop,
        'x-shopify-webhook-id': webhookId,
        'x-shopify-hmac-sha256': sign(body),
      },
      body,
    });
    expect(res.status).toBe(200);
    const [row] = await until(
      () =>
        env.t.dataSource.query<{ id: string; outcome: string }[]>(
          `SELECT id, outcome FROM shopify_webhook_inbox WHERE webhook_id = $1 AND processed_at IS NOT NULL`,
          [webhookId],
        ),
      (rows) => rows.length === 1,
      'the redact request to be handled',
      30_000,
    );
    expect(row?.outcome).toBe('customer-redacted');

    const after = (await env.t.http().get(`/api/v1/exports/${exported.id}`).expect(200)).body;
    expect(after).toMatchObject({ status: 'exported', sinkOrder: { id: sinkOrderId } });
    expect(after.sourceOrder.customer).toMatchObject({ email: null, firstName: null, lastName: null, phone: null });
    expect(after.sourceOrder.shippingAddress).toMatchObject({ countryCode: 'SE', redacted: true });
    expect(after.sourceOrder.lines).toEqual([expect.objectContaining({ quantity: 1 })]);

    // No table holds any of them (deliveries Shopify sent after the request aside: Shopify redacts its own copy).
    const tables = await env.t.dataSource.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const holding: string[] = [];
    for (const { name } of tables) {
      const later = name === 'shopify_webhook_inbox' ? ` AND x.id <= ${Number(row?.id)}` : '';
      for (const needle of Object.values(people)) {
        const [{ n }] = await env.t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "${name}" x WHERE strpos(lower(x::text), lower($1)) > 0${later}`,
          [needle],
        );
        if (n > 0) {
          holding.push(`${name}: ${needle}`);
        }
      }
    }
    expect(holding).toEqual([]);
  });
});
