import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../auth/require-role.decorator';
import { Role } from '../../auth/role.enum';
import { DomainException } from '../../errors/domain.exception';
import { StoreStatus } from '../../store/store-status.enum';
import { StoreService } from '../../store/store.service';
import { FulfillmentPushQueryDto } from './dtos/fulfillment-push-query.dto';
import { FulfillmentPushRepository, type FulfillmentPushView } from './fulfillment-push.repository';
import { FulfillmentPushResponse } from './dtos/fulfillment-push.response';

@ApiTags('fulfillments out')
@Controller()
export class FulfillmentPushController {
  constructor(
    private readonly stores: StoreService,
    private readonly pushes: FulfillmentPushRepository,
  ) {}

  /** The store's shipment pushes: state (pending, pushed, held, skipped, failed), reason, the fulfillments made, newest change first. */
  @Get('stores/:id/fulfillment-pushes')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: "List a store's shipment pushes",
    description:
      "The store's shipment pushes: state (pending, pushed, held, skipped, failed), reason, the fulfillments made; newest change first.",
  })
  @ApiOkResponse({ type: [FulfillmentPushResponse], description: 'The pushes' })
  async list(@Param('id', ParseUUIDPipe) id: string, @Query() query: FulfillmentPushQueryDto): Promise<FulfillmentPushView[]> {
    await this.stores.get(id);
    return this.pushes.list({
      storeId: id,
      ...(query.state ? { state: query.state } : {}),
      ...(query.shipmentId ? { shipmentId: query.shipmentId } : {}),
      limit: query.limit,
    });
  }

  /** Pushes a held or failed shipment again now; the channel is read first, so nothing is created twice. */
  @Post('fulfillment-pushes/:id/retry')
  @HttpCode(200)
  @RequireRole(Role.OPERATOR)
  @ApiOkResponse({
    type: FulfillmentPushResponse,
    description: 'The push, due now; its outcome shows in GET /stores/:id/fulfillment-pushes and the sync runs',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The store is not connected' })
  @ApiOperation({
    summary: 'Push a held or failed shipment again',
    description: 'Pushes it again now; the channel is read first, so nothing is created twice.',
  })
  async retry(@Param('id', ParseUUIDPipe) id: string): Promise<FulfillmentPushView> {
    const [before] = await this.pushes.list({ id, limit: 1 });
    if (!before) {
      throw DomainException.notFound(`No fulfillment push ${id}`);
    }
    const store = await this.stores.get(before.storeId);
    if (store.status !== StoreStatus.CONNECTED) {
      throw DomainException.conflict(`Store ${store.name} is ${store.status}; reconnect it first`);
    }
    await this.pushes.retry(id);
    const [view] = await this.pushes.list({ id, limit: 1 });
    return view ?? before;
  }
}
