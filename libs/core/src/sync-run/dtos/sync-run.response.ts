import { ApiProperty } from '@nestjs/swagger';
import { SyncRunStatus } from '../sync-run-status.enum';

/** One synchronisation: what ran, for which store, when, how it ended, and item counts by outcome. */
export class SyncRunResponse {
  @ApiProperty({ format: 'uuid', example: '6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' })
  storeId!: string | null;

  @ApiProperty({
    description: 'product-sync, stock-push, stock-reconcile, order-import, return-import, wholesale-export, …',
    example: 'product-sync',
  })
  kind!: string;

  @ApiProperty({
    enum: SyncRunStatus,
    enumName: 'SyncRunStatus',
    description: 'partial: finished with some items failed',
    example: SyncRunStatus.SUCCEEDED,
  })
  status!: SyncRunStatus;

  @ApiProperty({ description: 'manual, schedule, webhook or event', example: 'manual' })
  trigger!: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:31:00.000Z' })
  startedAt!: Date;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null while running',
    example: '2026-07-01T09:31:02.000Z',
  })
  finishedAt!: Date | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Items by outcome (per kind: mapped, created, skipped, ok, failed, …)',
    example: { mapped: 12, created: 0, skipped: 1, unchanged: 0 },
  })
  counts!: Record<string, number>;

  @ApiProperty({ type: String, nullable: true, description: 'Why the run failed as a whole', example: null })
  error!: string | null;
}
