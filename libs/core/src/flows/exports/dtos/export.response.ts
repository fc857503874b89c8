import { ApiProperty } from '@nestjs/swagger';
import { EXPORT_STATES } from './export-query.dto';
import { ExportFailureResponse } from './export-failure.response';
import { ExportSinkOrderResponse } from './export-sink-order.response';

/** An export of a wholesale order (JOOR → Shopify): its state, the sink order, why it failed, and the source order. */
export class ExportResponse {
  @ApiProperty({ format: 'uuid', example: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e' })
  id!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The wholesale source store (a JOOR store)',
    example: 'd4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a',
  })
  storeId!: string;

  @ApiProperty({ format: 'uuid', description: 'The sink store (a Shopify store)', example: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' })
  targetStoreId!: string;

  @ApiProperty({ description: "The source's order id (JOOR order number)", example: '1234567' })
  sourceOrderId!: string;

  @ApiProperty({ description: 'Which export of this source order (a re-export is the next generation)', example: 1 })
  generation!: number;

  @ApiProperty({
    enum: EXPORT_STATES,
    description:
      'pending: recorded, not sent; in_flight: sent, outcome being settled; exported: created on the sink; failed: not created (see failure)',
    example: 'exported',
  })
  status!: (typeof EXPORT_STATES)[number];

  @ApiProperty({ enum: ['scheduled', 'manual', 're-export', 'source-re-export'], example: 'scheduled' })
  origin!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The API key name that asked for a re-export', example: null })
  requestedBy!: string | null;

  @ApiProperty({ type: ExportSinkOrderResponse, nullable: true, description: 'null until exported' })
  sinkOrder!: ExportSinkOrderResponse | null;

  @ApiProperty({ type: String, nullable: true, description: 'The sink order a re-export replaces', example: null })
  supersedesOrderId!: string | null;

  @ApiProperty({ type: ExportFailureResponse, nullable: true, description: 'Set when status is failed' })
  failure!: ExportFailureResponse | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it waits (the sink or source was unavailable, the mark on the source is pending)',
    example: null,
  })
  note!: string | null;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the worker takes it up next', example: null })
  dueAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-07-01T11:15:04.000Z' })
  exportedAt!: Date | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the source order was marked as exported',
    example: '2026-07-01T11:15:05.000Z',
  })
  markedAt!: Date | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When its failure was mailed (alertEmails)',
    example: null,
  })
  alertedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T11:15:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T11:15:05.000Z' })
  updatedAt!: Date;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'The source order as last read (externalId, modifiedAt, poNumber, currency, customer, shippingAddress, billingAddress, lines, details, tags, …)',
    example: { externalId: '1234567', poNumber: 'PO-8841', currency: 'EUR' },
  })
  sourceOrder!: Record<string, unknown> | null;
}
