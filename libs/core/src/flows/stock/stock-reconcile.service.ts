import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../../errors/domain.exception';
import { WarehousePort } from '../../ports/warehouse.port';
import { StoreStatus } from '../../store/store-status.enum';
import { StoreService } from '../../store/store.service';
import type { SyncRun } from '../../sync-run/sync-run.entity';
import { SyncRunService } from '../../sync-run/sync-run.service';
import { StockSinkDirectory } from './stock-sink.directory';
import type { WithStockSyncSettings } from './stock-sync.settings';

interface PairRow {
  channel_item_id: string;
  channel_location_id: string;
  warehouse_id: string;
  product_id: string;
  sku: string;
}

const PAGE = 1000;

/**
 * Compares the channel's quantity of every mapped pair with the warehouse's available. Absolute mode corrects a
 * difference (the pair is due at once, compare-and-set against the value just read); delta mode records it (the
 * channel keeps its own stock there). Every pair is an item of the run: WMS value, channel value, difference, action.
 */
@Injectable()
export class StockReconcileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stores: StoreService,
    private readonly warehouse: WarehousePort,
    private readonly runs: SyncRunService,
  ) {}

  async reconcile(storeId: string, trigger: 'manual' | 'schedule'): Promise<SyncRun> {
    const store = await this.stores.get(storeId);
    if (store.status !== StoreStatus.CONNECTED) {
      throw DomainException.conflict(`Store ${store.name} is ${store.status}; reconnect it first`);
    }
    const { adapter, context: ctx } = await this.stores.resolve(storeId);
    const sink = StockSinkDirectory.asSink(adapter);
    if (!sink) {
      throw DomainException.conflict(`${adapter.name} stores do not take stock`);
    }
    const mode = (ctx.settings as WithStockSyncSettings).stockSync.mode;
    // Mapped pairs are tracked when their mapping's event is applied (with the baseline of that moment): compare
    // after that, never track here with a baseline of "now".
    const [waiting] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM outbox_event WHERE aggregate_key = $1 AND handled_at IS NULL AND topic IN ('store.changed', 'channel-mappings.changed') LIMIT 1`,
      [`store/${storeId}`],
    );
    if (waiting) {
      throw DomainException.conflict(
        `Stock sync of ${store.name} is still applying a change (connect, settings or mappings); try again in a moment`,
      );
    }
    const run = await this.runs.start({ storeId, kind: 'stock-reconcile', trigger });
    try {
      for (let offset = 0; ; offset += PAGE) {
        const rows = await this.dataSource.query<PairRow[]>(
          `SELECT channel_item_id, channel_location_id, warehouse_id, product_id, sku FROM stock_sync_item
            WHERE store_id = $1 ORDER BY channel_item_id, channel_location_id LIMIT $2 OFFSET $3`,
          [storeId, PAGE, offset],
        );
        if (rows.length === 0) {
          break;
        }
        const levels = await this.warehouse.levels(rows.map((r) => ({ warehouseId: r.warehouse_id, productId: r.product_id })));
        const onChannel = await sink.readStock(
          ctx,
          rows.map((r) => ({ channelItemId: r.channel_item_id, channelLocationId: r.channel_location_id })),
        );
        const compared = rows.map((row, i) => {
          const wms = levels[i]?.available ?? 0;
          const channel = onChannel[i] ?? 0;
          return { row, wms, channel, difference: channel - wms };
        });
        await this.applyDifferences(storeId, mode, compared);
        await this.runs.recordItems(
          run.id,
          compared.map((c) => ({
            externalRef: `${c.row.channel_item_id}@${c.row.channel_location_id}`,
            sku: c.row.sku,
            outcome: c.difference === 0 ? 'in-sync' : 'drift',
            reason:
              `WMS ${c.wms}, ${sink.name} ${c.channel}` +
              (c.difference === 0
                ? ''
                : `, difference ${c.difference > 0 ? '+' : ''}${c.difference}; ${mode === 'absolute' ? 'corrected' : 'recorded (delta mode leaves the channel as it is)'}`),
          })),
        );
      }
      return await this.runs.finish(run.id);
    } catch (error) {
      await this.runs.finish(run.id, { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  private async applyDifferences(
    storeId: string,
    mode: 'absolute' | 'delta',
    compared: { row: PairRow; channel: number; difference: number }[],
  ): Promise<void> {
    const drifts = compared.filter((c) => c.difference !== 0);
    if (drifts.length === 0) {
      return;
    }
    // Absolute: the channel holds no warehouse version any more, so the pair is due again at once.
    await this.dataSource.query(
      `UPDATE stock_sync_item i SET channel_quantity = v.quantity,
              drift_total = drift_total + (v.quantity - coalesce(i.channel_quantity, v.quantity)),
              -- Pending again without inventing a version: the push that settles it reaches wanted_version.
              pushed_version = CASE WHEN $2 = 'absolute' THEN least(i.pushed_version, i.wanted_version - 1) ELSE i.pushed_version END,
              due_at = CASE WHEN $2 = 'absolute' THEN now() ELSE i.due_at END,
              pending_since = CASE WHEN $2 = 'absolute' THEN coalesce(i.pending_since, now()) ELSE i.pending_since END,
              updated_at = now()
         FROM unnest($3::text[], $4::text[], $5::int[]) AS v(item, location, quantity)
        WHERE i.store_id = $1 AND i.channel_item_id = v.item AND i.channel_location_id = v.location`,
      [storeId, mode, drifts.map((d) => d.row.channel_item_id), drifts.map((d) => d.row.channel_location_id), drifts.map((d) => d.channel)],
    );
  }
}
