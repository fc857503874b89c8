import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role, type SyncRun } from '@gantry/core';
import { StockReconcileService } from './stock-reconcile.service';

@ApiTags('shopify')
@Controller('stores')
export class StockSyncController {
  constructor(private readonly reconciler: StockReconcileService) {}

  /** Reads Shopify's quantity of every mapped item now and reports drift; absolute mode corrects it. */
  @Post(':id/stock-reconcile')
  @HttpCode(200)
  @RequireRole(Role.INTEGRATION_MANAGER)
  @ApiOkResponse({ description: 'The reconcile sync run; GET /sync-runs/:id lists its items' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The store is not connected' })
  reconcile(@Param('id', ParseUUIDPipe) id: string): Promise<SyncRun> {
    return this.reconciler.reconcile(id, 'manual');
  }
}
