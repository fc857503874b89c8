import { ApiProperty } from '@nestjs/swagger';

/** Where a store's stock sync stands. */
export class StoreStockSyncResponse {
  @ApiProperty({
    enum: ['live', 'paused', 'catching-up'],
    description: 'live: changes go out as they happen; paused: nothing goes out (see reason); catching-up: changes are on their way',
    example: 'live',
  })
  state!: 'live' | 'paused' | 'catching-up';

  @ApiProperty({ type: String, nullable: true, description: 'Why it is paused, for people', example: null })
  reason!: string | null;

  @ApiProperty({ description: 'The (channel location × item) changes not on the channel yet', example: 0 })
  pendingPairs!: number;
}
