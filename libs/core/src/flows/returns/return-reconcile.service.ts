import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../../errors/domain.exception';
import type { SyncRun } from '../../sync-run/sync-run.entity';
import { SyncRunner } from '../../sync-run/sync-runner.service';
import { ChannelReturnRepository } from './channel-return.repository';
import { asReturnSource } from './return-channel.directory';

/**
 * Missed return notices: the returns still in progress on the channel and those we follow (requested, expected, held)
 * are made due and read; the worker decides each.
 */
@Injectable()
export class ReturnReconcileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: SyncRunner,
    private readonly returns: ChannelReturnRepository,
  ) {}

  async reconcile(storeId: string, trigger: 'manual' | 'schedule'): Promise<SyncRun> {
    const { run } = await this.runner.run(
      storeId,
      'return-reconcile',
      async (scope) => {
        const source = asReturnSource(scope.adapter);
        if (!source) {
          throw DomainException.conflict(`${scope.adapter.name} stores have no returns`);
        }
        // Returns we are following that may have changed without a notice (declined, cancelled, closed) are read again,
        // and the channel's returns in progress bring those whose first notice was lost.
        const followed = await this.returns.touchFollowed(storeId);
        if (followed > 0) {
          await scope.record([{ externalRef: `${followed} followed return(s)`, outcome: 'read' }]);
        }
        for await (const ids of source.openReturns(scope.ctx)) {
          await this.dataSource.transaction((manager) =>
            this.returns.touch(
              manager,
              storeId,
              ids.map((externalId) => ({ externalId })),
            ),
          );
          await scope.record(ids.map((externalId) => ({ externalRef: externalId, outcome: 'read' })));
        }
      },
      { trigger },
    );
    return run;
  }
}
