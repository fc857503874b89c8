import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExportRunService, RequireRole, Role, SyncRunResponse, type SyncRun } from '@gantry/core';

@ApiTags('joor')
@Controller()
export class JoorSyncController {
  constructor(private readonly runs: ExportRunService) {}

  /**
   * Fetches approved JOOR orders now (besides the schedule) and exports the new ones to the linked Shopify store. Answers
   * at once with the sync run; the worker fills it within seconds (GET /sync-runs/:id).
   */
  @Post('stores/:id/joor-sync')
  @HttpCode(202)
  @RequireRole(Role.INTEGRATION_MANAGER)
  @ApiAcceptedResponse({
    type: SyncRunResponse,
    description: 'The sync run (running): kind wholesale-export, one item per order exported, failed or marked',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The store is not a connected JOOR store' })
  @ApiOperation({
    summary: 'Export new JOOR orders now',
    description:
      'Fetches approved JOOR orders now (besides the schedule) and exports the new ones to the linked Shopify store. Answers at once with the sync run; the worker fills it within seconds (GET /sync-runs/{id}).',
  })
  sync(@Param('id', ParseUUIDPipe) id: string): Promise<SyncRun> {
    return this.runs.request(id);
  }
}
