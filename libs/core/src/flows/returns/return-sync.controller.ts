import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../auth/require-role.decorator';
import { Role } from '../../auth/role.enum';
import { DomainException } from '../../errors/domain.exception';
import { StoreStatus } from '../../store/store-status.enum';
import { StoreService } from '../../store/store.service';
import type { SyncRun } from '../../sync-run/sync-run.entity';
import { ChannelReturnRepository, type ChannelReturnView } from './channel-return.repository';
import { ChannelReturnQueryDto } from './dtos/channel-return-query.dto';
import { ReturnReconcileService } from './return-reconcile.service';
import { SyncRunResponse } from '../../sync-run/dtos/sync-run.response';
import { ChannelReturnResponse } from './dtos/channel-return.response';

@ApiTags('returns sync')
@Controller()
export class ReturnSyncController {
  constructor(
    private readonly stores: StoreService,
    private readonly returns: ChannelReturnRepository,
    private readonly reconciler: ReturnReconcileService,
  ) {}

  /** The store's channel returns with the engine's decision (requested, expected, received, closed, withdrawn, held, …). */
  @Get('stores/:id/channel-returns')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: "List a store's channel returns",
    description:
      "The store's channel returns with the engine's decision (requested, expected, received, closed, withdrawn, held, …) and the warehouse return each became.",
  })
  @ApiOkResponse({ type: [ChannelReturnResponse], description: 'The channel returns, newest first' })
  async list(@Param('id', ParseUUIDPipe) id: string, @Query() query: ChannelReturnQueryDto): Promise<ChannelReturnView[]> {
    await this.stores.get(id);
    return this.returns.list({ storeId: id, ...(query.state ? { state: query.state } : {}), limit: query.limit });
  }

  /** Reads the channel's returns in progress and those Gantry follows, and syncs what webhooks missed. */
  @Post('stores/:id/return-import')
  @HttpCode(200)
  @RequireRole(Role.INTEGRATION_MANAGER)
  @ApiOkResponse({ type: SyncRunResponse, description: 'The sync run: one item per return read; each is then synced by the worker' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The store is not connected or its channel has no returns' })
  @ApiOperation({
    summary: "Import the channel's returns now",
    description: "Reads the channel's returns in progress and those Gantry follows, and syncs what webhooks missed; a reconciliation run.",
  })
  reconcile(@Param('id', ParseUUIDPipe) id: string): Promise<SyncRun> {
    return this.reconciler.reconcile(id, 'manual');
  }

  /** Reads a held or failed return from the channel again and decides it now (by the worker). */
  @Post('channel-returns/:id/retry')
  @HttpCode(200)
  @RequireRole(Role.OPERATOR)
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The store is not connected' })
  @ApiOperation({
    summary: 'Decide a held or failed channel return again',
    description: 'Reads it from the channel again and decides it now (by the worker).',
  })
  @ApiOkResponse({ type: ChannelReturnResponse, description: 'The channel return, due now' })
  async retry(@Param('id', ParseUUIDPipe) id: string): Promise<ChannelReturnView> {
    const [before] = await this.returns.list({ id, limit: 1 });
    if (!before) {
      throw DomainException.notFound(`No channel return ${id}`);
    }
    const store = await this.stores.get(before.storeId);
    if (store.status !== StoreStatus.CONNECTED) {
      throw DomainException.conflict(`Store ${store.name} is ${store.status}; reconnect it first`);
    }
    await this.returns.retry(id);
    const [view] = await this.returns.list({ id, limit: 1 });
    return view ?? before;
  }
}
