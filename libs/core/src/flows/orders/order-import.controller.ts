import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ description: 'The sync run: one item per order read (recovered, updated, known); GET /sync-runs/:id lists them' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The store is not connected or its channel has no orders' })
  reconcile(@Param('id', ParseUUIDPipe) id: string, @Body() dto: OrderImportDto): Promise<SyncRun> {
    return this.reconciler.reconcile(id, 'manual', dto.since ? new Date(dto.since) : undefined);
  }

  /** Which of the store's recent orders the saved filters (or those given here) would import, hold or skip, and why. */
  @Get(':id/order-filters/preview')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The store is not connected or its channel has no orders' })
  preview(@Param('id', ParseUUIDPipe) id: string, @Query() query: OrderFilterPreviewQueryDto): Promise<OrderPreview> {
    return this.previews.preview(id, query);
  }

  /** The store's channel orders with the engine's decision (imported, skipped, held, ...) and the warehouse orders they became. */
  @Get(':id/channel-orders')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  async list(@Param('id', ParseUUIDPipe) id: string, @Query() query: ChannelOrderQueryDto): Promise<ChannelOrderView[]> {
    await this.stores.get(id);
    return this.orders.list(id, { ...(query.state ? { state: query.state } : {}), limit: query.limit });
  }
}
