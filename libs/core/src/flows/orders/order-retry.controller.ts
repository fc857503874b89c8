import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequireRole } from '../../auth/require-role.decorator';
import { Role } from '../../auth/role.enum';
import { DomainException } from '../../errors/domain.exception';
import { StoreStatus } from '../../store/store-status.enum';
import { StoreService } from '../../store/store.service';
import { ChannelOrderRepository, type ChannelOrderView } from './channel-order.repository';
import { OrderImportService } from './order-import.service';
import { ChannelOrderResponse } from './dtos/channel-order.response';

@ApiTags('orders in')
@Controller('orders')
export class OrderRetryController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stores: StoreService,
    private readonly orders: ChannelOrderRepository,
    private readonly imports: OrderImportService,
  ) {}

  /** Reads a held channel order's warehouse order again from the channel and decides it now. */
  @Post(':id/retry')
  @HttpCode(200)
  @RequireRole(Role.OPERATOR)
  @ApiOkResponse({
    type: ChannelOrderResponse,
    description: 'The channel order after the new decision (state, reason, problems, warehouse orders)',
  })
  @ApiNotFoundResponse({ description: 'No such order, or it did not come from a channel' })
  @ApiConflictResponse({ description: 'The store is not connected' })
  @ApiOperation({
    summary: 'Decide a held channel order again',
    description:
      "Reads a held channel order's warehouse order again from the channel and decides it now (e.g. after mapping a location or creating a product). `id` is the warehouse order's id.",
  })
  async retry(@Param('id', ParseUUIDPipe) id: string): Promise<ChannelOrderView> {
    const found = await this.orders.byWarehouseOrder(id);
    if (!found) {
      throw DomainException.notFound(`No channel order behind order ${id}`);
    }
    const store = await this.stores.get(found.storeId);
    if (store.status !== StoreStatus.CONNECTED) {
      throw DomainException.conflict(`Store ${store.name} is ${store.status}; reconnect it first`);
    }
    await this.dataSource.transaction((manager) => this.orders.touch(manager, found.storeId, [found.externalId]));
    await this.imports.importDue(found.storeId, 'manual');
    const [view] = await this.orders.list(found.storeId, { limit: 1, ids: [found.id] });
    if (!view) {
      throw DomainException.notFound(`No channel order behind order ${id}`);
    }
    return view;
  }
}
