import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../auth/require-role.decorator';
import { Role } from '../../auth/role.enum';
import type { SyncRun } from '../../sync-run/sync-run.entity';
import { StockReconcileService } from './stock-reconcile.service';
import { SyncRunResponse } from '../../sync-run/dtos/sync-run.response';

@ApiTags('stock sync')
@Controller('stores')
export class StockReconcileController {
  constructor(private readonly reconciler: StockReconcileService) {}

  /** Reads the channel's quantity of every mapped item now and reports differences; absolute mode corrects them. */
  @Post(':id/stock-reconcile')
  @HttpCode(200)
  @RequireRole(Role.INTEGRATION_MANAGER)
  @ApiOkResponse({ type: SyncRunResponse, description: 'The reconcile sync run; GET /sync-runs/:id lists its items' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'The store is not connected, its channel takes no stock, or a lifecycle change is still being applied',
  })
  @ApiOperation({
    summary: "Compare the channel's stock with the warehouse's now",
    description:
      "Reads the channel's quantity of every mapped item and reports each difference as a run item; absolute mode corrects them. Also runs daily.",
  })
  reconcile(@Param('id', ParseUUIDPipe) id: string): Promise<SyncRun> {
    return this.reconciler.reconcile(id, 'manual');
  }
}
