import type { EntityManager } from 'typeorm';
import type { PersonalDataHolder, PersonalDataSubject } from './personal-data-holder';
import type { PersonalDataRegistry } from './personal-data.registry';
import type { NewPrivacyRequest, PrivacyRequestRepository } from './privacy-request.repository';
import { PrivacyService, type PrivacyRequestInput } from './privacy.service';

/** A holder that says what it was asked and answers fixed counts. */
function holder(key: string, calls: string[]): PersonalDataHolder {
  return {
    personalDataKey: key,
    redactOrders: (s: PersonalDataSubject) => (calls.push(`${key}.redactOrders(${s.orderExternalIds.join(',')})`), Promise.resolve(2)),
    redactAccount: (s: PersonalDataSubject) => (calls.push(`${key}.redactAccount(${s.externalAccountId})`), Promise.resolve(5)),
    exportSubject: () => (calls.push(`${key}.exportSubject`), Promise.resolve([{ table: `${key}_table`, id: '1', data: { key } }])),
  };
}

function setup(inserted: string | null = 'req-1') {
  const calls: string[] = [];
  const recorded: { insert?: NewPrivacyRequest; counts?: Record<string, number>; exported?: unknown; erased?: unknown } = {};
  const registry = { holders: () => [holder('core', calls), holder('wms', calls)] } as unknown as PersonalDataRegistry;
  const repository = {
    insert: (_m: EntityManager, r: NewPrivacyRequest) => ((recorded.insert = r), Promise.resolve(inserted)),
    complete: (_m: EntityManager, _id: string, counts: Record<string, number>, exported: unknown) => {
      recorded.counts = counts;
      recorded.exported = exported;
      return Promise.resolve();
    },
    eraseExports: (_m: EntityManager, scope: unknown) => ((recorded.erased = scope), Promise.resolve(1)),
  } as unknown as PrivacyRequestRepository;
  return { service: new PrivacyService(registry, repository), calls, recorded };
}

const base: PrivacyRequestInput = {
  kind: 'customer-redact',
  channel: 'shopify',
  externalAccountId: 'a.myshopify.com',
  storeId: 'store-1',
  orderExternalIds: ['gid://shopify/Order/1'],
  customer: { externalId: 'gid://shopify/Customer/7', email: 'c@example.com', phone: '555-0100' },
  sourceRef: 'shopify-inbox:1',
  channelRequestId: null,
};
const manager = {} as EntityManager;

describe('PrivacyService', () => {
  it("customer-redact: every holder redacts the orders, the customer's earlier exports are erased, no contact detail is kept", async () => {
    const { service, calls, recorded } = setup();
    expect(await service.handle(base, manager)).toEqual({
      requestId: 'req-1',
      duplicate: false,
      counts: { core: 2, wms: 2, 'privacy-request-exports': 1 },
    });
    expect(calls).toEqual(['core.redactOrders(gid://shopify/Order/1)', 'wms.redactOrders(gid://shopify/Order/1)']);
    expect(recorded.insert).toMatchObject({ customerExternalId: 'gid://shopify/Customer/7', customerEmail: null, customerPhone: null });
    expect(recorded.erased).toEqual({
      channel: 'shopify',
      externalAccountId: 'a.myshopify.com',
      customerExternalId: 'gid://shopify/Customer/7',
    });
    expect(recorded.exported).toBeNull();
  });

  it('customer-redact without a customer id erases no export (it could not tell whose)', async () => {
    const { service, recorded } = setup();
    const outcome = await service.handle({ ...base, customer: { externalId: null, email: 'c@example.com', phone: null } }, manager);
    expect(outcome.counts['privacy-request-exports']).toBe(0);
    expect(recorded.erased).toBeUndefined();
  });

  it("shop-redact: every holder redacts the account and all the shop's exports are erased", async () => {
    const { service, calls, recorded } = setup();
    const outcome = await service.handle({ ...base, kind: 'shop-redact', customer: null, orderExternalIds: [] }, manager);
    expect(calls).toEqual(['core.redactAccount(a.myshopify.com)', 'wms.redactAccount(a.myshopify.com)']);
    expect(outcome.counts).toEqual({ core: 5, wms: 5, 'privacy-request-exports': 1 });
    expect(recorded.erased).toEqual({ channel: 'shopify', externalAccountId: 'a.myshopify.com', customerExternalId: null });
  });

  it('customer-data-request: every holder exports, nothing is redacted, the contact details are kept to find the customer', async () => {
    const { service, calls, recorded } = setup();
    const outcome = await service.handle({ ...base, kind: 'customer-data-request', channelRequestId: '9999' }, manager);
    expect(calls).toEqual(['core.exportSubject', 'wms.exportSubject']);
    expect(outcome.counts).toEqual({ core: 1, wms: 1 });
    expect(recorded.insert).toMatchObject({ customerEmail: 'c@example.com', customerPhone: '555-0100', channelRequestId: '9999' });
    expect(recorded.exported).toEqual({
      channel: 'shopify',
      account: 'a.myshopify.com',
      customer: base.customer,
      ordersRequested: ['gid://shopify/Order/1'],
      records: {
        core: [{ table: 'core_table', id: '1', data: { key: 'core' } }],
        wms: [{ table: 'wms_table', id: '1', data: { key: 'wms' } }],
      },
    });
  });

  it('a delivery handled before does nothing again', async () => {
    const { service, calls, recorded } = setup(null);
    expect(await service.handle(base, manager)).toEqual({ requestId: null, duplicate: true, counts: {} });
    expect(calls).toEqual([]);
    expect(recorded.counts).toBeUndefined();
  });
});
