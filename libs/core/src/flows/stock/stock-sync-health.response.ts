import { ApiProperty } from '@nestjs/swagger';
import { SyncRunStatus } from '../../sync-run/sync-run-status.enum';

/** What the last stock reconcile of the store found. */
export class StockReconcileSummaryResponse {
  @ApiProperty({
    format: 'uuid',
    description: 'The reconcile sync run (GET /sync-runs/{id})',
    example: '6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b',
  })
  runId!: string;

  @ApiProperty({ enum: SyncRunStatus, enumName: 'SyncRunStatus', example: SyncRunStatus.SUCCEEDED })
  status!: SyncRunStatus;

  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'When it finished (when it started, while running)',
    example: '2026-07-01T03:00:04.000Z',
  })
  at!: Date;

  @ApiProperty({ type: 'integer', description: 'Pairs (item × location) compared', example: 120 })
  checked!: number;

  @ApiProperty({ type: 'integer', description: "Pairs whose channel quantity differed from the warehouse's", example: 2 })
  drifted!: number;
}

/** A store's stock sync health, from the engine's own tables. */
export class StockSyncHealthResponse {
  @ApiProperty({
    enum: ['unsupported', 'off', 'paused', 'applying', 'catching-up', 'live'],
    description:
      'unsupported: the channel takes no stock; off: disabled in the settings; paused: the store is not connected; applying: a connect, settings or mapping change is being applied; catching-up: the oldest pending change is older than the window allows; live: on time',
    example: 'live',
  })
  state!: string;

  @ApiProperty({ description: 'Why, in a sentence', example: 'Every stock change is on the channel' })
  reason!: string;

  @ApiProperty({ type: 'integer', description: 'Pairs (item × location) tracked by stock sync', example: 120 })
  trackedPairs!: number;

  @ApiProperty({ type: 'integer', description: 'Pairs with a change not yet on the channel', example: 0 })
  pendingPairs!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the oldest pending change happened', example: null })
  oldestPendingAt!: Date | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Its age in seconds: the push lag', example: null })
  lagSeconds!: number | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the last push reached the channel',
    example: '2026-07-01T09:31:02.000Z',
  })
  lastPushAt!: Date | null;

  @ApiProperty({ type: 'integer', description: 'Pushes that failed for good in the last 24 hours', example: 0 })
  failedPushes24h!: number;

  @ApiProperty({ type: StockReconcileSummaryResponse, nullable: true, description: 'The last reconcile; null when none ran' })
  lastReconcile!: StockReconcileSummaryResponse | null;
}
