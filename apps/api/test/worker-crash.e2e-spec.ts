import { AppProcess, resetState } from '@gantry/testing';
import { DataSource } from 'typeorm';

jest.setTimeout(180_000);

/** A worker killed with SIGKILL in the middle of a burst loses no stock event: a new worker finishes the work. */
describe('worker killed mid-burst', () => {
  let db: DataSource;
  let api: AppProcess;
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    db = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
    await resetState(db);
    api = await AppProcess.start('api');
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), ...workers.map((w) => w.stop())]);
    await db?.destroy();
  });

  const call = async (path: string, body: unknown): Promise<{ id: string }> => {
    const res = await fetch(`${api.url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${AppProcess.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) {
      throw new Error(`${path}: ${res.status} ${await res.text()}`);
    }
    return (await res.json()) as { id: string };
  };

  const count = async (sql: string): Promise<number> => Number((await db.query<{ n: string }[]>(sql))[0]?.n ?? 0);

  it('relays and handles every event once a new worker is up', async () => {
    const warehouse = await call('/warehouses', { code: `W${Date.now()}`, name: 'crash test' });
    const skus = Array.from({ length: 100 }, (_, i) => `CRASH-${i}`);
    for (const sku of skus) {
      await call('/products', { sku, name: sku });
    }
    workers.push(await AppProcess.start('worker'));

    const batches = 40;
    let sent = 0;
    for (let b = 0; b < batches; b++) {
      const movements = Array.from({ length: 100 }, (_, i) => ({
        type: 'receipt',
        sku: skus[(b * 7 + i) % skus.length],
        warehouseId: warehouse.id,
        quantity: 1 + (i % 3),
      }));
      await call('/stock/movements/batch', { movements });
      sent += movements.length;
      if (b === batches / 2) {
        // The worker dies while it relays and dispatches the first half.
        await workers[0]?.kill();
      }
    }
    expect(sent).toBe(4000);
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE handled_at IS NULL`)).toBeGreaterThan(0);

    workers.push(await AppProcess.start('worker'));
    const deadline = Date.now() + 150_000;
    while ((await count(`SELECT count(*) AS n FROM outbox_event WHERE handled_at IS NULL`)) > 0) {
      if (Date.now() > deadline) {
        throw new Error(`events still pending; worker log:\n${workers[1]?.log().slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }

    // One event per level version, none lost: the ledger, the levels and the outbox agree.
    expect(await count(`SELECT count(*) AS n FROM stock_movement`)).toBe(4000);
    expect(await count(`SELECT sum(version) AS n FROM stock_level`)).toBe(4000);
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE topic = 'stock.changed'`)).toBe(4000);
    expect(await count(`SELECT count(DISTINCT (payload->>'productId', payload->>'version')) AS n FROM outbox_event`)).toBe(4000);
  });
});
