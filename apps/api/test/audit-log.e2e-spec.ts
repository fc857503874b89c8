import {
  AuditContext,
  ChannelAdapterHostModule,
  ChannelLocationMappingService,
  ChannelProductMappingService,
  Role,
  StoreConnectionService,
  type AuditEntryView,
} from '@gantry/core';
import {
  FakeChannelAdapter,
  makeProduct,
  makeShippingProcess,
  makeStore,
  makeWarehouse,
  startTestApp,
  uniq,
  type TestApp,
} from '@gantry/testing';
import request from 'supertest';
import { UserService } from '../src/users/user.service';

const PASSWORD = 'correct horse battery staple';

type Entry = Omit<AuditEntryView, 'occurredAt'> & { occurredAt: string };

/** GET /audit-log and what people and keys change: who, when, what, before and after; never a refused change or a secret. */
describe('audit log (GET /audit-log)', () => {
  let t: TestApp;
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    t = await startTestApp({ imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
    server = t.app.getHttpServer();
  });
  afterAll(() => t.close());

  const entries = async (query: Record<string, string> = {}): Promise<Entry[]> => {
    const res = await t
      .http()
      .get('/api/v1/audit-log')
      .query({ limit: '200', ...query })
      .expect(200);
    return res.body.items as Entry[];
  };
  const count = async (): Promise<number> => (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_entry`))[0].n;

  /** A cookie agent signed in as a new person of this role, and its CSRF token. */
  const signedIn = async (role: Role) => {
    const email = `${uniq(role)}@example.com`.toLowerCase();
    const user = await t.app.get(UserService).create(email, role, PASSWORD);
    const agent = request.agent(server);
    const res = await agent.post('/api/v1/auth/sign-in').send({ email, password: PASSWORD }).expect(200);
    return { agent, user, csrf: res.body.csrfToken as string };
  };

  it("records a person's settings change (session) with who, before and after, and the request's id", async () => {
    const store = await makeStore(t, { settings: { label: 'before' } });
    const { agent, user, csrf } = await signedIn(Role.ADMIN);

    await agent.patch(`/api/v1/stores/${store.id}/settings`).set('X-CSRF-Token', csrf).send({ label: 'after' }).expect(200);

    const [entry, ...more] = await entries({ storeId: store.id, action: 'store.settings.update' });
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor: { kind: 'user', id: user.id, label: user.email },
      action: 'store.settings.update',
      targetType: 'store',
      targetId: store.id,
      storeId: store.id,
      before: { label: 'before', stockSync: { enabled: true, mode: 'delta' } },
      after: { label: 'after', stockSync: { enabled: true, mode: 'delta' } },
    });
    expect(entry?.requestId).toEqual(expect.any(String));
    expect(Number.isNaN(new Date(entry.occurredAt).getTime())).toBe(false);
  });

  it("records a key's changes under the key's name: settings, plugin, disconnect and removal", async () => {
    const store = await makeStore(t);
    const keyId = (await t.dataSource.query<{ id: string }[]>(`SELECT id FROM api_key WHERE name = 'test admin'`))[0].id;

    await t
      .http()
      .patch(`/api/v1/stores/${store.id}/settings`)
      .send({ stockSync: { enabled: false } })
      .expect(200);
    await t.http(Role.INTEGRATION_MANAGER).post(`/api/v1/stores/${store.id}/disconnect`).expect(200);
    await t.http().delete(`/api/v1/stores/${store.id}`).expect(204);

    const log = await entries({ storeId: store.id });
    expect(log.map((e) => e.action)).toEqual(['store.delete', 'store.disconnect', 'store.settings.update', 'store.connect']);
    const [removed, disconnected, updated, connected] = log;
    expect(updated).toMatchObject({
      actor: { kind: 'api_key', id: keyId, label: 'test admin' },
      before: { stockSync: { enabled: true } },
      after: { stockSync: { enabled: false } },
    });
    expect(disconnected).toMatchObject({
      actor: { kind: 'api_key', label: 'test integration_manager' },
      before: { status: 'connected' },
      after: { status: 'disconnected' },
    });
    expect(removed).toMatchObject({
      actor: { kind: 'api_key', label: 'test admin' },
      before: { name: store.name, pluginKey: 'fake', status: 'disconnected' },
      after: null,
    });
    // makeStore connects through the service, outside any request: the system did it.
    expect(connected).toMatchObject({ actor: { kind: 'system', id: null, label: 'system' }, before: null });

    await t.http().post('/api/v1/plugins/fake/deactivate').expect(200);
    await t.http().post('/api/v1/plugins/fake/deactivate').expect(200);
    await t.http().post('/api/v1/plugins/fake/activate').expect(200);
    const plugin = await entries({ targetType: 'plugin', targetId: 'fake', actorKind: 'api_key' });
    // Deactivating twice changed it once.
    expect(plugin.map((e) => [e.action, e.before, e.after])).toEqual([
      ['plugin.activate', { active: false }, { active: true }],
      ['plugin.deactivate', { active: true }, { active: false }],
    ]);
  });

  it('records people: an invitation, a role change and a deactivation', async () => {
    const { agent, user: admin, csrf } = await signedIn(Role.ADMIN);
    const email = `${uniq('invited')}@example.com`.toLowerCase();
    const invited = await agent.post('/api/v1/users/invitations').set('X-CSRF-Token', csrf).send({ email, role: 'viewer' }).expect(201);
    const id = invited.body.user.id as string;
    await agent.patch(`/api/v1/users/${id}`).set('X-CSRF-Token', csrf).send({ role: 'operator' }).expect(200);
    await t.http().patch(`/api/v1/users/${id}`).send({ active: true }).expect(200);

    const log = await entries({ targetType: 'user', targetId: id });
    const person = (role: string, active: boolean, signedUp = false) => ({ email, role, active, signedUp });
    expect(log.map((e) => [e.action, e.actor.label, e.before, e.after])).toEqual([
      ['user.activate', 'test admin', person('operator', false), person('operator', true)],
      ['user.role.change', admin.email, person('viewer', false), person('operator', false)],
      ['user.invite', admin.email, null, person('viewer', false)],
    ]);
    const token = new URL(invited.body.invitationUrl as string).searchParams.get('token') as string;
    expect(token.length).toBeGreaterThan(20);
    await request(server).post('/api/v1/auth/accept-invitation').send({ token, password: PASSWORD }).expect(200);
    const [accepted] = await entries({ targetType: 'user', targetId: id, action: 'user.accept-invitation' });
    expect(accepted).toMatchObject({
      actor: { kind: 'user', id, label: email },
      before: { email, role: 'operator', active: true, signedUp: false },
      after: { email, role: 'operator', active: true, signedUp: true },
    });
    const dump = JSON.stringify(await t.dataSource.query(`SELECT * FROM audit_entry`));
    expect(dump).not.toContain(token);
  });

  it('records a location mappings replacement in its transaction; a refused one leaves nothing', async () => {
    const store = await makeStore(t);
    const warehouse = await makeWarehouse(t);
    const process = await makeShippingProcess(t, warehouse.id);
    const mappings = t.app.get(ChannelLocationMappingService);
    const actor = { kind: 'user' as const, id: 'u-1', label: 'ops@example.com' };
    const mapping = { channelLocationId: 'loc-1', warehouseId: warehouse.id, shippingProcessId: process.id, isDefault: true };

    await AuditContext.run({ actor, requestId: null }, () => mappings.replace(store.id, [mapping]));
    const before = await count();
    await expect(
      AuditContext.run({ actor, requestId: null }, () => mappings.replace(store.id, [mapping, { ...mapping, channelLocationId: 'loc-2' }])),
    ).rejects.toThrow(/default/);
    expect(await count()).toBe(before);

    const [entry, ...more] = await entries({ storeId: store.id, action: 'store.location-mappings.replace' });
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actor, before: [], after: [mapping] });
  });

  it('records product mappings a person or key asked for (a sync they started), not those of scheduled syncs', async () => {
    const store = await makeStore(t);
    const [a, b] = [await makeProduct(t), await makeProduct(t)];
    const products = t.app.get(ChannelProductMappingService);
    const row = (p: { id: string; sku: string }, n: number) => ({
      productId: p.id,
      sku: p.sku,
      externalId: `variant-${n}`,
      externalProductId: null,
      stockItemId: null,
    });
    const actor = { kind: 'api_key' as const, id: 'k-1', label: 'ci' };

    expect(await products.add(store.id, [row(a, 1)])).toBe(1);
    expect(await AuditContext.run({ actor, requestId: '7' }, () => products.add(store.id, [row(a, 1), row(b, 2)]))).toBe(1);

    const log = await entries({ storeId: store.id, action: 'store.product-mappings.add' });
    expect(log).toEqual([
      expect.objectContaining({
        actor,
        requestId: '7',
        before: null,
        after: { added: 1, mappings: [{ externalId: 'variant-2', productId: b.id, sku: b.sku }] },
      }),
    ]);
  });

  it('records a key created and revoked, never its secret', async () => {
    const { agent, user, csrf } = await signedIn(Role.ADMIN);
    const created = await agent.post('/api/v1/api-keys').set('X-CSRF-Token', csrf).send({ name: 'ci', role: 'operator' }).expect(201);
    const id = created.body.id as string;
    await t.http().delete(`/api/v1/api-keys/${id}`).expect(204);
    await t.http().delete(`/api/v1/api-keys/${id}`).expect(404);
    const log = await entries({ targetType: 'api-key', targetId: id });
    expect(log.map((e) => [e.action, e.actor.label, e.before, e.after])).toEqual([
      ['api-key.revoke', 'test admin', { revoked: false }, { revoked: true }],
      ['api-key.create', user.email, null, expect.objectContaining({ name: 'ci', role: 'operator' })],
    ]);
    expect(JSON.stringify(await t.dataSource.query(`SELECT * FROM audit_entry`))).not.toContain(created.body.key as string);
  });

  it('records nothing for a refused change: 400, 403, 404 and 409', async () => {
    const store = await makeStore(t);
    const { agent, csrf } = await signedIn(Role.OPERATOR);
    const before = await count();

    await t
      .http()
      .patch(`/api/v1/stores/${store.id}/settings`)
      .send({ label: 'x'.repeat(41) })
      .expect(400);
    await t
      .http()
      .patch(`/api/v1/stores/${store.id}/settings`)
      .send({ stockSync: { mode: 'absolute' } })
      .expect(400);
    await t.http(Role.INTEGRATION_MANAGER).patch(`/api/v1/stores/${store.id}/settings`).send({ label: 'no' }).expect(403);
    await agent.patch(`/api/v1/stores/${store.id}/settings`).set('X-CSRF-Token', csrf).send({ label: 'no' }).expect(403);
    await t.http().delete(`/api/v1/stores/${store.id}`).expect(409);
    await t.http().post('/api/v1/plugins/no-such-plugin/activate').expect(404);
    await t.http().post('/api/v1/users/invitations').send({ email: 'nobody-yet', role: 'viewer' }).expect(400);
    const { user } = await signedIn(Role.VIEWER);
    const afterSignUp = await count();
    await t.http().post('/api/v1/users/invitations').send({ email: user.email, role: 'viewer' }).expect(409);
    expect(await count()).toBe(afterSignUp);
    expect(afterSignUp - before).toBe(1);
    const [created] = await entries({ targetType: 'user', targetId: user.id });
    expect(created).toMatchObject({ action: 'user.create', actor: { kind: 'system' } });
  });

  it('never stores a secret: credentials, tokens, API keys, password hashes', async () => {
    const secret = `tok_${uniq('supersecret')}`;
    const store = await makeStore(t, { credentials: { accessToken: secret } });
    await t.app.get(StoreConnectionService).saveCredentials(store.id, { accessToken: `${secret}-2` });
    await t.http().patch(`/api/v1/stores/${store.id}/settings`).send({ label: 'fine' }).expect(200);
    await t.http().post(`/api/v1/stores/${store.id}/disconnect`).expect(200);
    await t.http().delete(`/api/v1/stores/${store.id}`).expect(204);

    const rows = await t.dataSource.query<Record<string, unknown>[]>(`SELECT * FROM audit_entry`);
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(secret);
    for (const key of Object.values(t.keys)) {
      expect(dump).not.toContain(key);
      expect(dump).not.toContain(key.slice('gk_'.length + 13));
    }
    const hashes = await t.dataSource.query<{ h: string }[]>(
      `SELECT password_hash AS h FROM app_user WHERE password_hash IS NOT NULL UNION ALL SELECT secret_hash FROM api_key UNION ALL SELECT credentials_encrypted FROM store WHERE credentials_encrypted IS NOT NULL`,
    );
    for (const { h } of hashes) {
      expect(dump).not.toContain(h);
    }
    expect(dump).not.toMatch(/passwordHash|secretHash|credentialsEncrypted|accessToken/);
  });

  it('is for admins only: 403 for every other role, by key or session; 401 without one', async () => {
    for (const role of [Role.VIEWER, Role.OPERATOR, Role.INTEGRATION_MANAGER]) {
      const res = await t.http(role).get('/api/v1/audit-log').expect(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const { agent } = await signedIn(Role.INTEGRATION_MANAGER);
    await agent.get('/api/v1/audit-log').expect(403);
    await t.http(null).get('/api/v1/audit-log').expect(401);
    const admin = await signedIn(Role.ADMIN);
    await admin.agent.get('/api/v1/audit-log').expect(200);
  });

  it('filters by store, actor, kind of actor, action, target and time, and pages newest first without gaps', async () => {
    const store = await makeStore(t);
    const { agent, user, csrf } = await signedIn(Role.ADMIN);
    for (let i = 0; i < 5; i++) {
      await agent
        .patch(`/api/v1/stores/${store.id}/settings`)
        .set('X-CSRF-Token', csrf)
        .send({ label: `by person ${i}` })
        .expect(200);
      await t
        .http()
        .patch(`/api/v1/stores/${store.id}/settings`)
        .send({ label: `by key ${i}` })
        .expect(200);
    }

    const all = await entries({ storeId: store.id, action: 'store.settings.update' });
    expect(all).toHaveLength(10);
    expect(all.map((e) => e.after)).toEqual(
      [4, 3, 2, 1, 0].flatMap((i) => [{ label: `by key ${i}` }, { label: `by person ${i}` }]).map((a) => expect.objectContaining(a)),
    );
    const ids = all.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a < b ? 1 : -1))).toEqual(ids);

    const byPerson = await entries({ storeId: store.id, actor: user.email.toUpperCase() });
    expect(byPerson).toHaveLength(5);
    expect(byPerson.every((e) => e.actor.id === user.id)).toBe(true);
    expect(await entries({ storeId: store.id, actor: user.id })).toEqual(byPerson);
    const byKeys = await entries({ storeId: store.id, actorKind: 'api_key' });
    expect(byKeys).toHaveLength(5);
    expect((await entries({ storeId: store.id, actorKind: 'system' })).map((e) => e.action)).toEqual(['store.connect']);
    expect(await entries({ storeId: store.id, targetType: 'user' })).toEqual([]);

    const middle = all[4];
    const from = await entries({ storeId: store.id, action: 'store.settings.update', from: middle.occurredAt });
    expect(from.map((e) => e.id)).toEqual(all.slice(0, 5).map((e) => e.id));
    const to = await entries({ storeId: store.id, action: 'store.settings.update', to: middle.occurredAt });
    expect(to.map((e) => e.id)).toEqual(all.slice(5).map((e) => e.id));

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { storeId: store.id, limit: '3', ...(cursor ? { cursor } : {}) };
      const res = await t.http().get('/api/v1/audit-log').query(query).expect(200);
      pages.push((res.body.items as Entry[]).map((e) => e.id));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 2]);
    const everyEntry = await entries({ storeId: store.id });
    expect(pages.flat()).toEqual(everyEntry.map((e) => e.id));
  });

  it('refuses bad filters with the field named (400)', async () => {
    for (const [query, field] of [
      [{ action: 'store.explode' }, 'action'],
      [{ cursor: 'abc' }, 'cursor'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '+275760-09-13T00:00:00Z' }, 'to'],
      [{ from: '1000-01-01T00:00:00Z' }, 'from'],
      [{ storeId: 'not-a-uuid' }, 'storeId'],
      [{ limit: '0' }, 'limit'],
      [{ actorKind: 'robot' }, 'actorKind'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const res = await t.http().get('/api/v1/audit-log').query(query).expect(400);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
  });

  it('keeps entries as they were: the database refuses to change or delete one', async () => {
    await makeStore(t);
    await expect(t.dataSource.query(`UPDATE audit_entry SET actor_label = 'someone else'`)).rejects.toThrow(/never changed/);
    await expect(t.dataSource.query(`DELETE FROM audit_entry`)).rejects.toThrow(/never changed/);
  });
});
