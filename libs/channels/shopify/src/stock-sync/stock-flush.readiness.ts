import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Quantities per call: Shopify's cap on input arrays. */
export const MAX_LINES_PER_PUSH = 250;
// How long a due pair may wait for company before it goes in a partial batch.
const LINGER_SECONDS = 1;
// A store whose pending pairs saw no change for this long has no burst running: its due pairs go at once.
const QUIET_SECONDS = 0.3;

/**
 * When a store's due pairs go out. Full batches go at once; a partial batch waits up to a second while more pairs are
 * about to come due or changes are still arriving, so a burst costs ⌈pairs / 250⌉ calls rather than a call per poll.
 * The wait is bounded: the leading edge still goes within about a second, the trailing edge within the window + 1 s.
 */
@Injectable()
export class StockFlushReadiness {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores with a batch ready now (all of them, or only `storeId`). */
  async readyStores(storeId?: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ store_id: string }[]>(
      `SELECT store_id FROM stock_sync_item
        WHERE wanted_version > pushed_version AND push_id IS NULL AND due_at <= now() + make_interval(secs => $1)
          AND ($4::uuid IS NULL OR store_id = $4)
        GROUP BY store_id
       HAVING count(*) FILTER (WHERE due_at <= now()) >= $3
           OR min(due_at) <= now() - make_interval(secs => $1)
           -- Nothing else comes due within the linger and no burst is running: waiting would not fill the batch.
           OR (min(due_at) <= now() AND max(due_at) <= now() AND max(updated_at) <= now() - make_interval(secs => $2))`,
      [LINGER_SECONDS, QUIET_SECONDS, MAX_LINES_PER_PUSH, storeId ?? null],
    );
    return rows.map((r) => r.store_id);
  }

  async isReady(storeId: string): Promise<boolean> {
    return (await this.readyStores(storeId)).length > 0;
  }
}
