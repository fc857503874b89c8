import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ChannelRegistry, PUBLIC_ROUTE, REQUIRED_ROLE, Role, validateSettings } from '@gantry/core';
import { makeStore, startTestApp, uniq, type TestApp } from '@gantry/testing';
import type { Response } from 'supertest';

type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  description?: string;
  required?: string[];
};
type Media = { schema?: Schema; example?: unknown; examples?: Record<string, unknown> };
type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { description?: string; content?: Record<string, Media> };
  responses: Record<string, { description?: string; content?: Record<string, Media> }>;
  security?: unknown[];
  'x-required-role'?: string;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, string>> };
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
// The health check answers its own JSON body for 503 (load balancers read it); every other error is problem+json.
const OWN_ERROR_BODY = new Set(['HealthController_check']);

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  let operations: (Operation & { label: string })[];

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http(null).get('/docs/json').expect(200);
    expect(res.headers['content-type']).toContain('application/json');
    doc = res.body as Document;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => ({ ...op, label: `${method.toUpperCase()} ${path}` })),
    );
  });
  afterAll(() => t.close());

  /** The schema itself, or the component a `$ref` (possibly wrapped in `allOf` to carry a description) points to. */
  const resolve = (schema: Schema | undefined): Schema | undefined => {
    const ref = schema?.$ref ?? (schema?.allOf?.length === 1 ? schema.allOf[0]?.$ref : undefined);
    return ref ? doc.components.schemas[ref.replace('#/components/schemas/', '')] : schema;
  };

  /** Every handler the app routes, with the role it declares (as the route-guards test finds them). */
  const handlers = (): { id: string; role: string | undefined; isPublic: boolean }[] => {
    const reflector = new Reflector();
    const found: { id: string; role: string | undefined; isPublic: boolean }[] = [];
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as (new (...args: unknown[]) => object) | null;
        if (!type || Reflect.getMetadata('swagger/apiExcludeController', type)) {
          continue;
        }
        for (const name of Object.getOwnPropertyNames(type.prototype)) {
          const handler = (type.prototype as Record<string, unknown>)[name];
          if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) {
            continue;
          }
          const targets = [handler as () => void, type];
          found.push({
            id: `${type.name}_${name}`,
            role: reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets),
            isPublic: reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets) === true,
          });
        }
      }
    }
    return found;
  };

  it('documents every route the app serves', () => {
    const documented = new Set(operations.map((o) => o.operationId));
    const routes = handlers();
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((r) => r.id).filter((id) => !documented.has(id))).toEqual([]);
    expect(operations.length).toBe(routes.length);
  });

  it('gives every operation a summary', () => {
    expect(operations.filter((o) => !o.summary?.trim()).map((o) => o.label)).toEqual([]);
  });

  it('names the role each operation needs, as the handler declares it', () => {
    const declared = new Map(handlers().map((h) => [h.id, h.isPublic ? 'public' : h.role]));
    const wrong = operations
      .filter((o) => !o['x-required-role'] || o['x-required-role'] !== declared.get(o.operationId))
      .map((o) => `${o.label}: ${String(o['x-required-role'])} (declared ${String(declared.get(o.operationId))})`);
    expect(wrong).toEqual([]);
    const undescribed = operations.filter(
      (o) => !o.description?.includes(o['x-required-role'] === 'public' ? 'Role: none' : `Role: ${o['x-required-role']}`),
    );
    expect(undescribed.map((o) => o.label)).toEqual([]);
    const stores = doc.paths['/api/v1/stores/{id}/product-sync']?.post;
    expect(stores?.['x-required-role']).toBe(Role.INTEGRATION_MANAGER);
    expect(stores?.description).toContain('Role: integration_manager');
  });

  it('gives every operation a success answer with a schema and an example (204 and redirects excepted)', () => {
    const offenders: string[] = [];
    for (const op of operations) {
      const success = Object.entries(op.responses).filter(([status]) => /^[23]\d\d$/.test(status));
      if (success.length === 0) {
        offenders.push(`${op.label}: no success response`);
        continue;
      }
      for (const [status, response] of success) {
        if (status === '204' || status.startsWith('3')) {
          continue;
        }
        const media = response.content?.['application/json'];
        const schema = resolve(media?.schema?.type === 'array' ? media.schema.items : media?.schema);
        if (!schema || (!schema.properties && !schema.oneOf && schema.type !== 'string')) {
          offenders.push(`${op.label}: ${status} has no content schema`);
        }
        if (media?.example === undefined && media?.examples === undefined) {
          offenders.push(`${op.label}: ${status} has no example`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('answers errors as problem+json with the shared ProblemDetails schema', () => {
    const problem = doc.components.schemas.ProblemDetails;
    expect(Object.keys(problem?.properties ?? {})).toEqual(expect.arrayContaining(['status', 'title', 'detail', 'errors']));
    expect(Object.keys(resolve(problem?.properties?.errors?.items)?.properties ?? {})).toEqual(['field', 'message']);
    const offenders: string[] = [];
    for (const op of operations) {
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]\d\d$/.test(status));
      if (errors.length === 0 && !OWN_ERROR_BODY.has(op.operationId)) {
        offenders.push(`${op.label}: no error response`);
      }
      for (const [status, response] of errors) {
        if (OWN_ERROR_BODY.has(op.operationId)) {
          continue;
        }
        if (response.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/ProblemDetails') {
          offenders.push(`${op.label}: ${status} is not problem+json`);
        }
      }
      if (op['x-required-role'] !== 'public' && !(op.responses['401'] && op.responses['403'])) {
        offenders.push(`${op.label}: guarded but without 401/403`);
      }
      if (op.requestBody && !(op.responses['400'] && op.responses['413'])) {
        offenders.push(`${op.label}: takes a body but documents no 400/413`);
      }
      if (op.parameters?.some((p) => p.in === 'path') && !op.responses['404']) {
        offenders.push(`${op.label}: has a path parameter but no 404`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('documents every request body with a schema and an example', () => {
    const offenders: string[] = [];
    for (const op of operations.filter((o) => o.requestBody)) {
      const media = op.requestBody?.content?.['application/json'];
      const schema = resolve(media?.schema?.type === 'array' ? media.schema.items : media?.schema);
      if (!schema || (!schema.properties && !schema.oneOf)) {
        offenders.push(`${op.label}: no request schema`);
      }
      if (media?.example === undefined && media?.examples === undefined) {
        offenders.push(`${op.label}: no request example`);
      }
    }
    expect(offenders).toEqual([]);
    expect(operations.filter((o) => o.requestBody).length).toBeGreaterThan(10);
  });

  it('documents query parameters with a schema', () => {
    const bare = operations.flatMap((o) =>
      (o.parameters ?? []).filter((p) => p.in === 'query' && !p.schema?.type && !p.schema?.$ref).map((p) => `${o.label} ?${p.name}`),
    );
    expect(bare).toEqual([]);
    const preview = doc.paths['/api/v1/stores/{id}/order-filters/preview']?.get;
    expect(preview?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['days', 'statuses', 'tagsAnyOf', 'createdOnOrAfter']));
  });

  it('documents the settings of each channel for PATCH /stores/{id}/settings, as a partial', () => {
    const patch = doc.paths['/api/v1/stores/{id}/settings']?.patch;
    const body = patch?.requestBody;
    expect(body?.description).toMatch(/partial/i);
    const media = body?.content?.['application/json'];
    const refs = (media?.schema?.oneOf ?? []).map((s) => s.$ref);
    expect(refs).toEqual(expect.arrayContaining(['#/components/schemas/ShopifyStoreSettings', '#/components/schemas/JoorStoreSettings']));
    expect(Object.keys(media?.examples ?? {})).toEqual(expect.arrayContaining(['shopify', 'joor-b2b']));

    const shopify = doc.components.schemas.ShopifyStoreSettings;
    expect(Object.keys(shopify?.properties ?? {})).toEqual(
      expect.arrayContaining(['stockSync', 'orderFilters', 'fulfillment', 'returns', 'createMissingProducts']),
    );
    expect(shopify?.required ?? []).toEqual([]);
    const stockSync = resolve(shopify?.properties?.stockSync);
    expect(stockSync?.properties?.mode?.enum).toEqual(['absolute', 'delta']);
    expect(stockSync?.properties?.windowSeconds).toMatchObject({ minimum: 1, maximum: 3600 });
    const filters = resolve(shopify?.properties?.orderFilters);
    expect(filters?.properties?.financialStatuses?.items?.enum).toContain('PAID');

    const joor = doc.components.schemas.JoorStoreSettings;
    expect(joor?.properties?.intervalMinutes).toMatchObject({ minimum: 15 });
    expect(Object.keys(joor?.properties ?? {})).toEqual(
      expect.arrayContaining(['syncAsFulfilled', 'locationId', 'inventoryBehaviour', 'taxByCountry', 'noteFields', 'alertEmails']),
    );
    // Every settings field says what it means.
    const undescribed: string[] = [];
    const walk = (name: string, schema: Schema | undefined, seen: Set<string>): void => {
      for (const [field, property] of Object.entries(schema?.properties ?? {})) {
        if (!property.description && !resolve(property)?.description) {
          undescribed.push(`${name}.${field}`);
        }
        const nested = property.$ref ?? property.allOf?.[0]?.$ref ?? property.items?.$ref;
        if (nested && !seen.has(nested)) {
          seen.add(nested);
          walk(`${name}.${field}`, resolve({ $ref: nested }), seen);
        }
      }
    };
    walk('ShopifyStoreSettings', shopify, new Set());
    walk('JoorStoreSettings', joor, new Set());
    expect(undescribed).toEqual([]);
  });

  it('describes the API key scheme as gk_… keys, not JWTs', () => {
    const schemes = Object.values(doc.components.securitySchemes);
    expect(schemes).toHaveLength(1);
    expect(schemes[0]).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes[0]?.bearerFormat).toMatch(/^gk_/);
    expect(schemes[0]?.bearerFormat).not.toMatch(/JWT/i);
  });

  it.each(['/docs', '/docs/'])('serves the UI at %s with assets that load', async (page) => {
    const res = await fetch(new URL(page, t.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"#]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
    expect(assets).toEqual(
      expect.arrayContaining([expect.stringMatching(/swagger-ui-bundle\.js$/), expect.stringMatching(/swagger-ui\.css$/)]),
    );
    for (const asset of assets) {
      const loaded = await fetch(new URL(asset, res.url));
      expect({ asset, status: loaded.status }).toEqual({ asset, status: 200 });
    }
    const init = await fetch(new URL(assets.find((a) => a.endsWith('swagger-ui-init.js')) ?? 'swagger-ui-init.js', res.url));
    expect(await init.text()).toContain('"x-required-role"');
  });

  /** What in `value` the schema does not describe: undocumented fields, missing required ones, wrong types, unexpected nulls. */
  const mismatches = (value: unknown, schema: Schema | undefined, at: string): string[] => {
    const own = resolve(schema);
    if (!own) {
      return [`${at}: no schema`];
    }
    if (value === null) {
      return own.nullable || schema?.nullable ? [] : [`${at}: null, not nullable`];
    }
    if (own.enum && !own.enum.includes(value)) {
      return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(own.enum)}`];
    }
    if (own.type === 'array') {
      return Array.isArray(value) ? value.flatMap((item, i) => mismatches(item, own.items, `${at}[${i}]`)) : [`${at}: not an array`];
    }
    if (own.type === 'object' || own.properties) {
      if (typeof value !== 'object' || Array.isArray(value)) {
        return [`${at}: not an object`];
      }
      const record = value as Record<string, unknown>;
      const properties = own.properties ?? {};
      return [
        ...(own.required ?? []).filter((key) => !(key in record)).map((key) => `${at}.${key}: required but absent`),
        ...Object.entries(record).flatMap(([key, item]) =>
          properties[key]
            ? mismatches(item, properties[key], `${at}.${key}`)
            : own.additionalProperties
              ? []
              : [`${at}.${key}: not documented`],
        ),
      ];
    }
    const type = own.type === 'integer' ? 'number' : own.type;
    return type && typeof value !== type ? [`${at}: ${typeof value}, documented as ${own.type}`] : [];
  };

  /** Checks an answer against the document's schema for that operation and status. */
  const conforms = (res: Response, method: string, path: string): string[] => {
    const operation = doc.paths[path]?.[method];
    const response = operation?.responses[String(res.status)];
    const type = String(res.headers['content-type'] ?? '').split(';')[0] ?? '';
    const media = response?.content?.[type];
    if (!media) {
      return [`${method.toUpperCase()} ${path}: ${res.status} ${type} is not documented`];
    }
    return mismatches(res.body, media.schema, `${method.toUpperCase()} ${path} ${res.status}`);
  };

  it('matches what the API answers', async () => {
    const api = t.http();
    const found: string[] = [];
    const check = (res: Response, method: string, path: string): Response => {
      found.push(...conforms(res, method, path));
      return res;
    };
    const wh = check(await api.post('/api/v1/warehouses').send({ code: uniq('WH'), name: 'Amsterdam' }), 'post', '/api/v1/warehouses').body;
    check(await api.get('/api/v1/warehouses'), 'get', '/api/v1/warehouses');
    check(await api.get(`/api/v1/warehouses/${wh.id}`), 'get', '/api/v1/warehouses/{id}');
    const process = { code: uniq('SP'), name: 'Parcel', warehouseId: wh.id };
    check(await api.post('/api/v1/shipping-processes').send(process), 'post', '/api/v1/shipping-processes');
    check(await api.get(`/api/v1/shipping-processes?warehouseId=${wh.id}`), 'get', '/api/v1/shipping-processes');
    const sku = uniq('SKU');
    const product = check(
      await api.post('/api/v1/products').send({ sku, name: 'T-shirt', barcode: '8712345678906' }),
      'post',
      '/api/v1/products',
    ).body;
    check(await api.get(`/api/v1/products?sku=${sku}`), 'get', '/api/v1/products');
    check(await api.get(`/api/v1/products/${product.id}`), 'get', '/api/v1/products/{id}');
    check(
      await api.post('/api/v1/stock/movements').send({ type: 'receipt', sku, warehouseId: wh.id, quantity: 10 }),
      'post',
      '/api/v1/stock/movements',
    );
    check(
      await api.post('/api/v1/stock/movements/batch').send({ movements: [{ type: 'adjustment', sku, warehouseId: wh.id, quantity: -1 }] }),
      'post',
      '/api/v1/stock/movements/batch',
    );
    check(await api.get(`/api/v1/stock/levels?warehouseId=${wh.id}`), 'get', '/api/v1/stock/levels');
    const order = check(
      await api.post('/api/v1/orders').send({ warehouseId: wh.id, reference: 'ERP-1', lines: [{ sku, quantity: 2 }] }),
      'post',
      '/api/v1/orders',
    ).body;
    check(await api.get('/api/v1/orders?limit=5'), 'get', '/api/v1/orders');
    const shipment = check(
      await api
        .post(`/api/v1/orders/${order.id}/shipments`)
        .send({ carrier: 'dhl_express', trackingNumber: 'JJD1', lines: [{ sku, quantity: 1 }] }),
      'post',
      '/api/v1/orders/{id}/shipments',
    ).body;
    check(await api.get(`/api/v1/orders/${order.id}`), 'get', '/api/v1/orders/{id}');
    check(await api.get(`/api/v1/shipments/${shipment.id}`), 'get', '/api/v1/shipments/{id}');
    check(
      await api.put(`/api/v1/shipments/${shipment.id}/tracking`).send({ carrier: 'dhl_express', parcels: [{ trackingNumber: 'JJD2' }] }),
      'put',
      '/api/v1/shipments/{id}/tracking',
    );
    check(await api.post(`/api/v1/orders/${order.id}/cancel`), 'post', '/api/v1/orders/{id}/cancel');
    const ret = check(
      await api.post('/api/v1/returns').send({ orderId: order.id, reason: 'Too small', lines: [{ sku, quantity: 1 }] }),
      'post',
      '/api/v1/returns',
    ).body;
    check(
      await api.post(`/api/v1/returns/${ret.id}/receive`).send({ lines: [{ sku, quantity: 1, restock: true }] }),
      'post',
      '/api/v1/returns/{id}/receive',
    );
    check(await api.get(`/api/v1/returns/${ret.id}`), 'get', '/api/v1/returns/{id}');
    check(await api.get('/api/v1/returns'), 'get', '/api/v1/returns');
    check(await api.get('/api/v1/plugins'), 'get', '/api/v1/plugins');
    check(await api.post('/api/v1/plugins/shopify/activate'), 'post', '/api/v1/plugins/{key}/activate');
    const store = await makeStore(t, { pluginKey: 'shopify', externalAccountId: `${uniq('shop')}.myshopify.com` });
    check(await api.get('/api/v1/stores'), 'get', '/api/v1/stores');
    check(await api.get(`/api/v1/stores/${store.id}`), 'get', '/api/v1/stores/{id}');
    const settings = check(
      await api.patch(`/api/v1/stores/${store.id}/settings`).send({ stockSync: { windowSeconds: 45 } }),
      'patch',
      '/api/v1/stores/{id}/settings',
    ).body;
    // The store answers every settings field, each of them documented in the channel's schema.
    found.push(...mismatches(settings.settings, { $ref: '#/components/schemas/ShopifyStoreSettings' }, 'ShopifyStoreSettings'));
    check(await api.get('/api/v1/sync-runs?limit=5'), 'get', '/api/v1/sync-runs');
    check(await api.get(`/api/v1/stores/${store.id}/channel-orders`), 'get', '/api/v1/stores/{id}/channel-orders');
    check(await api.get(`/api/v1/stores/${store.id}/fulfillment-pushes`), 'get', '/api/v1/stores/{id}/fulfillment-pushes');
    check(await api.get(`/api/v1/stores/${store.id}/channel-returns`), 'get', '/api/v1/stores/{id}/channel-returns');
    check(await api.get('/api/v1/exports'), 'get', '/api/v1/exports');
    // Errors, as documented.
    check(await api.get(`/api/v1/warehouses/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`), 'get', '/api/v1/warehouses/{id}');
    check(await api.get('/api/v1/warehouses/not-a-uuid'), 'get', '/api/v1/warehouses/{id}');
    check(await api.post('/api/v1/warehouses').send({ code: wh.code, name: 'Again' }), 'post', '/api/v1/warehouses');
    check(await api.post('/api/v1/products').send({ colour: 'red' }), 'post', '/api/v1/products');
    check(await t.http(null).get('/api/v1/stores'), 'get', '/api/v1/stores');
    check(await t.http(Role.VIEWER).post('/api/v1/warehouses').send({ code: 'X', name: 'X' }), 'post', '/api/v1/warehouses');
    check(await t.http(null).get('/health'), 'get', '/health');
    expect(found).toEqual([]);
  });

  it('gives request examples the API accepts', async () => {
    const refused: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const media = op.requestBody?.content?.['application/json'];
        if (!media || op.operationId === 'StoreController_updateSettings') {
          continue;
        }
        const examples = media.examples
          ? Object.entries(media.examples).map(([name, ex]) => [name, (ex as { value: unknown }).value] as const)
          : [['example', media.example] as const];
        for (const [name, value] of examples) {
          const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
          const res = await t
            .http()
            [method as 'post' | 'put' | 'patch'](url)
            .send(value as object);
          // 404/409 for the example ids, 503 for a channel not configured here: anything but a refused request.
          if (res.status === 400 || res.status === 500) {
            refused.push(`${method.toUpperCase()} ${path} (${name}): ${res.status} ${JSON.stringify(res.body)}`);
          }
        }
      }
    }
    expect(refused).toEqual([]);
    // The settings examples, one per channel, are valid settings of that channel.
    const media = doc.paths['/api/v1/stores/{id}/settings']?.patch?.requestBody?.content?.['application/json'];
    for (const adapter of t.app.get(ChannelRegistry).list()) {
      const example = (media?.examples?.[adapter.key] as { value?: unknown } | undefined)?.value;
      expect({ channel: adapter.key, valid: (() => validateSettings(adapter.settingsClass, example) && true)() }).toEqual({
        channel: adapter.key,
        valid: true,
      });
    }
  });

  it('sends /docs/index.html to the page whose assets load', async () => {
    const res = await fetch(new URL('/docs/index.html', t.url), { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/docs/');
  });
});
