import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { ChannelAdapterException } from '../../channel/channel-adapter.exception';
import type { ChannelAdapter, ChannelContext, ExportedOrderRef, OrderSink } from '../../channel/channel-adapter.interface';
import { DomainErrorCode, DomainException } from '../../errors/domain.exception';
import { StoreStatus } from '../../store/store-status.enum';
import { StoreService } from '../../store/store.service';
import { asOrderSink, asWholesaleSource } from './export-channel.directory';
import { exportIdentity } from './export-run.service';
import { WholesaleExportRepository, type ExportRow } from './wholesale-export.repository';

/** What people ask of exports: a re-export (a new generation) and a retry of a failed one. */
@Injectable()
export class ExportRequestService {
  constructor(
    private readonly exports: WholesaleExportRepository,
    private readonly stores: StoreService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Exports the order once more as a new sink order, from the source's current state. Only once the previous sink order
   * is cancelled (the sink's order is never updated, and two live orders would ship twice); the history stays.
   */
  async reExport(exportId: string, requestedBy: string | null): Promise<ExportRow> {
    const row = await this.get(exportId);
    const [latest] = (await this.exports.history(row.storeId, row.sourceOrderId)).slice(-1);
    if (!latest) {
      throw DomainException.notFound(`No export ${exportId}`);
    }
    if (latest.state === 'pending' || latest.state === 'in_flight') {
      throw DomainException.conflict(`Export ${latest.generation} of order ${row.sourceOrderId} is still in progress; wait for it`);
    }
    if (latest.state === 'failed') {
      // Nothing of the latest export is on the sink: trying it again (from the source's current order) is the re-export.
      await this.assertConnected(row);
      return this.retryFailed('export.re-export', latest);
    }
    const { source, sink, sinkContext, account } = await this.assertConnected(row);
    const previous = latest.sinkOrderId ? await this.readPrevious(sink, sinkContext, latest.sinkOrderId) : undefined;
    if (previous && !previous.cancelled) {
      throw DomainException.conflict(
        `Order ${previous.name ?? previous.externalId} from export ${latest.generation} is not cancelled: cancel it first; ` +
          're-exporting creates a new order and never changes that one',
      );
    }
    const generation = latest.generation + 1;
    return this.dataSource.transaction(async (manager) => {
      const [id] = await this.exports.record(
        row.storeId,
        row.targetStoreId,
        [
          {
            sourceOrderId: row.sourceOrderId,
            generation,
            identity: exportIdentity(source, account, row.sourceOrderId, generation),
            origin: 're-export',
            requestedBy,
            sourceOrder: null,
            supersedesOrderId: latest.sinkOrderId,
          },
        ],
        manager,
      );
      if (!id) {
        throw DomainException.conflict(`Export ${generation} of order ${row.sourceOrderId} was just requested; wait for it`);
      }
      const created = (await this.exports.get(id, manager))!;
      await this.recordRequest(manager, 'export.re-export', latest, created);
      return created;
    });
  }

  /** Tries a failed export again now, from the source's current order. */
  async retry(exportId: string): Promise<ExportRow> {
    const row = await this.get(exportId);
    if (row.state !== 'failed') {
      throw DomainException.conflict(`Export ${exportId} is ${row.state}; only a failed export can be retried`);
    }
    await this.assertConnected(row);
    return this.retryFailed('export.retry', row);
  }

  // The retry and its entry in one transaction: a committed retry always has its entry. An export no longer failed (a
  // worker settled it meanwhile) is not retried, and nothing is recorded.
  private async retryFailed(action: 'export.re-export' | 'export.retry', failed: ExportRow): Promise<ExportRow> {
    const retried = await this.dataSource.transaction(async (manager) => {
      if (!(await this.exports.retryNow(failed.id, manager))) {
        return null;
      }
      const after = (await this.exports.get(failed.id, manager))!;
      await this.recordRequest(manager, action, failed, after);
      return after;
    });
    return retried ?? this.get(failed.id);
  }

  private recordRequest(
    manager: EntityManager,
    action: 'export.re-export' | 'export.retry',
    before: ExportRow,
    after: ExportRow,
  ): Promise<void> {
    const facts = (e: ExportRow) => ({
      id: e.id,
      sourceOrderId: e.sourceOrderId,
      generation: e.generation,
      state: e.state,
      sinkOrderId: e.sinkOrderId,
    });
    return this.audit.record(manager, {
      action,
      targetType: 'export',
      targetId: after.id,
      storeId: after.storeId,
      before: facts(before),
      after: facts(after),
    });
  }

  async get(exportId: string): Promise<ExportRow> {
    const row = await this.exports.get(exportId);
    if (!row) {
      throw DomainException.notFound(`No export ${exportId}`);
    }
    return row;
  }

  /**
   * The previous sink order, to check it is cancelled. The sink failing to answer (down, throttled) is a 503 with its
   * reason, not a 500: nothing was decided, and asking again later may work.
   */
  private async readPrevious(
    sink: ChannelAdapter & OrderSink,
    ctx: ChannelContext,
    orderId: string,
  ): Promise<ExportedOrderRef | undefined> {
    try {
      return (await sink.readExportedOrders(ctx, [orderId])).get(orderId);
    } catch (error) {
      if (error instanceof ChannelAdapterException) {
        throw new DomainException(
          DomainErrorCode.UNAVAILABLE,
          `${sink.name} could not say whether order ${orderId} is cancelled; try again later (${error.message})`,
        );
      }
      throw error;
    }
  }

  private async assertConnected(row: ExportRow) {
    const sourceStore = await this.stores.resolve(row.storeId);
    const sinkStore = await this.stores.resolve(row.targetStoreId);
    const source = asWholesaleSource(sourceStore.adapter);
    const sink = asOrderSink(sinkStore.adapter);
    for (const s of [sourceStore.store, sinkStore.store]) {
      if (s.status !== StoreStatus.CONNECTED) {
        throw DomainException.conflict(`Store ${s.name} is ${s.status}; connect it again first`);
      }
    }
    if (!source || !sink) {
      throw DomainException.conflict(`Store ${sourceStore.store.name} no longer exports to ${sinkStore.store.name}`);
    }
    return { source: source.key, sink, sinkContext: sinkStore.context, account: sourceStore.context.externalAccountId };
  }
}
