import { parseComplianceRequest } from './compliance-request.parser';

describe('parseComplianceRequest', () => {
  it('reads customers/redact with its orders as GIDs, ids beyond 2^53 exactly', () => {
    const body =
      '{"shop_id":954889,"shop_domain":"a.myshopify.com","customer":{"id":9007199254740993,"email":"john@example.com","phone":"555-625-1199"},"orders_to_redact":[299938,9007199254740995,299938]}';
    expect(parseComplianceRequest('customers/redact', body)).toEqual({
      kind: 'customer-redact',
      customer: { externalId: 'gid://shopify/Customer/9007199254740993', email: 'john@example.com', phone: '555-625-1199' },
      orderExternalIds: ['gid://shopify/Order/299938', 'gid://shopify/Order/9007199254740995'],
      channelRequestId: null,
    });
  });

  it('reads customers/data_request with the request id and a customer known by e-mail only', () => {
    const body = '{"shop_domain":"a.myshopify.com","customer":{"email":"x@example.com"},"orders_requested":[1],"data_request":{"id":9999}}';
    expect(parseComplianceRequest('customers/data_request', body)).toEqual({
      kind: 'customer-data-request',
      customer: { externalId: null, email: 'x@example.com', phone: null },
      orderExternalIds: ['gid://shopify/Order/1'],
      channelRequestId: '9999',
    });
  });

  it('reads shop/redact as the whole shop, and ignores ids that are not ids', () => {
    expect(parseComplianceRequest('shop/redact', '{"shop_id":954889,"shop_domain":"a.myshopify.com"}')).toEqual({
      kind: 'shop-redact',
      customer: null,
      orderExternalIds: [],
      channelRequestId: null,
    });
    expect(parseComplianceRequest('customers/redact', '{"customer":{"id":"x"},"orders_to_redact":["1; DROP",2.5,3]}')).toMatchObject({
      customer: { externalId: null },
      orderExternalIds: ['gid://shopify/Order/3'],
    });
  });

  it('refuses a body that is not a JSON object and a topic that is not a compliance topic', () => {
    expect(() => parseComplianceRequest('customers/redact', '[1]')).toThrow('not a JSON object');
    expect(() => parseComplianceRequest('customers/redact', 'nope')).toThrow();
    expect(() => parseComplianceRequest('orders/create', '{}')).toThrow('not a compliance topic');
  });
});
