import { ChannelAdapterException, ChannelErrorCode } from '@gantry/core';
import { JOOR_DEFAULT_RETRY_AFTER_MS, JoorApiClient } from './joor-api.client';
import { JoorApiConfig } from './joor-api.config';

const BASE = 'https://joor.example/v2';
const client = new JoorApiClient(new JoorApiConfig(`${BASE}/`));

function answer(status: number, body: string, headers: Record<string, string> = {}): void {
  jest
    .spyOn(globalThis, 'fetch')
    .mockResolvedValueOnce(new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } }));
}

async function refusal(call: Promise<unknown>): Promise<ChannelAdapterException> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(ChannelAdapterException);
    return error as ChannelAdapterException;
  }
  throw new Error('expected the call to fail');
}

describe('JoorApiClient', () => {
  afterEach(() => jest.restoreAllMocks());

  it('calls the v2 base with OAuth2 <base64 token> and JSON, leaving out undefined parameters', async () => {
    answer(200, '{"total":"0","count":"0","start_from":"0","next_start_from":null,"orders":[]}', { 'X-Throttling-Account-Id': 'acme' });
    const list = await client.listOrders('s3cret token', { sync: 0, count: 1, order_type: 6, order_id: undefined });
    const [url, init] = (globalThis.fetch as jest.Mock).mock.calls[0] as [string, RequestInit];
    expect(url).toBe(`${BASE}/orders?sync=0&count=1&order_type=6`);
    expect(init.headers).toEqual({ authorization: `OAuth2 ${Buffer.from('s3cret token').toString('base64')}`, accept: 'application/json' });
    expect(list).toEqual({ orders: [], total: 0, nextStartFrom: null, accountId: 'acme' });
  });

  it('keeps every number of the answer as its exact text', async () => {
    answer(200, '{"total":1,"next_start_from":50,"orders":[{"order_id":90071992547409931,"item_price":210.10}]}');
    const list = await client.listOrders('t', {});
    expect(list.orders).toEqual([{ order_id: '90071992547409931', item_price: '210.10' }]);
    expect(list).toMatchObject({ total: 1, nextStartFrom: 50, accountId: null });
  });

  it.each<[number, Record<string, string>, string, ChannelErrorCode, number | undefined]>([
    [401, {}, '{"error":"unauthorized"}', ChannelErrorCode.AUTH_REVOKED, undefined],
    [403, {}, 'Forbidden', ChannelErrorCode.AUTH_REVOKED, undefined],
    [429, { 'Retry-After': '42' }, '{"message":"slow down"}', ChannelErrorCode.RATE_LIMITED, 42_000],
    [429, {}, '', ChannelErrorCode.RATE_LIMITED, JOOR_DEFAULT_RETRY_AFTER_MS],
    [500, {}, '{"message":"Internal Server Error"}', ChannelErrorCode.TEMPORARY, undefined],
    [503, {}, '<html>down</html>', ChannelErrorCode.TEMPORARY, undefined],
    [400, {}, '{"error":"invalid_parameter","message":"order_type must be 1-8"}', ChannelErrorCode.INVALID_DATA, undefined],
    [404, {}, '{"message":"No such resource"}', ChannelErrorCode.INVALID_DATA, undefined],
  ])('answers HTTP %i %j as %s', async (status, headers, body, code, retryAfterMs) => {
    answer(status, body, headers);
    const error = await refusal(client.listOrders('t', {}));
    expect(error.code).toBe(code);
    expect(error.retryAfterMs).toBe(retryAfterMs);
  });

  it('quotes JOOR’s own words when it refuses a request', async () => {
    answer(400, '{"error":"invalid_parameter","message":"order_type must be 1-8"}');
    expect((await refusal(client.listOrders('t', {}))).message).toBe('JOOR refused GET /orders (HTTP 400): order_type must be 1-8');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(JoorApiClient.retryAfterMs('7', now)).toBe(7000);
    expect(JoorApiClient.retryAfterMs('Thu, 01 Jan 2026 00:01:30 GMT', now)).toBe(90_000);
    expect(JoorApiClient.retryAfterMs('soon', now)).toBe(JOOR_DEFAULT_RETRY_AFTER_MS);
    expect(JoorApiClient.retryAfterMs(null, now)).toBe(JOOR_DEFAULT_RETRY_AFTER_MS);
  });

  it('answers a network failure or an unreadable body as TEMPORARY, and an undocumented shape as UNKNOWN', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValueOnce(new TypeError('fetch failed'));
    expect((await refusal(client.listOrders('t', {}))).code).toBe(ChannelErrorCode.TEMPORARY);
    answer(200, '{"orders":[');
    expect((await refusal(client.listOrders('t', {}))).code).toBe(ChannelErrorCode.TEMPORARY);
    answer(200, '[{"order_id":"1"}]');
    expect((await refusal(client.listOrders('t', {}))).code).toBe(ChannelErrorCode.UNKNOWN);
    answer(200, '{"data":[]}');
    expect((await refusal(client.getOrder('t', '1'))).code).toBe(ChannelErrorCode.UNKNOWN);
  });

  it('reads one order as JOOR sends it (bare or wrapped), and a 404 as unknown', async () => {
    answer(200, '{"order_id":"7","line_items":[]}');
    expect(await client.getOrder('t', '7')).toEqual({ order_id: '7', line_items: [] });
    answer(200, '{"order":{"order_id":"7"}}');
    expect(await client.getOrder('t', '7')).toEqual({ order_id: '7' });
    answer(200, '{"orders":[{"order_id":"7"}]}');
    expect(await client.getOrder('t', '7')).toEqual({ order_id: '7' });
    answer(404, '{"message":"Order 8 not found"}');
    expect(await client.getOrder('t', '8')).toBeNull();
    const [url] = (globalThis.fetch as jest.Mock).mock.calls[3] as [string];
    expect(url).toBe(`${BASE}/order/8`);
  });
});
