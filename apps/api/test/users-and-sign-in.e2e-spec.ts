import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Role } from '@gantry/core';
import { makeStore, startTestApp, type TestApp } from '@gantry/testing';
import request from 'supertest';
import { UserService } from '../src/users/user.service';

const PASSWORD = 'correct horse battery staple';
const ROOT = join(__dirname, '..', '..', '..');

describe('users and sign-in', () => {
  let t: TestApp;
  let users: UserService;
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    t = await startTestApp();
    users = t.app.get(UserService);
    server = t.app.getHttpServer();
  });
  afterAll(() => t.close());

  /** A cookie agent signed in as a new person of this role. */
  const signedIn = async (role: Role, email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.com`) => {
    const user = await users.create(email, role, PASSWORD);
    const agent = request.agent(server);
    const res = await agent.post('/api/v1/auth/sign-in').send({ email, password: PASSWORD }).expect(200);
    return { agent, user, csrf: res.body.csrfToken as string, res };
  };

  it('signs in with a session cookie that is httpOnly, SameSite=Lax, 12 h and not Secure in test; signs out', async () => {
    const { agent, user, csrf, res } = await signedIn(Role.ADMIN, 'Mixed.Case@Example.com');
    expect(res.body).toEqual({ user: { id: user.id, email: 'mixed.case@example.com', role: 'admin' }, csrfToken: csrf });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('gantry_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const expires = new Date(/Expires=([^;]+)/.exec(cookie ?? '')?.[1] ?? 0).getTime();
    expect(Math.abs(expires - Date.now() - 12 * 3600_000)).toBeLessThan(60_000);
    const stored = await t.dataSource.query(`SELECT count(*)::int AS n FROM app_session`);
    expect(stored[0].n).toBeGreaterThan(0);

    await agent.get('/api/v1/auth/session').expect(200, { user: { id: user.id, email: user.email, role: 'admin' }, csrfToken: csrf });
    await agent.get('/api/v1/warehouses').expect(200);
    const last = await t.dataSource.query(`SELECT last_sign_in_at FROM app_user WHERE id = $1`, [user.id]);
    expect(last[0].last_sign_in_at).not.toBeNull();

    await agent.post('/api/v1/auth/sign-out').expect(403);
    await agent.post('/api/v1/auth/sign-out').set('X-CSRF-Token', csrf).expect(204);
    await agent.get('/api/v1/auth/session').expect(401);
    await agent.get('/api/v1/warehouses').expect(401);
    // E-mails are case-insensitive at sign-in too.
    await request(server).post('/api/v1/auth/sign-in').send({ email: 'MIXED.case@example.COM', password: PASSWORD }).expect(200);
  });

  it('refuses a wrong password, an unknown e-mail and a deactivated person with one message', async () => {
    const user = await users.create('wrong@example.com', Role.OPERATOR, PASSWORD);
    const wrong = await request(server).post('/api/v1/auth/sign-in').send({ email: user.email, password: 'not the password' }).expect(401);
    const unknown = await request(server)
      .post('/api/v1/auth/sign-in')
      .send({ email: 'nobody@example.com', password: PASSWORD })
      .expect(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    await users.update(user.id, { active: false });
    const inactive = await request(server).post('/api/v1/auth/sign-in').send({ email: user.email, password: PASSWORD }).expect(401);
    expect(new Set([wrong.body.detail, unknown.body.detail, inactive.body.detail]).size).toBe(1);
  });

  it('locks an account for 15 minutes after 5 failures in a row (429, Retry-After), then lets it in again', async () => {
    const user = await users.create('lock@example.com', Role.VIEWER, PASSWORD);
    const attempt = (password: string) => request(server).post('/api/v1/auth/sign-in').send({ email: user.email, password });
    for (let i = 0; i < 4; i++) {
      await attempt('wrong password').expect(401);
    }
    const locked = await attempt('wrong password').expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    // The right password does not get through a lock.
    await attempt(PASSWORD).expect(429);
    await t.dataSource.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = $1`, [user.id]);
    // One more failure after a lock: twice as long.
    const again = await attempt('wrong password').expect(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(29 * 60);
    await t.dataSource.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = $1`, [user.id]);
    await attempt(PASSWORD).expect(200);
    const row = await t.dataSource.query(`SELECT failed_attempts, locked_until FROM app_user WHERE id = $1`, [user.id]);
    expect(row[0]).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('needs the CSRF token on state-changing requests made with the session cookie, not with a Bearer key', async () => {
    const { agent, csrf } = await signedIn(Role.ADMIN);
    const body = () => ({ code: `WH-${Math.random().toString(36).slice(2, 8)}`, name: 'Amsterdam' });
    const missing = await agent.post('/api/v1/warehouses').send(body()).expect(403);
    expect(missing.body.detail).toMatch(/CSRF/);
    await agent.post('/api/v1/warehouses').set('X-CSRF-Token', 'wrong').send(body()).expect(403);
    await agent
      .post('/api/v1/warehouses')
      .set('X-CSRF-Token', `${csrf.slice(1)}x`)
      .send(body())
      .expect(403);
    await agent.post('/api/v1/warehouses').set('X-CSRF-Token', csrf).send(body()).expect(201);
    // Reads need no token.
    await agent.get('/api/v1/warehouses').expect(200);
    // A Bearer key is not cookie-based: no token needed.
    await t.http().post('/api/v1/warehouses').send(body()).expect(201);
    // A token of another session does not do.
    const other = await signedIn(Role.ADMIN);
    await agent.post('/api/v1/warehouses').set('X-CSRF-Token', other.csrf).send(body()).expect(403);
    // An API key in a cookie rides along on any browser request: it only reads.
    const cookie = `gantry_key=${t.keys[Role.ADMIN]}`;
    await t.http(null).get('/api/v1/warehouses').set('Cookie', cookie).expect(200);
    await t.http(null).post('/api/v1/warehouses').set('Cookie', cookie).send(body()).expect(401);
  });

  it("lets the queue board's buttons work for a signed-in admin only from our own origin (the board cannot send the token)", async () => {
    const { agent } = await signedIn(Role.ADMIN);
    const retryFailed = '/queues/api/queues/outbox-queue/retry/failed';
    await agent.get('/queues').expect(200);
    // The browser says which site sent the request; a page elsewhere (or a client that does not say) is refused.
    const crossSite = await agent.put(retryFailed).set('Sec-Fetch-Site', 'cross-site').expect(403);
    expect(crossSite.body.detail).toMatch(/same-origin \(Sec-Fetch-Site, sent over https or to localhost\)/);
    await agent.put(retryFailed).set('Sec-Fetch-Site', 'same-site').expect(403);
    await agent.put(retryFailed).expect(403);
    await agent.put(retryFailed).set('Sec-Fetch-Site', 'same-origin').expect(200);
    // Same origin is no role: a signed-in viewer still cannot use the board.
    const viewer = await signedIn(Role.VIEWER);
    await viewer.agent.put(retryFailed).set('Sec-Fetch-Site', 'same-origin').expect(403);
    // The admin key in a cookie works the board from our origin too, and reads only from elsewhere.
    const cookie = `gantry_key=${t.keys[Role.ADMIN]}`;
    await t.http(null).put(retryFailed).set('Cookie', cookie).set('Sec-Fetch-Site', 'same-origin').expect(200);
    await t.http(null).put(retryFailed).set('Cookie', cookie).set('Sec-Fetch-Site', 'cross-site').expect(401);
    // Everywhere else the session still needs its token, whatever the browser says.
    await agent.post('/api/v1/warehouses').set('Sec-Fetch-Site', 'same-origin').send({ code: 'WH-SO', name: 'X' }).expect(403);
  });

  it('enforces roles for people as for keys: a viewer cannot change settings', async () => {
    const store = await makeStore(t, { pluginKey: 'shopify', externalAccountId: 'roles-shop.myshopify.com' });
    const viewer = await signedIn(Role.VIEWER);
    await viewer.agent.get(`/api/v1/stores/${store.id}`).expect(200);
    const refused = await viewer.agent
      .patch(`/api/v1/stores/${store.id}/settings`)
      .set('X-CSRF-Token', viewer.csrf)
      .send({ stockSync: { windowSeconds: 45 } })
      .expect(403);
    expect(refused.body.detail).toMatch(/admin role; the user has viewer/);
    await viewer.agent.get('/api/v1/users').expect(403);
    const manager = await signedIn(Role.INTEGRATION_MANAGER);
    await manager.agent
      .patch(`/api/v1/stores/${store.id}/settings`)
      .set('X-CSRF-Token', manager.csrf)
      .send({ stockSync: { windowSeconds: 45 } })
      .expect(403);
    const admin = await signedIn(Role.ADMIN);
    await admin.agent
      .patch(`/api/v1/stores/${store.id}/settings`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ stockSync: { windowSeconds: 45 } })
      .expect(200);
    // A person deactivated while signed in loses access at once.
    await admin.agent.patch(`/api/v1/users/${viewer.user.id}`).set('X-CSRF-Token', admin.csrf).send({ active: false }).expect(200);
    await viewer.agent.get(`/api/v1/stores/${store.id}`).expect(401);
  });

  it('invites with a one-time link that sets the password and signs in', async () => {
    const admin = await signedIn(Role.ADMIN);
    const invited = await admin.agent
      .post('/api/v1/users/invitations')
      .set('X-CSRF-Token', admin.csrf)
      .send({ email: 'New.Person@example.com', role: 'operator' })
      .expect(201);
    expect(invited.body.user).toMatchObject({ email: 'new.person@example.com', role: 'operator', active: false, invited: true });
    const link = new URL(invited.body.invitationUrl as string);
    expect(`${link.origin}${link.pathname}`).toBe('http://127.0.0.1:3999/admin/accept-invitation');
    const first = link.searchParams.get('token') as string;
    const stored = await t.dataSource.query(`SELECT token_hash FROM user_invitation`);
    expect(JSON.stringify(stored)).not.toContain(first);
    // Inviting again before acceptance replaces the link (and the role).
    const again = await admin.agent
      .post('/api/v1/users/invitations')
      .set('X-CSRF-Token', admin.csrf)
      .send({ email: 'new.person@EXAMPLE.com', role: 'operator' })
      .expect(201);
    expect(again.body.user.id).toBe(invited.body.user.id);
    const token = new URL(again.body.invitationUrl as string).searchParams.get('token') as string;
    expect(token).not.toBe(first);
    await request(server).post('/api/v1/auth/accept-invitation').send({ token: first, password: PASSWORD }).expect(404);
    // The invited person cannot sign in before accepting.
    await request(server).post('/api/v1/auth/sign-in').send({ email: 'new.person@example.com', password: PASSWORD }).expect(401);

    await request(server).post('/api/v1/auth/accept-invitation').send({ token, password: 'short' }).expect(400);
    const person = request.agent(server);
    const accepted = await person.post('/api/v1/auth/accept-invitation').send({ token, password: PASSWORD }).expect(200);
    expect(accepted.body.user).toMatchObject({ email: 'new.person@example.com', role: 'operator' });
    await person.get('/api/v1/auth/session').expect(200);
    await request(server).post('/api/v1/auth/accept-invitation').send({ token, password: 'another long password' }).expect(404);
    await request(server).post('/api/v1/auth/sign-in').send({ email: 'new.person@example.com', password: PASSWORD }).expect(200);
    // Once accepted, the e-mail is taken.
    await admin.agent
      .post('/api/v1/users/invitations')
      .set('X-CSRF-Token', admin.csrf)
      .send({ email: 'new.person@example.com', role: 'viewer' })
      .expect(409);
    const list = await admin.agent.get('/api/v1/users').expect(200);
    expect(list.body.find((u: { email: string }) => u.email === 'new.person@example.com')).toMatchObject({ active: true, invited: false });
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password/i);
  });

  it('keeps the last active admin: no self-demotion or deactivation while no other admin is active', async () => {
    await t.dataSource.query(`DELETE FROM app_user`);
    const admin = await signedIn(Role.ADMIN, 'only.admin@example.com');
    const patch = (id: string, body: object) => admin.agent.patch(`/api/v1/users/${id}`).set('X-CSRF-Token', admin.csrf).send(body);
    expect((await patch(admin.user.id, { role: 'operator' }).expect(409)).body.detail).toMatch(/last active admin/);
    await patch(admin.user.id, { active: false }).expect(409);
    await patch('00000000-0000-4000-8000-000000000000', { active: false }).expect(404);
    const second = await users.create('second.admin@example.com', Role.ADMIN, PASSWORD);
    await patch(second.id, { active: false }).expect(200);
    await patch(admin.user.id, { role: 'viewer' }).expect(409);
    await patch(second.id, { active: true }).expect(200);
    const demoted = await patch(admin.user.id, { role: 'viewer' }).expect(200);
    expect(demoted.body).toMatchObject({ role: 'viewer', active: true });
    // The demotion takes effect on the next request.
    await admin.agent.get('/api/v1/users').expect(403);
  });

  it('lets admins create, list and revoke API keys (the key shown once)', async () => {
    const created = await t.http().post('/api/v1/api-keys').send({ name: 'ERP', role: 'operator' }).expect(201);
    expect(created.body).toMatchObject({ name: 'ERP', role: 'operator', revokedAt: null });
    expect(created.body.key).toMatch(/^gk_/);
    await t.http(null).get('/api/v1/warehouses').set('Authorization', `Bearer ${created.body.key}`).expect(200);
    const list = await t.http().get('/api/v1/api-keys').expect(200);
    expect(list.body.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({ name: 'ERP', prefix: created.body.prefix });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(JSON.stringify(list.body)).not.toMatch(/secretHash/);
    await t.http(Role.INTEGRATION_MANAGER).post('/api/v1/api-keys').send({ name: 'x', role: 'admin' }).expect(403);
    await t.http().delete(`/api/v1/api-keys/${created.body.id}`).expect(204);
    await t.http().delete(`/api/v1/api-keys/${created.body.id}`).expect(404);
    await t.http(null).get('/api/v1/warehouses').set('Authorization', `Bearer ${created.body.key}`).expect(401);
    // A signed-in admin too, with the CSRF token.
    const admin = await signedIn(Role.ADMIN);
    await admin.agent.post('/api/v1/api-keys').send({ name: 'UI', role: 'viewer' }).expect(403);
    await admin.agent.post('/api/v1/api-keys').set('X-CSRF-Token', admin.csrf).send({ name: 'UI', role: 'viewer' }).expect(201);
  });

  describe('npm run cli -- user create', () => {
    const cli = (args: string[], stdin: string | null): Promise<{ code: number | null; stdout: string; stderr: string }> =>
      new Promise((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--require', join(ROOT, 'test', 'support', 'ts-require-hook.cjs'), join(ROOT, 'apps', 'api', 'src', 'cli.ts'), ...args],
          {
            cwd: ROOT,
            env: { ...process.env, LOG_LEVEL: 'error' },
            stdio: ['pipe', 'pipe', 'pipe'],
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(stdin ?? '');
      });

    it('reads the password from standard input and never echoes it', async () => {
      const run = await cli(['user', 'create', '--email', 'Cli.Admin@example.com', '--role', 'admin'], 'a piped password 123\n');
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(run.stdout).toContain('cli.admin@example.com');
      expect(run.stdout).not.toContain('a piped password 123');
      await request(server)
        .post('/api/v1/auth/sign-in')
        .send({ email: 'cli.admin@example.com', password: 'a piped password 123' })
        .expect(200);
      const again = await cli(['user', 'create', '--email', 'cli.admin@example.com', '--role', 'viewer'], 'another password 456\n');
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/exists/);
    }, 60_000);

    it('generates a password and prints it once when none is piped', async () => {
      const run = await cli(['user', 'create', '--email', 'generated@example.com', '--role', 'viewer'], null);
      expect(run.code).toBe(0);
      const password = run.stdout.trim().split('\n').pop() as string;
      expect(password.length).toBeGreaterThanOrEqual(20);
      await request(server).post('/api/v1/auth/sign-in').send({ email: 'generated@example.com', password }).expect(200);
      const bad = await cli(['user', 'create', '--email', 'x@example.com', '--role', 'boss'], null);
      expect(bad.code).toBe(2);
    }, 60_000);
  });
});
