import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../auth/require-role.decorator';
import { Role } from '../../auth/role.enum';
import { StockSyncHealthResponse } from './stock-sync-health.response';
import { StockSyncHealthService, type StockSyncHealthView } from './stock-sync-health.service';

@ApiTags('stock sync')
@Controller('stores')
export class StockSyncHealthController {
  constructor(private readonly health: StockSyncHealthService) {}

  /** What the admin shows of a store's stock sync, read from the engine's tables rather than scraped from /metrics. */
  @Get(':id/stock-sync')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: "A store's stock sync health",
    description:
      'Its state and why, the changes not yet on the channel and the age of the oldest (the lag), the last push, and the drift the last reconcile found.',
  })
  @ApiOkResponse({ type: StockSyncHealthResponse, description: 'The stock sync health' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<StockSyncHealthView> {
    return this.health.health(id);
  }
}
