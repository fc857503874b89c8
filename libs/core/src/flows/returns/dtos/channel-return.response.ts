import { ApiProperty } from '@nestjs/swagger';
import { CHANNEL_RETURN_STATES } from './channel-return-query.dto';
import { ChannelReturnDisposalResponse } from './channel-return-disposal.response';
import { ChannelReturnLineResponse } from './channel-return-line.response';

/** A channel's return with the engine's decision and the warehouse return it became. */
export class ChannelReturnResponse {
  @ApiProperty({ format: 'uuid', example: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' })
  storeId!: string;

  @ApiProperty({ example: 'gid://shopify/Return/9001' })
  externalId!: string;

  @ApiProperty({ type: String, nullable: true, example: '#1001-R1' })
  externalName!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'gid://shopify/Order/5001' })
  orderExternalId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The channel's status: requested, open, declined, cancelled, closed",
    example: 'open',
  })
  channelStatus!: string | null;

  @ApiProperty({
    enum: CHANNEL_RETURN_STATES,
    description:
      'requested: awaiting approval on the channel; expected: a warehouse return waits for the goods; received; closed; withdrawn; held: waits for a person (see reason); skipped; failed',
    example: 'expected',
  })
  state!: (typeof CHANNEL_RETURN_STATES)[number];

  @ApiProperty({ type: String, nullable: true, description: 'Why it is held, skipped or failed', example: null })
  reason!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f' })
  warehouseReturnId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  dueAt!: Date | null;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, example: null })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-03T09:00:00.000Z' })
  firstSeenAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-07-03T09:00:02.000Z' })
  syncedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-03T09:00:02.000Z' })
  updatedAt!: Date;

  @ApiProperty({ type: [ChannelReturnLineResponse], description: 'The lines as the channel last stated them' })
  lines!: ChannelReturnLineResponse[];

  @ApiProperty({ type: [ChannelReturnDisposalResponse], description: 'What the channel expects disposed, and what was' })
  disposal!: ChannelReturnDisposalResponse[];
}
