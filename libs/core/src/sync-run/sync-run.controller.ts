import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { Role } from '../auth/role.enum';
import { SyncRunQueryDto } from './dtos/sync-run-query.dto';
import type { SyncRunItem } from './sync-run-item.entity';
import type { SyncRun } from './sync-run.entity';
import { SyncRunService } from './sync-run.service';

@ApiTags('sync-runs')
@Controller('sync-runs')
export class SyncRunController {
  constructor(private readonly runs: SyncRunService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  list(@Query() query: SyncRunQueryDto): Promise<SyncRun[]> {
    return this.runs.list(query);
  }

  @Get(':id')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  get(@Param('id', ParseUUIDPipe) id: string): Promise<SyncRun & { items: SyncRunItem[] }> {
    return this.runs.getWithItems(id);
  }
}
