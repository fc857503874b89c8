import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { Role } from '../auth/role.enum';
import { SyncRunQueryDto } from './dtos/sync-run-query.dto';
import type { SyncRunItem } from './sync-run-item.entity';
import type { SyncRun } from './sync-run.entity';
import { SyncRunService } from './sync-run.service';
import { SyncRunDetailResponse } from './dtos/sync-run-detail.response';
import { SyncRunItemPageResponse } from './dtos/sync-run-item-page.response';
import { SyncRunItemQueryDto } from './dtos/sync-run-item-query.dto';
import { SyncRunResponse } from './dtos/sync-run.response';

@ApiTags('sync-runs')
@Controller('sync-runs')
export class SyncRunController {
  constructor(private readonly runs: SyncRunService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  @ApiOperation({ summary: 'List sync runs', description: 'Newest first; filter by store, kind or status.' })
  @ApiOkResponse({ type: [SyncRunResponse], description: 'The sync runs' })
  list(@Query() query: SyncRunQueryDto): Promise<SyncRun[]> {
    return this.runs.list(query);
  }

  @Get(':id')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: 'Get a sync run with its items',
    description:
      'The outcome of each item (a product mapped, a stock level refused, an order recovered, …): the first 1,000 in the ' +
      'order they were recorded; `counts` has the totals, and `GET /sync-runs/{id}/items` pages through all of them.',
  })
  @ApiOkResponse({ type: SyncRunDetailResponse, description: 'The sync run and its first items' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<SyncRun & { items: SyncRunItem[] }> {
    return this.runs.getWithItems(id);
  }

  @Get(':id/items')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: "Page through a sync run's items",
    description: 'In the order they were recorded, optionally of one outcome (e.g. every variant a 200,000-variant product sync skipped).',
  })
  @ApiOkResponse({ type: SyncRunItemPageResponse, description: 'One page of items and the cursor of the next' })
  items(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SyncRunItemQueryDto,
  ): Promise<{ items: SyncRunItem[]; nextCursor: string | null }> {
    return this.runs.items(id, query);
  }
}
