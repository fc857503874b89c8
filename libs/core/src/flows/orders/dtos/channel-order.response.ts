import { ApiProperty } from '@nestjs/swagger';
import { CHANNEL_ORDER_STATES } from './channel-order-query.dto';
import { ChannelOrderLinkResponse } from './channel-order-link.response';
import { OrderLineProblemResponse } from './order-line-problem.response';

/** A channel's order with the engine's decision and the warehouse orders it became. */
export class ChannelOrderResponse {
  @ApiProperty({ format: 'uuid', example: '8b9c0d1e-2f3a-4b4c-8d5e-6f7a8b9c0d1e' })
  id!: string;

  @ApiProperty({ description: "The channel's id of the order", example: 'gid://shopify/Order/5001' })
  externalId!: string;

  @ApiProperty({ type: String, nullable: true, description: "The channel's order number, for people", example: '#1001' })
  externalNumber!: string | null;

  @ApiProperty({
    enum: CHANNEL_ORDER_STATES,
    description:
      'pending: being decided; imported: in the warehouse; skipped: the filters do not take it; held: waits for a person or a mapping (see reason); cancelled; conflict; failed',
    example: 'imported',
  })
  state!: (typeof CHANNEL_ORDER_STATES)[number];

  @ApiProperty({ type: String, nullable: true, description: 'Why it is skipped, held or failed', example: null })
  reason!: string | null;

  @ApiProperty({ type: [OrderLineProblemResponse], description: 'Lines that cannot be fulfilled as they are' })
  problems!: OrderLineProblemResponse[];

  @ApiProperty({ type: String, format: 'date-time', description: 'When the channel last changed it', example: '2026-07-01T10:00:00.000Z' })
  channelUpdatedAt!: Date;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The channel version the warehouse follows',
    example: '2026-07-01T10:00:00.000Z',
  })
  appliedUpdatedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the engine looks at it again', example: null })
  dueAt!: Date | null;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, example: null })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T10:00:01.000Z' })
  firstSeenAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-07-01T10:00:02.000Z' })
  importedAt!: Date | null;

  @ApiProperty({ type: [ChannelOrderLinkResponse] })
  warehouseOrders!: ChannelOrderLinkResponse[];
}
