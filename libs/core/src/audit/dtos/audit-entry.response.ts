import { ApiProperty } from '@nestjs/swagger';
import { AuditActorResponse } from './audit-actor.response';

// Before and after are the target as JSON: an object mostly, a list for replaced mappings.
const JSON_VALUE = [
  { type: 'object', additionalProperties: true },
  { type: 'array', items: {} },
];

/** One change: who, when, what, and the target before and after it (secrets redacted). */
export class AuditEntryResponse {
  @ApiProperty({ description: 'Increasing with each entry', example: '1042' })
  id!: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:31:00.000Z' })
  occurredAt!: Date;

  @ApiProperty({ type: AuditActorResponse })
  actor!: AuditActorResponse;

  @ApiProperty({ description: 'What was done, as <target>.<change>', example: 'store.settings.update' })
  action!: string;

  @ApiProperty({ description: 'What kind of thing changed', example: 'store' })
  targetType!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Which one', example: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' })
  targetId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The store the change concerns, if any', example: null })
  storeId!: string | null;

  @ApiProperty({
    oneOf: JSON_VALUE,
    nullable: true,
    description: 'The target before the change (null when it was created); secrets show as "[redacted]"',
    example: { stockSync: { enabled: false } },
  })
  before!: unknown;

  @ApiProperty({
    oneOf: JSON_VALUE,
    nullable: true,
    description: 'The target after the change (null when it was removed); secrets show as "[redacted]"',
    example: { stockSync: { enabled: true } },
  })
  after!: unknown;

  @ApiProperty({ type: String, nullable: true, description: "The request's id in the logs", example: '42' })
  requestId!: string | null;
}
