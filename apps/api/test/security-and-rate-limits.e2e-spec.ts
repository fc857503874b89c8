import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadAppConfig, PluginService, Role } from '@gantry/core';
import { startTestApp, type TestApp } from '@gantry/testing';
import express from 'express';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { createApiApp } from '../src/bootstrap/create-api-app';
import { securityHeaders } from '../src/bootstrap/security-headers';
import { RateLimitService } from '../src/rate-limits/rate-limit.service';
import { UserService } from '../src/users/user.service';

const ALLOWED = 'https://admin.example.com';
const FOREIGN = 'https://evil.example.net';
const PASSWORD = 'correct horse battery staple';
const ADMIN_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

/**
 * Two API processes' worth of the app on one database: `t` as deployed by default (CORS closed, TRUST_PROXY loopback),
 * `other` with CORS_ORIGINS and TRUST_PROXY=1 (one balancer in front). Rate limits counted by one must hold in the
 * other. Both have Shopify credentials, so that OAuth starts can be counted (they call nothing outside).
 */
describe('security headers, CORS and rate limits', () => {
  let t: TestApp;
  let other: NestExpressApplication;
  const saved = {
    CORS_ORIGINS: process.env.CORS_ORIGINS,
    ADMIN_DIR: process.env.ADMIN_DIR,
    TRUST_PROXY: process.env.TRUST_PROXY,
    SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY,
    SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET,
  };

  beforeAll(async () => {
    const adminDir = mkdtempSync(join(tmpdir(), 'gantry-admin-'));
    writeFileSync(join(adminDir, 'index.html'), '<!doctype html><title>admin</title>');
    process.env.ADMIN_DIR = adminDir;
    delete process.env.CORS_ORIGINS;
    delete process.env.TRUST_PROXY;
    process.env.SHOPIFY_API_KEY = 'rate-limit-test-key';
    process.env.SHOPIFY_API_SECRET = 'rate-limit-test-secret';
    t = await startTestApp();
    await t.app.get(PluginService).activate('shopify');
    process.env.CORS_ORIGINS = `${ALLOWED},http://localhost:5173`;
    process.env.TRUST_PROXY = '1';
    other = await createApiApp(AppModule.forRole({ api: true, worker: false }), { logger: false });
    await other.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
    await other?.close();
    await t?.close();
  });
  // Counters start empty in every test (test/support/reset-rate-limits.ts); the clock is put back.
  beforeEach(() => {
    for (const app of [t.app, other]) {
      app.get(RateLimitService).now = () => new Date();
    }
  });

  describe('security headers', () => {
    it('are on the JSON API, its errors and the health check', async () => {
      for (const res of [
        await t.http(Role.VIEWER).get('/api/v1/plugins').expect(200),
        await t.http(null).get('/api/v1/plugins').expect(401),
        await t.http(null).get('/health'),
      ]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
        expect(res.headers['strict-transport-security']).toBeUndefined(); // APP_URL is http in tests
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it("keep the admin's own CSP on /admin", async () => {
      const res = await t.http(null).get('/admin/stores').expect(200);
      expect(res.headers['content-security-policy']).toBe(ADMIN_CSP);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    });

    it('let Swagger UI at /docs load: scripts from files only, inline styles allowed', async () => {
      const res = await t.http(null).get('/docs/').expect(200);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toMatch(/style-src 'self'[^;]*'unsafe-inline'/);
      expect(csp).toMatch(/img-src 'self' data:/);
      // Every script of the page is a file of our own origin: nothing inline for the CSP to block.
      const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(attributes).toMatch(/src="(?!https?:)/);
        expect(body.trim()).toBe('');
      }
      for (const src of [...res.text.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1])) {
        await t
          .http(null)
          .get(`/docs/${src.replace(/^\.?\/?(docs\/)?/, '')}`)
          .expect(200);
      }
    });

    it('add HSTS only when APP_URL is https', async () => {
      const served = (appUrl: string) => {
        const app = express();
        app.use(securityHeaders(loadAppConfig({ NODE_ENV: 'test', APP_URL: appUrl })));
        app.get('/', (_req, res) => res.json({}));
        return request(app).get('/');
      };
      const secure = await served('https://gantry.example.com');
      expect(secure.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(secure.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect((await served('http://gantry.internal:3000')).headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('CORS', () => {
    it('is closed by default: no origin is allowed, preflight included', async () => {
      for (const origin of [ALLOWED, FOREIGN]) {
        const simple = await t.http(Role.VIEWER).get('/api/v1/plugins').set('Origin', origin).expect(200);
        expect(simple.headers['access-control-allow-origin']).toBeUndefined();
        const preflight = await request(t.app.getHttpServer())
          .options('/api/v1/stores/shopify')
          .set('Origin', origin)
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'content-type,x-csrf-token');
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
        expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      }
    });

    it('opens to the origins of CORS_ORIGINS only, with credentials', async () => {
      const server = other.getHttpServer() as Parameters<typeof request>[0];
      const foreign = await request(server).get('/health').set('Origin', FOREIGN);
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
      const foreignPreflight = await request(server)
        .options('/api/v1/api-keys')
        .set('Origin', FOREIGN)
        .set('Access-Control-Request-Method', 'POST');
      expect(foreignPreflight.headers['access-control-allow-origin']).toBeUndefined();

      const allowed = await request(server).get('/health').set('Origin', ALLOWED);
      expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      expect(allowed.headers.vary).toMatch(/Origin/);
      const preflight = await request(server)
        .options('/api/v1/api-keys')
        .set('Origin', ALLOWED)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type,x-csrf-token')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(preflight.headers['access-control-allow-credentials']).toBe('true');
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      expect(preflight.headers['access-control-allow-headers']?.toLowerCase()).toContain('x-csrf-token');
    });
  });

  describe('rate limits', () => {
    const signIn = (app: NestExpressApplication, email: string, ip?: string) => {
      const r = request(app.getHttpServer()).post('/api/v1/auth/sign-in');
      // From 127.0.0.1, X-Forwarded-For names the client: a local proxy for `t` (loopback), one hop for `other` (1).
      return (ip ? r.set('X-Forwarded-For', ip) : r).send({ email, password: PASSWORD });
    };
    const startOAuth = (app: NestExpressApplication, key: string, shop: string) =>
      request(app.getHttpServer() as Parameters<typeof request>[0])
        .post('/api/v1/stores/shopify')
        .set('Authorization', `Bearer ${key}`)
        .send({ shopDomain: shop });

    it('refuses the 11th sign-in from one address within a minute, whatever the e-mail, in every process, until the window passes', async () => {
      const start = new Date('2026-12-01T10:00:05Z');
      let now = start;
      for (const app of [t.app, other]) {
        app.get(RateLimitService).now = () => now;
      }
      const users = t.app.get(UserService);
      await users.create('known@example.com', Role.VIEWER, PASSWORD);
      // Ten tries, shared between the two processes, with ten different e-mails (nine unknown): each is answered.
      for (let i = 0; i < 10; i += 1) {
        const email = i === 0 ? 'known@example.com' : `stranger-${i}@example.com`;
        await signIn(i % 2 === 0 ? t.app : other, email, '203.0.113.7').expect(i === 0 ? 200 : 401);
      }
      for (const app of [t.app, other]) {
        const refused = await signIn(app, 'known@example.com', '203.0.113.7').expect(429);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(refused.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
        expect(refused.headers['retry-after']).toBe('55');
        expect(refused.headers['x-content-type-options']).toBe('nosniff');
      }
      // Another address is not affected.
      await signIn(other, 'known@example.com', '198.51.100.1').expect(200);
      // The window passes: the address may sign in again.
      now = new Date(start.getTime() + 56_000);
      await signIn(t.app, 'known@example.com', '203.0.113.7').expect(200);
    });

    it('refuses the 21st sign-in for one e-mail within 15 minutes across addresses', async () => {
      const now = new Date('2026-12-01T10:00:00Z');
      for (const app of [t.app, other]) {
        app.get(RateLimitService).now = () => now;
      }
      for (let i = 0; i < 20; i += 1) {
        await signIn(i % 2 === 0 ? t.app : other, 'Target@Example.com', `198.51.100.${i + 1}`).expect(401);
      }
      const refused = await signIn(t.app, 'target@example.com', '198.51.100.99').expect(429);
      expect(refused.headers['retry-after']).toBe(String(15 * 60));
      await signIn(t.app, 'someone-else@example.com', '198.51.100.99').expect(401);
    });

    it('limits API key creation and invitations to 20 an hour per principal', async () => {
      for (let i = 0; i < 20; i += 1) {
        await t
          .http()
          .post('/api/v1/api-keys')
          .send({ name: `key ${i}`, role: 'viewer' })
          .expect(201);
      }
      const refused = await t.http().post('/api/v1/api-keys').send({ name: 'one more', role: 'viewer' }).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // A second admin key (made before the count ran out) is counted on its own.
      await t.dataSource.query('DELETE FROM rate_limit_counter');
      const second = await t.http().post('/api/v1/api-keys').send({ name: 'second admin', role: 'admin' }).expect(201);
      for (let i = 0; i < 20; i += 1) {
        await t
          .http()
          .post('/api/v1/users/invitations')
          .send({ email: `invitee-${i}@example.com`, role: 'viewer' })
          .expect(201);
      }
      await t.http().post('/api/v1/users/invitations').send({ email: 'invitee-x@example.com', role: 'viewer' }).expect(429);
      await request(t.app.getHttpServer() as Parameters<typeof request>[0])
        .post('/api/v1/users/invitations')
        .set('Authorization', `Bearer ${second.body.key as string}`)
        .send({ email: 'invitee-x@example.com', role: 'viewer' })
        .expect(201);
    });

    it('refuses the 31st OAuth start of one principal within 10 minutes, in every process, and not another principal', async () => {
      const now = new Date('2026-12-01T10:02:00Z');
      for (const app of [t.app, other]) {
        app.get(RateLimitService).now = () => now;
      }
      const manager = t.keys[Role.INTEGRATION_MANAGER];
      // Thirty starts, each a pending store and an OAuth state, shared between the two processes.
      for (let i = 0; i < 30; i += 1) {
        const started = await startOAuth(i % 2 === 0 ? t.app : other, manager, `limit-${i}`).expect(201);
        expect(started.body.authorizeUrl).toContain(`limit-${i}.myshopify.com`);
      }
      for (const app of [t.app, other]) {
        const refused = await startOAuth(app, manager, 'limit-one-more').expect(429);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(refused.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
        // The window is 10 minutes from 10:00:00; 8 remain.
        expect(refused.headers['retry-after']).toBe(String(8 * 60));
      }
      // Refused starts made no store.
      const stores: { n: string }[] = await t.dataSource.query(`SELECT count(*) AS n FROM store WHERE external_account_id LIKE 'limit-%'`);
      expect(Number(stores[0]?.n)).toBe(30);
      // Another principal has its own count.
      await startOAuth(other, t.keys[Role.ADMIN], 'limit-by-admin').expect(201);
    });

    it('does not count requests refused for their key or role', async () => {
      for (let i = 0; i < 25; i += 1) {
        await t.http(Role.VIEWER).post('/api/v1/api-keys').send({ name: 'no', role: 'viewer' }).expect(403);
      }
      const rows: { n: string }[] = await t.dataSource.query('SELECT count(*) AS n FROM rate_limit_counter');
      expect(Number(rows[0]?.n)).toBe(0);
    });

    it('documents the 429 on the limited routes', async () => {
      const doc = (await t.http(null).get('/docs/json').expect(200)).body as {
        paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
      };
      for (const [path, method] of [
        ['/api/v1/auth/sign-in', 'post'],
        ['/api/v1/api-keys', 'post'],
        ['/api/v1/users/invitations', 'post'],
        ['/api/v1/stores/shopify', 'post'],
      ] as const) {
        expect(doc.paths[path]?.[method]?.responses['429']?.description).toMatch(/per/);
      }
      expect(doc.paths['/api/v1/auth/sign-in']?.post?.responses['429']?.description).toMatch(/Locked/);
    });
  });

  describe('client addresses behind proxies (TRUST_PROXY)', () => {
    let strict: NestExpressApplication;
    beforeAll(async () => {
      // Trusts only a balancer network that the test client (127.0.0.1) is not on.
      process.env.TRUST_PROXY = '10.0.0.0/8';
      strict = await createApiApp(AppModule.forRole({ api: true, worker: false }), { logger: false });
      await strict.listen(0, '127.0.0.1');
      await t.app.get(UserService).create('client@example.com', Role.VIEWER, PASSWORD);
    });
    // One fixed moment in one window, so that no try falls into the next minute.
    beforeEach(() => {
      const now = new Date('2026-12-01T11:00:05Z');
      for (const app of [t.app, other, strict]) {
        app.get(RateLimitService).now = () => now;
      }
    });
    afterAll(async () => {
      await strict?.close();
    });

    const signIn = (app: NestExpressApplication, forwardedFor: string) =>
      request(app.getHttpServer() as Parameters<typeof request>[0])
        .post('/api/v1/auth/sign-in')
        .set('X-Forwarded-For', forwardedFor)
        .send({ email: 'client@example.com', password: PASSWORD });

    it('with a hop count, gives each forwarded client its own sign-in budget, whatever it writes in X-Forwarded-For itself', async () => {
      // The balancer appends the address it saw; what the client sent before it (a new address each time) is not
      // believed with TRUST_PROXY=1, so these ten tries all count against 203.0.113.7.
      for (let i = 0; i < 10; i += 1) {
        await signIn(other, `198.51.100.${i + 1}, 203.0.113.7`).expect(200);
      }
      await signIn(other, '192.0.2.200, 203.0.113.7').expect(429);
      await signIn(other, '203.0.113.7').expect(429);
      // Another client behind the same balancer still signs in.
      await signIn(other, '203.0.113.8').expect(200);
      await signIn(other, '198.51.100.1, 203.0.113.8').expect(200);
    });

    it('ignores X-Forwarded-For from a peer outside TRUST_PROXY: every "client" is that peer and shares its budget', async () => {
      for (let i = 0; i < 10; i += 1) {
        await signIn(strict, `203.0.113.${i + 1}`).expect(200);
      }
      const refused = await signIn(strict, '198.51.100.77').expect(429);
      expect(refused.headers['retry-after']).toBe('55');
      // The budget spent was 127.0.0.1's: a process that trusts loopback sees the forwarded client instead.
      await signIn(t.app, '198.51.100.77').expect(200);
    });
  });
});
