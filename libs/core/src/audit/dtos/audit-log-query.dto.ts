import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, Matches, MaxDate, MaxLength, MinDate } from 'class-validator';
import { LimitParam, StoreIdParam } from '../../validation/query-params.util';
import { AUDIT_ACTOR_KINDS, type AuditActorKind } from '../audit-actor';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '../audit-action';

// Instants PostgreSQL and JSON both spell plainly: a year of four digits.
const EARLIEST = new Date('1970-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59Z');

export class AuditLogQueryDto {
  @StoreIdParam('Only changes of this store (its settings, mappings, removal, exports)')
  storeId?: string;

  @ApiPropertyOptional({
    description: "Only changes by this actor: a user's or key's id, or a person's e-mail or a key's name (case-insensitive)",
    example: 'ops@example.com',
  })
  @IsOptional()
  @MaxLength(320)
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTOR_KINDS, description: 'Only changes by people (user), API keys (api_key) or the system' })
  @IsOptional()
  @IsIn(AUDIT_ACTOR_KINDS)
  actorKind?: AuditActorKind;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, description: 'Only this kind of change', example: 'store.settings.update' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: string;

  @ApiPropertyOptional({ enum: AUDIT_TARGET_TYPES, description: 'Only changes of this kind of thing' })
  @IsOptional()
  @IsIn(AUDIT_TARGET_TYPES)
  targetType?: string;

  @ApiPropertyOptional({ description: 'Only changes of this one thing (with targetType: a store id, user id, plugin key, …)' })
  @IsOptional()
  @MaxLength(200)
  targetId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Only changes at or after this instant' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  @MinDate(EARLIEST, { message: 'from must be in 1970 or later' })
  @MaxDate(LATEST, { message: 'from must be before the year 10000' })
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Only changes before this instant' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  @MinDate(EARLIEST, { message: 'to must be in 1970 or later' })
  @MaxDate(LATEST, { message: 'to must be before the year 10000' })
  to?: Date;

  @ApiPropertyOptional({ description: "The previous page's nextCursor: the entries after it (older)", example: '1042' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: "cursor must be a previous page's nextCursor" })
  cursor?: string;

  @LimitParam({ max: 200, default: 50 })
  limit?: number;
}
