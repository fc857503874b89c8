import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../../errors/domain.exception';
import type { SyncRun } from '../../sync-run/sync-run.entity';
import { SyncRunner } from '../../sync-run/sync-runner.service';
import { ChannelReturnRepository } from './channel-return.repository';
import { asReturnSource } from './return-channel.directory';

// The first reconciliation of a store looks back this far; later ones start where the last one ended.
const FIRST_LOOKBACK_MS = 24 * 3600_000;
// A change may be committed on the channel a little after its timestamp: re-read an overlap.
const OVERLAP_MS = 5 * 60_000;

/** Missed return notices: every return of orders changed since the last complete run is made due and read. */
@Injectable()
export class ReturnReconcileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: SyncRunner,
    private readonly returns: ChannelReturnRepository,
  ) {}

  async reconcile(storeId: string, trigger: 'manual' | 'schedule', since?: Date): Promise<SyncRun> {
    const { run } = await this.runner.run(
      storeId,
      'return-reconcile',
      async (scope) => {
        const source = asReturnSource(scope.adapter);
        if (!source) {
          throw DomainException.conflict(`${scope.adapter.name} stores have no returns`);
        }
        const startedAt = Date.now();
        const from = since ?? (await this.returns.reconciledThrough(storeId)) ?? new Date(startedAt - FIRST_LOOKBACK_MS);
        for await (const ids of source.changedReturns(scope.ctx, from)) {
          await this.dataSource.transaction((manager) =>
            this.returns.touch(
              manager,
              storeId,
              ids.map((externalId) => ({ externalId })),
            ),
          );
          await scope.record(ids.map((externalId) => ({ externalRef: externalId, outcome: 'read' })));
        }
        if (!since) {
          await this.returns.setReconciledThrough(storeId, new Date(startedAt - OVERLAP_MS));
        }
      },
      { trigger },
    );
    return run;
  }
}
