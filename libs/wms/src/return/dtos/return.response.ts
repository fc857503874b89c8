import { ApiProperty } from '@nestjs/swagger';
import { ReturnStatus } from '../return-status.enum';
import { ReturnLineResponse } from './return-line.response';

/** Goods coming back from a customer; receiving them with restock books a receipt. */
export class ReturnResponse {
  @ApiProperty({ format: 'uuid', example: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f' })
  id!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The order being returned',
    example: '1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b',
  })
  orderId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "A channel return's store", example: null })
  storeId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The channel's id of the return", example: null })
  externalId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The channel's name for it (e.g. #1001-R1)", example: null })
  externalName!: string | null;

  @ApiProperty({ format: 'uuid', description: 'The warehouse that receives the goods', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  warehouseId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Too small' })
  reason!: string | null;

  @ApiProperty({
    enum: ReturnStatus,
    enumName: 'ReturnStatus',
    description:
      "expected: a channel's return waiting to arrive; open: opened through the API; needs_attention: held for a person (see holdReason); cancelled: withdrawn before anything arrived",
    example: ReturnStatus.OPEN,
  })
  status!: ReturnStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Why the return needs attention', example: null })
  holdReason!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "When the customer's words on it were redacted on a privacy request",
    example: null,
  })
  redactedAt!: Date | null;

  @ApiProperty({ description: 'The channel restocks in its own stock (its receipt is not sent back to it)', example: false })
  channelRestocks!: boolean;

  @ApiProperty({ type: [ReturnLineResponse] })
  lines!: ReturnLineResponse[];

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-03T10:00:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-03T10:00:00.000Z' })
  updatedAt!: Date;
}
