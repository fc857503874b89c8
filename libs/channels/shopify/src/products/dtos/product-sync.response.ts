import { ApiProperty } from '@nestjs/swagger';
import { SyncRunStatus } from '@gantry/core';
import { ProductSyncCountsResponse } from './product-sync-counts.response';
import { ProductSyncItemResponse } from './product-sync-item.response';

/** A finished product sync run. */
export class ProductSyncResponse {
  @ApiProperty({ format: 'uuid', description: 'The sync run (GET /sync-runs/{id})', example: '6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b' })
  id!: string;

  @ApiProperty({ enum: SyncRunStatus, enumName: 'SyncRunStatus', example: SyncRunStatus.SUCCEEDED })
  status!: SyncRunStatus;

  @ApiProperty({ type: String, nullable: true, example: null })
  error!: string | null;

  @ApiProperty({ type: ProductSyncCountsResponse })
  counts!: ProductSyncCountsResponse;

  @ApiProperty({ type: [ProductSyncItemResponse], description: 'The outcome of each variant read' })
  items!: ProductSyncItemResponse[];
}
