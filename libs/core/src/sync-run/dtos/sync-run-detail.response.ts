import { ApiProperty } from '@nestjs/swagger';
import { SyncRunItemResponse } from './sync-run-item.response';
import { SyncRunResponse } from './sync-run.response';

/** A sync run with the outcome of each item. */
export class SyncRunDetailResponse extends SyncRunResponse {
  @ApiProperty({ type: [SyncRunItemResponse] })
  items!: SyncRunItemResponse[];
}
