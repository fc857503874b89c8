import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE, REQUIRED_ROLE, Role } from '@gantry/core';
import { startTestApp, type TestApp } from '@gantry/testing';

interface Route {
  method: string;
  path: string;
  isPublic: boolean;
  role: Role | undefined;
}

// The only routes that may answer without an API key: they authenticate by other means (HMAC, OAuth state, a password) or not at all.
const PUBLIC_ALLOWED = [
  /^GET \/health$/,
  /^GET \/metrics$/,
  /^GET \/api\/v1\/auth\/[^/]+\/callback$/,
  /^POST \/api\/v1\/webhooks\/[^/]+$/,
  // Signing in and out: they take a password, an invitation token or the session itself.
  /^POST \/api\/v1\/auth\/(sign-in|sign-out|accept-invitation)$/,
  /^GET \/api\/v1\/auth\/session$/,
];

function enumerateRoutes(t: TestApp): Route[] {
  const discovery = t.app.get(DiscoveryService);
  const scanner = t.app.get(MetadataScanner);
  const reflector = t.app.get(Reflector);
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: unknown[]) => object) | null;
    if (!type) {
      continue;
    }
    const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    for (const name of scanner.getAllMethodNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[name] as object;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (sub === undefined) {
        continue;
      }
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const unprefixed = ['health', 'metrics'].includes(base);
      const path = `/${[unprefixed ? '' : 'api/v1', base, sub].filter((s) => s && s !== '/').join('/')}`.replace(/\/+/g, '/');
      routes.push({
        method,
        path,
        isPublic: reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [handler as () => void, type]) === true,
        role: reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [handler as () => void, type]),
      });
    }
  }
  return routes;
}

describe('route guards', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds the routes of every module', () => {
    const routes = enumerateRoutes(t).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /health',
        'POST /api/v1/stock/movements',
        'GET /api/v1/orders/:id',
        'POST /api/v1/returns/:id/receive',
        'DELETE /api/v1/stores/:id',
      ]),
    );
  });

  it('keeps privacy requests and their exports for admins', () => {
    const privacy = enumerateRoutes(t).filter((r) => r.path.startsWith('/api/v1/privacy/'));
    expect(privacy.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/v1/privacy/requests',
      'GET /api/v1/privacy/requests/:id',
    ]);
    expect(privacy.every((r) => !r.isPublic && r.role === Role.ADMIN)).toBe(true);
  });

  it('keeps removing a store for admins', () => {
    const remove = enumerateRoutes(t).find((r) => r.method === 'DELETE' && r.path === '/api/v1/stores/:id');
    expect(remove).toMatchObject({ isPublic: false, role: Role.ADMIN });
  });

  it('declares a role on every route that is not on the public list', () => {
    const offenders = enumerateRoutes(t)
      .filter((r) => (r.isPublic ? !PUBLIC_ALLOWED.some((p) => p.test(`${r.method} ${r.path}`)) : r.role === undefined))
      .map((r) => `${r.method} ${r.path}${r.isPublic ? ' (public)' : ' (no role)'}`);
    expect(offenders).toEqual([]);
  });

  it('answers 401 without a key and 403 with a key below the role, on every guarded route', async () => {
    const guarded = enumerateRoutes(t).filter((r) => !r.isPublic);
    for (const route of guarded) {
      const path = route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const verb = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const anonymous = await t.http(null)[verb](path).send({});
      expect({ route: `${route.method} ${route.path}`, status: anonymous.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      if (route.role && route.role !== Role.VIEWER) {
        const weak = await t.http(Role.VIEWER)[verb](path).send({});
        expect({ route: `${route.method} ${route.path}`, status: weak.status }).toEqual({
          route: `${route.method} ${route.path}`,
          status: 403,
        });
      }
    }
  });

  it('rejects an unknown or malformed key', async () => {
    await t.http(null).get('/api/v1/warehouses').set('Authorization', 'Bearer gk_not_a_real_key_0000000000').expect(401);
    await t.http(null).get('/api/v1/warehouses').set('Authorization', 'Basic abc').expect(401);
  });

  it('keeps the queue board for admins', async () => {
    await t.http(null).get('/queues').expect(401);
    await t.http(Role.OPERATOR).get('/queues').expect(403);
    await t.http().get('/queues').expect(200);
  });
});
