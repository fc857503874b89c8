import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { Role } from '../auth/role.enum';
import { AuditService, type AuditEntryView } from './audit.service';
import { AuditLogPageResponse } from './dtos/audit-log-page.response';
import { AuditLogQueryDto } from './dtos/audit-log-query.dto';

@ApiTags('audit log')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequireRole(Role.ADMIN)
  @ApiOperation({
    summary: 'Read the audit log',
    description:
      'Every change made by a person or an API key (settings, mappings, stores, plugins, people, keys, re-exports): who, when, ' +
      'what, and the target before and after, secrets redacted. Newest first; filter by store, actor, action, target or time; ' +
      'page on with `cursor` = the previous page’s `nextCursor`.',
  })
  @ApiOkResponse({ type: AuditLogPageResponse, description: 'One page of entries' })
  @ApiBadRequestResponse({ description: 'A filter is invalid (field named)' })
  list(@Query() query: AuditLogQueryDto): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
    return this.audit.list(query);
  }
}
