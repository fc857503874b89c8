import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Role } from '@gantry/core';
import { startTestApp, type TestApp } from '@gantry/testing';
import request from 'supertest';
import { ApiKeyService } from '../src/auth/api-key.service';

const ROOT = join(__dirname, '..', '..', '..');
const BOOTSTRAP = 'gk_bootstrap_for_expiry_tests_0123456789';

interface KeyRow {
  id: string;
  last_used_at: Date | null;
  expires_at: Date | null;
}

describe('API keys: expiry and last use', () => {
  const savedBootstrap = process.env.BOOTSTRAP_ADMIN_KEY;
  let t: TestApp;
  let keys: ApiKeyService;
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    process.env.BOOTSTRAP_ADMIN_KEY = BOOTSTRAP;
    t = await startTestApp();
    keys = t.app.get(ApiKeyService);
    server = t.app.getHttpServer();
  });
  afterAll(async () => {
    await t.close();
    if (savedBootstrap === undefined) {
      delete process.env.BOOTSTRAP_ADMIN_KEY;
    } else {
      process.env.BOOTSTRAP_ADMIN_KEY = savedBootstrap;
    }
  });

  const row = async (id: string): Promise<KeyRow> =>
    (await t.dataSource.query<KeyRow[]>(`SELECT id, last_used_at, expires_at FROM api_key WHERE id = $1`, [id]))[0];
  const asKey = (key: string) => request(server).get('/api/v1/warehouses').set('Authorization', `Bearer ${key}`);
  const create = (body: object) => t.http().post('/api/v1/api-keys').send(body);

  it('creates a key with an expiry, shows it in the list, and refuses the key with 401 "API key expired" once it has passed', async () => {
    const created = await create({ name: 'Migration', role: 'operator', expiresAt: '2099-01-31T18:00:00+01:00' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Migration', expiresAt: '2099-01-31T17:00:00.000Z', lastUsedAt: null });
    await asKey(created.body.key as string).expect(200);
    const listed = await t.http().get('/api/v1/api-keys').expect(200);
    expect(listed.body.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({ expiresAt: '2099-01-31T17:00:00.000Z' });
    const never = await create({ name: 'Forever', role: 'viewer' }).expect(201);
    expect(never.body.expiresAt).toBeNull();
    expect((await create({ name: 'Null', role: 'viewer', expiresAt: null }).expect(201)).body.expiresAt).toBeNull();

    // The expiry passes (a key created yesterday for a day).
    await t.dataSource.query(`UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.body.id]);
    const expired = await asKey(created.body.key as string).expect(401);
    expect(expired.headers['content-type']).toContain('application/problem+json');
    expect(expired.body).toMatchObject({
      status: 401,
      detail: expect.stringMatching(/^API key expired at \d{4}-\d{2}-\d{2}T.*Z: an admin can create a new one/),
    });
    // Only the holder of the secret learns that it expired; a wrong secret is unknown as before.
    const forged = `gk_${created.body.prefix as string}_${'x'.repeat(32)}`;
    expect((await asKey(forged).expect(401)).body.detail).toBe('The API key is unknown or revoked');
    // Revoked wins over expired: still "unknown or revoked".
    await t.http().delete(`/api/v1/api-keys/${created.body.id}`).expect(204);
    expect((await asKey(created.body.key as string).expect(401)).body.detail).toBe('The API key is unknown or revoked');
    // The list still shows it, with its expiry.
    const after = await t.http().get('/api/v1/api-keys').expect(200);
    expect(after.body.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({
      expiresAt: expect.any(String),
      revokedAt: expect.any(String),
    });
  });

  it('answers 400 naming expiresAt when it is not a date, not in the future, or not a string', async () => {
    const cases: [unknown, string][] = [
      ['2020-01-01', 'expiresAt must be in the future'],
      ['2020-01-01T00:00:00Z', 'expiresAt must be in the future'],
      ['tomorrow', 'expiresAt must be an ISO 8601 date or date-time with its offset, e.g. 2027-01-31 or 2027-01-31T18:00:00Z'],
      ['2099-02-30', 'expiresAt must be an ISO 8601 date or date-time with its offset, e.g. 2027-01-31 or 2027-01-31T18:00:00Z'],
      ['2099-01-31T10:00:00', 'expiresAt must be an ISO 8601 date or date-time with its offset, e.g. 2027-01-31 or 2027-01-31T18:00:00Z'],
      [1893456000000, 'expiresAt must be a string'],
    ];
    for (const [expiresAt, message] of cases) {
      const res = await create({ name: 'Bad expiry', role: 'viewer', expiresAt }).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual([{ field: 'expiresAt', message }]);
    }
    const names = (await t.http().get('/api/v1/api-keys').expect(200)).body.map((k: { name: string }) => k.name);
    expect(names).not.toContain('Bad expiry');
  });

  it('records the last use without a write per request: at most once a minute per key', async () => {
    const created = await create({ name: 'Busy ERP', role: 'viewer' }).expect(201);
    const key = created.body.key as string;
    expect((await row(created.body.id)).last_used_at).toBeNull();

    await asKey(key).expect(200);
    await keys.settled();
    const first = (await row(created.body.id)).last_used_at;
    expect(first).not.toBeNull();
    const listed = await t.http().get('/api/v1/api-keys').expect(200);
    expect(listed.body.find((k: { id: string }) => k.id === created.body.id).lastUsedAt).toBe((first as Date).toISOString());

    // Used 30 s ago: not written again, however many requests come.
    const recent = new Date(Date.now() - 30_000);
    await t.dataSource.query(`UPDATE api_key SET last_used_at = $2 WHERE id = $1`, [created.body.id, recent]);
    await Promise.all([asKey(key).expect(200), asKey(key).expect(200), asKey(key).expect(200)]);
    await keys.settled();
    expect((await row(created.body.id)).last_used_at).toEqual(recent);

    // Used two minutes ago: written again.
    const old = new Date(Date.now() - 120_000);
    await t.dataSource.query(`UPDATE api_key SET last_used_at = $2 WHERE id = $1`, [created.body.id, old]);
    await asKey(key).expect(200);
    await keys.settled();
    expect(((await row(created.body.id)).last_used_at as Date).getTime()).toBeGreaterThan(old.getTime() + 60_000);
  });

  it('keeps BOOTSTRAP_ADMIN_KEY as it was: an admin key that never expires and has no row', async () => {
    await asKey(BOOTSTRAP).expect(200);
    await request(server)
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${BOOTSTRAP}`)
      .send({ name: 'From bootstrap', role: 'viewer' })
      .expect(201);
    await keys.settled();
    const rows = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM api_key WHERE name = 'bootstrap'`);
    expect(rows[0]?.n).toBe(0);
    await t.http(Role.VIEWER).get('/api/v1/api-keys').expect(403);
  });

  describe('npm run cli -- api-key create --expires-in-days / --expires-at', () => {
    const cli = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
      new Promise((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--require', join(ROOT, 'test', 'support', 'ts-require-hook.cjs'), join(ROOT, 'apps', 'api', 'src', 'cli.ts'), ...args],
          { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });

    it('creates keys that expire, lists them with expiry and last use, and refuses bad flags with exit 2', async () => {
      const before = Date.now();
      const inDays = await cli(['api-key', 'create', '--role', 'operator', '--name', 'CLI week', '--expires-in-days', '7']);
      expect({ code: inDays.code, stderr: inDays.stderr }).toEqual({ code: 0, stderr: '' });
      const id = /\(id ([0-9a-f-]{36}), expires /.exec(inDays.stdout)?.[1] as string;
      const expiresAt = (await row(id)).expires_at as Date;
      expect(expiresAt.getTime()).toBeGreaterThanOrEqual(before + 7 * 86_400_000);
      expect(expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000);
      const key = inDays.stdout.trim().split('\n').pop() as string;
      await asKey(key).expect(200);

      const onDate = await cli(['api-key', 'create', '--role', 'viewer', '--name', 'CLI date', '--expires-at', '2099-12-31']);
      expect(onDate.code).toBe(0);
      expect(onDate.stdout).toContain('expires 2099-12-31T00:00:00.000Z');

      const list = await cli(['api-key', 'list']);
      expect(list.stdout).toMatch(new RegExp(`${id}\\s+operator\\s+CLI week\\s+\\(expires \\d{4}-.*Z, last used \\d{4}-`));
      expect(list.stdout).toMatch(/CLI date\s+\(expires 2099-12-31T00:00:00.000Z, last used never\)/);

      for (const bad of [
        ['--expires-in-days', '0'],
        ['--expires-at', '2020-01-01'],
        ['--expires-at', 'soon'],
        ['--expires-in-days', '3', '--expires-at', '2099-01-01'],
      ]) {
        const run = await cli(['api-key', 'create', '--role', 'viewer', '--name', 'CLI bad', ...bad]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/--expires/);
      }
      const names = (await t.http().get('/api/v1/api-keys').expect(200)).body.map((k: { name: string }) => k.name);
      expect(names).not.toContain('CLI bad');
    }, 120_000);
  });
});
