import { ApiProperty } from '@nestjs/swagger';
import { SyncRunItemResponse } from './sync-run-item.response';

/** One page of a run's items, in the order they were recorded. */
export class SyncRunItemPageResponse {
  @ApiProperty({ type: [SyncRunItemResponse] })
  items!: SyncRunItemResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page', example: '2042' })
  nextCursor!: string | null;
}
