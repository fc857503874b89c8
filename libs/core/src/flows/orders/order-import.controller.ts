import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../auth/require-role.decorator';
import { Role } from '../../auth/role.enum';
import { StoreService } from '../../store/store.service';
import type { SyncRun } from '../../sync-run/sync-run.entity';
import { ChannelOrderRepository, type ChannelOrderView } from './channel-order.repository';
import { ChannelOrderQueryDto } from './dtos/channel-order-query.dto';
import { OrderFilterPreviewQueryDto } from './dtos/order-filter-preview.query.dto';
import { OrderImportDto } from './dtos/order-import.dto';
import { OrderPreviewService, type OrderPreview } from './order-preview.service';
import { OrderReconcileService } from './order-reconcile.service';
import { SyncRunResponse } from '../../sync-run/dtos/sync-run.response';
import { ChannelOrderResponse } from './dtos/channel-order.response';
import { OrderPreviewResponse } from './dtos/order-preview.response';

@ApiTags('orders in')
@Controller('stores')
export class OrderImportController {
  constructor(
    private readonly stores: StoreService,
    private readonly reconciler: OrderReconcileService,
    private readonly previews: OrderPreviewService,
    private readonly orders: ChannelOrderRepository,
  ) {}

  /** Reads the channel's orders changed since `since` (default: since the last run) and imports what webhooks missed. */
  @Post(':id/order-import')
  @HttpCode(200)
  @RequireRole(Role.INTEGRATION_MANAGER)
  @ApiOkResponse({
    type: SyncRunResponse,
    description: 'The sync run: one item per order read (recovered, updated, known); GET /sync-runs/:id lists them',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The store is not connected or its channel has no orders' })
  @ApiOperation({
    summary: "Import the channel's recent orders now",
    description:
      "Reads the channel's orders changed since `since` (default: since the last run) and imports what webhooks missed; a reconciliation run.",
  })
  @ApiBody({
    type: OrderImportDto,
    examples: {
      sinceLastRun: { summary: 'Since the last run', value: {} },
      since: { summary: 'Since a moment', value: { since: '2026-07-01T00:00:00Z' } },
    },
  })
  reconcile(@Param('id', ParseUUIDPipe) id: string, @Body() dto: OrderImportDto): Promise<SyncRun> {
    return this.reconciler.reconcile(id, 'manual', dto.since ? new Date(dto.since) : undefined);
  }

  /** Which of the store's recent orders the saved filters (or those given here) would import, hold or skip, and why. */
  @Get(':id/order-filters/preview')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The store is not connected or its channel has no orders' })
  @ApiOperation({
    summary: 'Preview what the order filters take',
    description:
      "Which of the store's recent orders the saved filters (or those given as query parameters) would import, hold or skip, and why; read live from the channel, nothing is saved.",
  })
  @ApiOkResponse({ type: OrderPreviewResponse, description: 'The verdict on each recent order' })
  preview(@Param('id', ParseUUIDPipe) id: string, @Query() query: OrderFilterPreviewQueryDto): Promise<OrderPreview> {
    return this.previews.preview(id, query);
  }

  /** The store's channel orders with the engine's decision (imported, skipped, held, ...) and the warehouse orders they became. */
  @Get(':id/channel-orders')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: "List a store's channel orders",
    description: "The store's channel orders with the engine's decision (imported, skipped, held, …) and the warehouse orders they became.",
  })
  @ApiOkResponse({ type: [ChannelOrderResponse], description: 'The channel orders, newest first' })
  async list(@Param('id', ParseUUIDPipe) id: string, @Query() query: ChannelOrderQueryDto): Promise<ChannelOrderView[]> {
    await this.stores.get(id);
    return this.orders.list(id, { ...(query.state ? { state: query.state } : {}), limit: query.limit });
  }
}
