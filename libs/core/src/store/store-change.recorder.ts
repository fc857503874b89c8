import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxTopic, type StoreSyncSnapshot } from '../outbox/outbox-topic';
import { OutboxWriter } from '../outbox/outbox.writer';

interface SnapshotRow {
  status: StoreSyncSnapshot['status'];
  stock_sync: { enabled?: unknown; mode?: unknown } | null;
}

/**
 * Runs a change of one store in a transaction (the caller's, when given) and, when it changed the store's status or
 * stock sync settings or removed the store, writes a `store.changed` event in the same transaction: the flows react to
 * it (first push on enable, catch-up after re-auth, forgetting a removed store, ...) and never miss one, whatever
 * process made the change.
 */
@Injectable()
export class StoreChangeRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async run<T>(storeId: string, change: (manager: EntityManager) => Promise<T>, manager?: EntityManager): Promise<T> {
    const work = async (m: EntityManager): Promise<T> => {
      const before = await snapshot(m, storeId, true);
      const result = await change(m);
      const after = await snapshot(m, storeId, false);
      if (after ? !sameSnapshot(before, after) : before !== null) {
        await this.outbox.append(m, [
          { topic: OutboxTopic.STORE_CHANGED, aggregateKey: `store/${storeId}`, payload: { storeId, before, after } },
        ]);
      }
      return result;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }
}

async function snapshot(manager: EntityManager, storeId: string, lock: boolean): Promise<StoreSyncSnapshot | null> {
  const [row] = await manager.query<SnapshotRow[]>(
    `SELECT status, settings->'stockSync' AS stock_sync FROM store WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [storeId],
  );
  if (!row) {
    return null;
  }
  const stock = row.stock_sync;
  const mode: 'absolute' | 'delta' | null = stock?.mode === 'absolute' ? 'absolute' : stock?.mode === 'delta' ? 'delta' : null;
  const stockSync = stock && typeof stock.enabled === 'boolean' && mode ? { enabled: stock.enabled, mode } : null;
  return { status: row.status, stockSync };
}

function sameSnapshot(a: StoreSyncSnapshot | null, b: StoreSyncSnapshot): boolean {
  return a !== null && a.status === b.status && a.stockSync?.enabled === b.stockSync?.enabled && a.stockSync?.mode === b.stockSync?.mode;
}
