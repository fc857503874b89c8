/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- dynamic GraphQL bodies */
import type { OrdersFixture } from '../../../libs/channels/shopify/test/orders-in.fixture';
import type { ShopifyTestEnv } from '../../../libs/channels/shopify/test/shopify-test.env';

/** The sync-run kind of the flow that makes each Admin API operation of the app (the operation names of the adapter). */
export const FLOW_OF_OPERATION: Record<string, string> = {
  GantrySetAvailable: 'stock-push',
  GantryAdjustAvailable: 'stock-push',
  // The reads of an unknown outcome or of stale lines, counted on the push's runs.
  GantryReadAvailable: 'stock-push',
  OrdersByIds: 'order-import',
  MoreLines: 'order-import',
  OrdersPage: 'order-import',
  FulfillmentState: 'fulfillment-push',
  FulfillmentCreate: 'fulfillment-push',
  FulfillmentTrackingInfoUpdate: 'fulfillment-push',
  ReturnsByIds: 'return-sync',
  ReverseFulfillmentOrderDispose: 'return-sync',
  ReturnClose: 'return-sync',
  OrdersWithOpenReturns: 'return-reconcile',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The shop's staff (the storefront, the merchant's admin) calling the sandbox while its faults are on: reads are sent
 * again until answered; a write whose answer was lost is looked for before it is sent again, so each happens once.
 */
export class StaffShop {
  constructor(
    private readonly env: ShopifyTestEnv,
    private readonly f: OrdersFixture,
  ) {}

  /** One answered call: null when the answer was lost (503, reset) or throttled. */
  private async once(query: string, variables: Record<string, unknown> = {}): Promise<any> {
    try {
      const res = await fetch(`${this.env.sandboxUrl}/${this.f.shop}/admin/api/2026-07/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': this.f.token },
        body: JSON.stringify({ query, variables }),
      });
      if (res.status !== 200) {
        return null;
      }
      const body = (await res.json()) as any;
      if ((body.errors as { extensions?: { code?: string } }[] | undefined)?.some((e) => e.extensions?.code === 'THROTTLED')) {
        return null;
      }
      return body;
    } catch {
      return null;
    }
  }

  async read(query: string, variables: Record<string, unknown> = {}): Promise<any> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const body = await this.once(query, variables);
      if (body) {
        expect(body.errors).toBeUndefined();
        return body.data;
      }
      await sleep(200);
    }
    throw new Error(`no answer to ${query}`);
  }

  /** Sends a write until it is answered or `applied()` finds it was done by an attempt whose answer was lost. */
  private async write<T>(
    query: string,
    variables: Record<string, unknown>,
    answered: (data: any) => T,
    applied: () => Promise<T | null>,
  ): Promise<T> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const body = await this.once(query, variables);
      if (body) {
        expect(body.errors).toBeUndefined();
        return answered(body.data);
      }
      const found = await applied();
      if (found !== null) {
        return found;
      }
      await sleep(200);
    }
    throw new Error(`no answer to ${query}`);
  }

  /** A storefront order (inventory claimed), told apart from the others by its note; returns its id. */
  createOrder(lines: { variant: number; quantity: number }[], note: string): Promise<string> {
    return this.write(
      `mutation($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
        orderCreate(order: $order, options: $options) { order { id } userErrors { field message } }
      }`,
      {
        order: {
          email: 'buyer@example.com',
          note,
          shippingAddress: {
            firstName: 'Ada',
            lastName: 'Buyer',
            address1: '1 Main St',
            city: 'Springfield',
            countryCode: 'US',
            zip: '12345',
          },
          lineItems: lines.map((l) => ({ variantId: this.f.variants[l.variant], quantity: l.quantity, requiresShipping: true })),
        },
        options: { inventoryBehaviour: 'DECREMENT_IGNORING_POLICY' },
      },
      (data) => {
        expect(data.orderCreate.userErrors).toEqual([]);
        return data.orderCreate.order.id as string;
      },
      async () => (await this.orders()).find((o) => o.note === note)?.id ?? null,
    );
  }

  /** A return opened by the merchant for `quantity` of the order's fulfilled `sku`. */
  async createReturn(orderId: string, sku: string, quantity: number): Promise<string> {
    const data = await this.read(
      `query($id: ID!) { order(id: $id) { fulfillments(first: 20) { fulfillmentLineItems(first: 50) { nodes { id lineItem { sku } } } } } }`,
      { id: orderId },
    );
    const unit = data.order.fulfillments.flatMap((x: any) => x.fulfillmentLineItems.nodes).find((u: any) => u.lineItem.sku === sku);
    const existing = async (): Promise<string | null> => {
      const read = await this.read(`query($id: ID!) { order(id: $id) { returns(first: 10) { nodes { id } } } }`, { id: orderId });
      return (read.order.returns.nodes[0]?.id as string | undefined) ?? null;
    };
    return this.write(
      `mutation($input: ReturnInput!) { returnCreate(returnInput: $input) { return { id } userErrors { field message } } }`,
      { input: { orderId, returnLineItems: [{ fulfillmentLineItemId: unit?.id, quantity, returnReasonNote: 'does not fit' }] } },
      (answer) => {
        expect(answer.returnCreate.userErrors).toEqual([]);
        return answer.returnCreate.return.id as string;
      },
      existing,
    );
  }

  async orders(): Promise<{ id: string; note: string | null }[]> {
    const data = await this.read('{ orders(first: 250) { nodes { id note } } }');
    return data.orders.nodes as { id: string; note: string | null }[];
  }

  async orderIds(): Promise<string[]> {
    return (await this.orders()).map((o) => o.id);
  }

  /** Shopify's available quantity of every SKU at the location. */
  async available(locationId: string): Promise<Map<string, number>> {
    const data = await this.read(
      `query($loc: ID!) { location(id: $loc) { inventoryLevels(first: 250) { nodes { item { sku } quantities(names: ["available"]) { quantity } } } } }`,
      { loc: locationId },
    );
    const nodes = data.location.inventoryLevels.nodes as { item: { sku: string }; quantities: { quantity: number }[] }[];
    return new Map(nodes.map((n) => [n.item.sku, n.quantities[0]?.quantity ?? 0]));
  }
}
