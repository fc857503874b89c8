import { ChannelAdapterException, ChannelErrorCode, hasCapability, StoreService } from '@gantry/core';
import { ShopifyChannelAdapter } from '@gantry/shopify';
import {
  availableAt,
  exportOrder,
  itemRef,
  numericId,
  recordCalls,
  seedProduct,
  setupExportShop,
  shopifyOrder,
  type ExportFixture,
} from './order-export.fixture';
import { connectShop, createShop, gql, startShopifyEnv, type ShopifyTestEnv } from './shopify-test.env';

jest.setTimeout(120_000);

/**
 * Shopify as an order sink over real HTTP: the adapter's four OrderSink methods against the sandbox, with the context
 * of a connected store. Item resolution by each rule of research §8.2 with availability at a location or summed, then
 * orderCreate with customer upsert, addresses, per-line tax, fulfilment and each inventory behaviour; the export's
 * identity found again by search; cancellations read back.
 */
describe('order export: Shopify as OrderSink', () => {
  let env: ShopifyTestEnv;
  let adapter: ShopifyChannelAdapter;
  let f: ExportFixture;

  beforeAll(async () => {
    env = await startShopifyEnv({ worker: false });
    adapter = env.t.app.get(ShopifyChannelAdapter);
    f = await setupExportShop(env, 'osink-1.myshopify.com');
  });
  afterAll(async () => {
    // The orders created announce themselves (orders/create): let those deliveries finish before the app stops.
    await env.sandbox.webhooks.idle();
    await env.close();
  });

  const refused = async (call: () => Promise<unknown>): Promise<ChannelAdapterException> => {
    try {
      await call();
    } catch (error) {
      expect(error).toBeInstanceOf(ChannelAdapterException);
      return error as ChannelAdapterException;
    }
    throw new Error('expected a refusal');
  };

  it('declares order-sink and implements its methods', () => {
    expect(hasCapability(adapter, 'order-sink')).toBe(true);
  });

  describe('resolveItems', () => {
    it('resolves by each rule in order of precedence; an unknown style resolves to nothing', async () => {
      const red = f.tee.variants.Red ?? '';
      const blue = f.tee.variants.Blue ?? '';
      const refs = [
        // 1: the UPC is the variant's id (and its SKU names another variant: the UPC wins).
        itemRef({ upc: numericId(red), sku: 'CAP-1' }),
        // 2: the UPC is a barcode (with a leading zero: never read as an id).
        itemRef({ upc: '0123456789012' }),
        // 2: a numeric barcode that is no variant id.
        itemRef({ upc: '4006381333931', sku: 'BAG-BLK' }),
        // 3: the style identifier is the product's id, the colour one of its option values (case-insensitive).
        itemRef({ upc: '999', styleIdentifier: numericId(f.tee.product), color: 'bLuE', sku: 'TEE-RED' }),
        // 3: a product of one variant matches without options.
        itemRef({ styleIdentifier: numericId(f.cap.product), color: 'Navy', size: 'OS' }),
        // 4: the SKU.
        itemRef({ styleIdentifier: numericId(f.tee.product), color: 'Green', sku: 'SCARF-1' }),
        // 4: the style number as SKU.
        itemRef({ styleNumber: 'BAG-BLK' }),
        // Unknown style: no product, no SKU.
        itemRef({ upc: '123456', styleIdentifier: '987654321', color: 'Red', size: 'M', sku: 'NOPE', styleNumber: 'NOPE-2' }),
      ];
      const resolved = await adapter.resolveItems(f.ctx, refs, f.locations[0]);
      expect(resolved.map((r) => r.channelItemId)).toEqual([
        red,
        red,
        blue,
        blue,
        f.cap.variants['Default Title'],
        f.scarf.variants['Default Title'],
        f.bag.variants.Black,
        null,
      ]);
    });

    it('reads available units at a location (GID or numeric id) or summed over the locations; null when untracked', async () => {
      const refs = [
        itemRef({ upc: numericId(f.tee.variants.Red ?? '') }),
        itemRef({ upc: '4006381333931' }),
        itemRef({ sku: 'CAP-1' }),
        itemRef({ sku: 'SCARF-1' }),
        itemRef({ sku: 'BAG-BLK' }),
        itemRef({ sku: 'NOPE' }),
      ];
      const available = async (location: string | null) => (await adapter.resolveItems(f.ctx, refs, location)).map((r) => r.available);
      expect(await available(f.locations[0])).toEqual([10, 3, 20, null, 0, null]);
      expect(await available(numericId(f.locations[1]))).toEqual([5, 0, 0, null, 2, null]);
      expect(await available(null)).toEqual([15, 3, 20, null, 2, null]);
    });

    it('20 lines: the UPC rules in one call (with availability at the location), two more without a location', async () => {
      const bulk = Object.values(f.bulk.variants);
      const refs = bulk.map((v) => itemRef({ upc: numericId(v) }));
      const atLocation = await recordCalls(env, () => adapter.resolveItems(f.ctx, refs, f.locations[0]));
      expect(atLocation.result).toEqual(bulk.map((v) => ({ channelItemId: v, available: 50 })));
      expect(atLocation.calls.map((c) => c.operation)).toEqual(['ExportItemsByUpc']);
      const summed = await recordCalls(env, () => adapter.resolveItems(f.ctx, refs, null));
      expect(summed.result).toEqual(bulk.map((v) => ({ channelItemId: v, available: 50 })));
      expect(summed.calls.map((c) => c.operation)).toEqual(['ExportItemsByUpc', 'ExportAvailableSummed']);

      // Every rule at once: 5 lines each by id, barcode, product options, SKU.
      const mixed = bulk.map((v, i) =>
        i < 5
          ? itemRef({ upc: numericId(v) })
          : i < 10
            ? itemRef({ upc: `77000${i + 1}` })
            : i < 15
              ? itemRef({ styleIdentifier: numericId(f.bulk.product), size: `s${i + 1}` })
              : itemRef({ sku: `BULK-${i + 1}` }),
      );
      const all = await recordCalls(env, () => adapter.resolveItems(f.ctx, mixed, f.locations[0]));
      expect(all.result).toEqual(bulk.map((v) => ({ channelItemId: v, available: 50 })));
      expect(all.calls.map((c) => c.operation)).toEqual(['ExportItemsByUpc', 'ExportItemsByStyle', 'ExportAvailableAt']);
      const calls = [...atLocation.calls, ...summed.calls, ...all.calls];
      for (const call of calls) {
        expect(call.requested).toBeLessThan(1000);
      }
      // The figures the report quotes.
      console.info(
        'order export: resolve calls (20 lines)',
        JSON.stringify({ atLocation: atLocation.calls, summed: summed.calls, mixed: all.calls }),
      );
    });

    it('reads past the first page of a product’s variants and of an item’s levels', async () => {
      const shop = 'osink-2.myshopify.com';
      const names = Array.from({ length: 7 }, (_, i) => `Store ${i + 1}`);
      const token = await createShop(env, shop, { locations: names, plan: 'plus' });
      const ctx = await env.t.app.get(StoreService).contextFor(await connectShop(env, shop));
      const listed = await gql(env, shop, token, '{ locations(first: 10) { nodes { id } } }');
      const locations = (listed.data.locations.nodes as { id: string }[]).map((l) => l.id);
      const wide = await seedProduct(
        env,
        { shop, token, locations },
        'Wide',
        'Size',
        'DENY',
        Array.from({ length: 105 }, (_, i) => ({ option: `W${i + 1}`, sku: `WIDE-${i + 1}`, stock: locations.map((_l, k) => k + 1) })),
      );
      const { result, calls } = await recordCalls(env, () =>
        adapter.resolveItems(ctx, [itemRef({ styleIdentifier: numericId(wide.product), size: 'w105' })], null),
      );
      // 1 + 2 + … + 7 over the seven locations.
      expect(result).toEqual([{ channelItemId: wide.variants.W105, available: 28 }]);
      expect(calls.map((c) => c.operation)).toEqual([
        'ExportItemsByStyle',
        'ExportProductVariants',
        'ExportAvailableSummed',
        'ExportItemLevels',
      ]);
    });
  });

  describe('createOrder', () => {
    it('creates the order as given: customer upserted by email (reused by the next order), addresses, tax per line, note, attributes, tags, PO', async () => {
      const order = exportOrder(f, 'joor:acct:1001:0', {
        name: 'JOOR-1001',
        poNumber: 'PO-1001',
        currency: 'USD',
        processedAt: '2026-01-15T09:30:00.000Z',
        email: 'buyer@boutique.example',
        customer: { email: 'buyer@boutique.example', firstName: 'Ada', lastName: 'Lovelace', phone: '+15555550100', company: 'Boutique' },
        shippingAddress: {
          name: 'Ada Lovelace',
          company: 'Boutique Ada',
          address1: '1 Main St',
          address2: 'Suite 2',
          city: 'Springfield',
          province: 'IL',
          zip: '62701',
          country: 'United States',
          countryCode: 'US',
          phone: '+15555550100',
        },
        billingAddress: {
          name: 'Accounts',
          company: 'Boutique Ada GmbH',
          address1: 'Hauptstr. 1',
          address2: null,
          city: 'München',
          province: 'Bavaria',
          zip: '80331',
          country: 'Germany',
          countryCode: 'DE',
          phone: null,
        },
        lines: [
          {
            channelItemId: f.tee.variants.Red ?? '',
            quantity: 3,
            unitPrice: '19.99',
            title: 'Tee - Red',
            properties: [{ name: 'Style #', value: 'TEE' }],
          },
          { channelItemId: f.cap.variants['Default Title'] ?? '', quantity: 2, unitPrice: '7.50', title: 'Cap', properties: [] },
        ],
        shipping: { title: 'UPS Ground', price: '15.00' },
        tax: { title: 'Sales tax', rate: '0.0625' },
        note: 'Payment terms: Net 30\nLinesheet: FW26',
        attributes: [
          { key: 'joor_order_id', value: '1001' },
          { key: 'season', value: 'FW26' },
        ],
        tags: ['JOOR', 'Wholesale', 'FW26'],
      });
      const created = await adapter.createOrder(f.ctx, order);
      expect(created).toEqual({
        externalId: expect.stringMatching(/^gid:\/\/shopify\/Order\/\d+$/),
        name: 'JOOR-1001',
        cancelled: false,
        identity: 'joor:acct:1001:0',
      });

      const shown = await shopifyOrder(env, f, created.externalId);
      expect(shown).toMatchObject({
        name: 'JOOR-1001',
        email: 'buyer@boutique.example',
        poNumber: 'PO-1001',
        note: 'Payment terms: Net 30\nLinesheet: FW26',
        tags: ['JOOR', 'Wholesale', 'FW26'],
        sourceName: 'joor',
        sourceIdentifier: 'joor:acct:1001:0',
        currencyCode: 'USD',
        processedAt: '2026-01-15T09:30:00.000Z',
        displayFinancialStatus: 'PENDING',
        displayFulfillmentStatus: 'UNFULFILLED',
        customAttributes: [
          { key: 'joor_order_id', value: '1001' },
          { key: 'season', value: 'FW26' },
        ],
        customer: { email: 'buyer@boutique.example', firstName: 'Ada', lastName: 'Lovelace', tags: ['JOOR', 'Wholesale'] },
        shippingAddress: {
          firstName: 'Ada',
          lastName: 'Lovelace',
          company: 'Boutique Ada',
          address1: '1 Main St',
          address2: 'Suite 2',
          city: 'Springfield',
          provinceCode: 'IL',
          zip: '62701',
          countryCodeV2: 'US',
          phone: '+15555550100',
        },
        billingAddress: { firstName: 'Accounts', company: 'Boutique Ada GmbH', city: 'München', province: 'Bavaria', countryCodeV2: 'DE' },
        shippingLines: { nodes: [{ title: 'UPS Ground', originalPriceSet: { shopMoney: { amount: '15.00' } } }] },
        // Per line only: Shopify refuses tax lines on both.
        taxLines: [],
      });
      expect(shown.lineItems.nodes).toEqual([
        {
          quantity: 3,
          requiresShipping: true,
          variant: { id: f.tee.variants.Red },
          originalUnitPriceSet: { shopMoney: { amount: '19.99', currencyCode: 'USD' } },
          customAttributes: [{ key: 'Style #', value: 'TEE' }],
          // 19.99 × 3 × 0.0625 = 3.748125
          taxLines: [{ title: 'Sales tax', rate: 0.0625, priceSet: { shopMoney: { amount: '3.75' } } }],
        },
        {
          quantity: 2,
          requiresShipping: true,
          variant: { id: f.cap.variants['Default Title'] },
          originalUnitPriceSet: { shopMoney: { amount: '7.50', currencyCode: 'USD' } },
          customAttributes: [],
          // 7.50 × 2 × 0.0625 = 0.9375
          taxLines: [{ title: 'Sales tax', rate: 0.0625, priceSet: { shopMoney: { amount: '0.94' } } }],
        },
      ]);

      const again = await adapter.createOrder(
        f.ctx,
        exportOrder(f, 'joor:acct:1002:0', {
          customer: { email: 'buyer@boutique.example', firstName: 'Ada', lastName: 'Lovelace', phone: null, company: null },
        }),
      );
      expect((await shopifyOrder(env, f, again.externalId)).customer.id).toBe(shown.customer.id);
      const other = await adapter.createOrder(
        f.ctx,
        exportOrder(f, 'joor:acct:1003:0', {
          customer: { email: 'other@shop.example', firstName: null, lastName: 'Other', phone: null, company: null },
        }),
      );
      expect((await shopifyOrder(env, f, other.externalId)).customer.id).not.toBe(shown.customer.id);
    });

    it('fulfilled: from the location given (numeric id or GID), or only marked fulfilled without one', async () => {
      const [main, second] = f.locations;
      const fromSecond = await adapter.createOrder(
        f.ctx,
        exportOrder(f, 'joor:acct:2001:0', { fulfilled: true, channelLocationId: numericId(second) }),
      );
      const shownSecond = await shopifyOrder(env, f, fromSecond.externalId);
      expect(shownSecond.displayFulfillmentStatus).toBe('FULFILLED');
      expect(shownSecond.fulfillments).toEqual([{ location: { id: second } }]);
      const fromMain = await adapter.createOrder(f.ctx, exportOrder(f, 'joor:acct:2002:0', { fulfilled: true, channelLocationId: main }));
      expect((await shopifyOrder(env, f, fromMain.externalId)).fulfillments).toEqual([{ location: { id: main } }]);
      const anywhere = await adapter.createOrder(f.ctx, exportOrder(f, 'joor:acct:2003:0', { fulfilled: true, channelLocationId: null }));
      expect((await shopifyOrder(env, f, anywhere.externalId)).displayFulfillmentStatus).toBe('FULFILLED');
    });

    it('inventory behaviours: bypass claims nothing, ignoring claims past zero, obeying claims or is refused in Shopify’s words', async () => {
      const [main] = f.locations;
      const blue = f.tee.variants.Blue ?? '';
      const line = (quantity: number) => [{ channelItemId: blue, quantity, unitPrice: '20.00', title: 'Tee - Blue', properties: [] }];
      const at = () => availableAt(env, f, blue, main);
      expect(await at()).toBe(3);

      await adapter.createOrder(f.ctx, exportOrder(f, 'joor:acct:3001:0', { lines: line(2), inventoryBehaviour: 'bypass' }));
      expect(await at()).toBe(3);
      await adapter.createOrder(
        f.ctx,
        exportOrder(f, 'joor:acct:3002:0', { lines: line(2), inventoryBehaviour: 'decrement_obeying_policy' }),
      );
      expect(await at()).toBe(1);

      const short = await refused(() =>
        adapter.createOrder(f.ctx, exportOrder(f, 'joor:acct:3003:0', { lines: line(2), inventoryBehaviour: 'decrement_obeying_policy' })),
      );
      expect(short.code).toBe(ChannelErrorCode.INVALID_DATA);
      expect(short.message).toMatch(/^orderCreate refused: order\.lineItems\.0\.quantity: Unable to claim inventory/);
      expect(await adapter.findByIdentity(f.ctx, 'joor:acct:3003:0')).toEqual([]);
      expect(await at()).toBe(1);

      await adapter.createOrder(
        f.ctx,
        exportOrder(f, 'joor:acct:3004:0', { lines: line(2), inventoryBehaviour: 'decrement_ignoring_policy' }),
      );
      expect(await at()).toBe(-1);
    });

    it('a refusal of the order carries Shopify’s field and message', async () => {
      const error = await refused(() =>
        adapter.createOrder(
          f.ctx,
          exportOrder(f, 'joor:acct:4001:0', { fulfilled: true, channelLocationId: 'gid://shopify/Location/999999' }),
        ),
      );
      expect(error.code).toBe(ChannelErrorCode.INVALID_DATA);
      expect(error.message).toBe('orderCreate refused: order.fulfillment.locationId: Location does not exist');
    });
  });

  describe('findByIdentity and readExportedOrders', () => {
    it('finds nothing before the create and exactly the order after, quotes and all; reads cancellations', async () => {
      const identity = "joor:acct-7:O'Brien 5001:0";
      expect(await adapter.findByIdentity(f.ctx, identity)).toEqual([]);
      // A neighbour whose identity only starts the same must not be found.
      await adapter.createOrder(f.ctx, exportOrder(f, `${identity}0`));
      const created = await adapter.createOrder(f.ctx, exportOrder(f, identity, { name: 'JOOR-5001' }));
      expect(await adapter.findByIdentity(f.ctx, identity)).toEqual([created]);

      const cancelled = await gql(
        env,
        f.shop,
        f.token,
        `mutation($id: ID!) { orderCancel(orderId: $id, reason: OTHER, refund: false, restock: true) { orderCancelUserErrors { message } } }`,
        { id: created.externalId },
      );
      expect(cancelled.data.orderCancel.orderCancelUserErrors).toEqual([]);

      const other = await adapter.createOrder(f.ctx, exportOrder(f, 'joor:acct:5002:0'));
      const unknown = 'gid://shopify/Order/987654321';
      const read = await adapter.readExportedOrders(f.ctx, [created.externalId, numericId(other.externalId), unknown]);
      expect([...read.keys()]).toEqual([created.externalId, numericId(other.externalId)]);
      expect(read.get(created.externalId)).toEqual({ ...created, cancelled: true });
      expect(read.get(numericId(other.externalId))).toEqual({ ...other, cancelled: false });
      expect(await adapter.findByIdentity(f.ctx, identity)).toEqual([{ ...created, cancelled: true }]);
    });
  });

  it('an export of 20 lines: resolve and create, their calls and cost', async () => {
    const bulk = Object.values(f.bulk.variants);
    const { result, calls } = await recordCalls(env, async () => {
      const resolved = await adapter.resolveItems(
        f.ctx,
        bulk.map((v) => itemRef({ upc: numericId(v) })),
        f.locations[0],
      );
      return adapter.createOrder(
        f.ctx,
        exportOrder(f, 'joor:acct:6001:0', {
          lines: resolved.map((r, i) => ({
            channelItemId: r.channelItemId ?? '',
            quantity: 2,
            unitPrice: '12.00',
            title: `Bulk S${i + 1}`,
            properties: [],
          })),
          tax: { title: 'VAT', rate: '0.2' },
          inventoryBehaviour: 'decrement_obeying_policy',
          fulfilled: true,
          channelLocationId: f.locations[0],
        }),
      );
    });
    expect(result.cancelled).toBe(false);
    expect(calls.map((c) => c.operation)).toEqual(['ExportItemsByUpc', 'ExportOrderCreate']);
    console.info('order export: a 20-line export', JSON.stringify(calls));
  });
});
