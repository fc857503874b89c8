import { ApiProperty } from '@nestjs/swagger';
import { AuditEntryResponse } from './audit-entry.response';

/** One page of the audit log, newest first. */
export class AuditLogPageResponse {
  @ApiProperty({ type: [AuditEntryResponse] })
  items!: AuditEntryResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next (older) page; null on the last page',
    example: '1001',
  })
  nextCursor!: string | null;
}
