import { Role } from '@gantry/core';
import { startTestApp, type TestApp } from '@gantry/testing';

describe('platform endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports database and Redis in /health without a key', async () => {
    const res = await t.http(null).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('serves Prometheus metrics to viewers: queue depths, outbox lag and HTTP latency', async () => {
    await t.http().get('/api/v1/warehouses').expect(200);
    await t.http(null).get('/metrics').expect(401);
    const res = await t.http(Role.VIEWER).get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/^gantry_queue_jobs\{queue="outbox-queue",state="waiting"\} \d+/m);
    expect(res.text).toMatch(/^gantry_outbox_lag_seconds \d/m);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/api\/v1\/warehouses".*\}/);
  });

  it('publishes the OpenAPI document with bearer auth', async () => {
    const res = await t.http(null).get('/docs/json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/stock/movements',
        '/api/v1/stock/movements/batch',
        '/api/v1/stock/levels',
        '/api/v1/plugins',
        '/api/v1/stores/{id}/settings',
        '/api/v1/sync-runs',
        '/api/v1/stores/shopify',
        '/api/v1/stores/{id}/location-mappings',
        '/api/v1/stores/{id}/product-sync',
        '/api/v1/stores/{id}/stock-reconcile',
      ]),
    );
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
