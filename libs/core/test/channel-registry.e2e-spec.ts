import { Injectable, type ModuleMetadata } from '@nestjs/common';
import { ChannelAdapterHostModule, Role } from '@gantry/core';
import { AppModule, createApiApp, FakeChannelAdapter, FakeChannelSettings, startTestApp, type TestApp } from '@gantry/testing';

@Injectable()
class TwinFakeAdapter extends FakeChannelAdapter {}

@Injectable()
class SecondChannelAdapter extends FakeChannelAdapter {
  override readonly key = 'second';
  override readonly name = 'Second channel';
}

@Injectable()
class SettingslessAdapter {
  readonly key = 'settingsless';
  readonly name = 'No settings';
  readonly capabilities = [];
  defaultSettings(): object {
    return {};
  }
}

@Injectable()
class BoastfulAdapter {
  readonly key = 'boastful';
  readonly name = 'Claims more than it does';
  readonly capabilities = ['stock-sink', 'order-sink'];
  readonly settingsClass = FakeChannelSettings;
  defaultSettings(): object {
    return new FakeChannelSettings();
  }
  readonly stockTraits = { maxBatch: 10, modes: ['delta'], compareAndSet: false, idempotencyKeys: true };
  pushStock(): Promise<{ lines: [] }> {
    return Promise.resolve({ lines: [] });
  }
  readStock(): Promise<number[]> {
    return Promise.resolve([]);
  }
}

async function bootError(imports: ModuleMetadata['imports']): Promise<unknown> {
  const app = await createApiApp(AppModule.forRole({ api: true, worker: false, imports }), { logger: false });
  try {
    await app.init();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await app.close();
  }
}

describe('channel registry', () => {
  it('refuses to boot when two adapters claim one key', async () => {
    const error = await bootError([
      ChannelAdapterHostModule.register(FakeChannelAdapter),
      ChannelAdapterHostModule.register(TwinFakeAdapter),
    ]);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('Duplicate channel adapter key "fake": FakeChannelAdapter and TwinFakeAdapter both claim it');
  });

  it('refuses to boot on an adapter without settingsClass, or one lacking a declared capability', async () => {
    const noSettings = await bootError([ChannelAdapterHostModule.register(SettingslessAdapter as never)]);
    expect((noSettings as Error).message).toBe('Channel adapter SettingslessAdapter (settingsless) has no settingsClass');
    const boastful = await bootError([ChannelAdapterHostModule.register(BoastfulAdapter as never)]);
    expect((boastful as Error).message).toBe(
      'Channel adapter BoastfulAdapter (boastful) declares order-sink but lacks resolveItems, createOrder, findByIdentity, readExportedOrders',
    );
  });

  describe('plugins', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({
        imports: [ChannelAdapterHostModule.register(FakeChannelAdapter), ChannelAdapterHostModule.register(SecondChannelAdapter)],
      });
    });
    afterAll(() => t.close());

    it('lists every registered adapter as a plugin, inactive at first', async () => {
      const res = await t.http(Role.VIEWER).get('/api/v1/plugins').expect(200);
      expect(res.body).toEqual([
        { key: 'fake', name: 'Fake channel', active: false },
        // Registered by the app itself (JoorB2bModule, ShopifyModule).
        { key: 'joor-b2b', name: 'JOOR', active: false },
        { key: 'second', name: 'Second channel', active: false },
        { key: 'shopify', name: 'Shopify', active: false },
      ]);
      const rows = await t.dataSource.query(`SELECT key, active FROM plugin ORDER BY key`);
      expect(rows).toEqual([
        { key: 'fake', active: false },
        { key: 'joor-b2b', active: false },
        { key: 'second', active: false },
        { key: 'shopify', active: false },
      ]);
    });

    it('activates and deactivates as admin, and keeps the flag across a restart of the registry', async () => {
      const on = await t.http(Role.ADMIN).post('/api/v1/plugins/fake/activate').expect(200);
      expect(on.body).toEqual({ key: 'fake', name: 'Fake channel', active: true });
      const list = await t.http(Role.VIEWER).get('/api/v1/plugins').expect(200);
      expect(list.body).toContainEqual({ key: 'fake', name: 'Fake channel', active: true });

      // A second process booting upserts the plugin rows again; the admin's choice survives.
      const other = await createApiApp(
        AppModule.forRole({ api: true, worker: false, imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] }),
        { logger: false },
      );
      await other.init();
      await other.close();
      expect(await t.dataSource.query(`SELECT active FROM plugin WHERE key = 'fake'`)).toEqual([{ active: true }]);

      const off = await t.http(Role.ADMIN).post('/api/v1/plugins/fake/deactivate').expect(200);
      expect(off.body).toEqual({ key: 'fake', name: 'Fake channel', active: false });
    });

    it('lets only admins switch plugins, and answers 404 for an unknown key', async () => {
      for (const role of [Role.VIEWER, Role.OPERATOR, Role.INTEGRATION_MANAGER]) {
        const res = await t.http(role).post('/api/v1/plugins/fake/activate').expect(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      await t.http(null).get('/api/v1/plugins').expect(401);
      const missing = await t.http().post('/api/v1/plugins/nope/activate').expect(404);
      expect(missing.body.detail).toBe('No plugin nope');
      expect(await t.dataSource.query(`SELECT active FROM plugin WHERE key = 'fake'`)).toEqual([{ active: false }]);
    });
  });
});
