import { ApiProperty } from '@nestjs/swagger';
import { OrderStatus } from '../order-status.enum';
import { OrderLineResponse } from './order-line.response';

/** A warehouse order: to ship from one warehouse; a channel's order carries its store and external id. */
export class OrderResponse {
  @ApiProperty({ format: 'uuid', example: '1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The store it came from; null for API orders', example: null })
  storeId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The channel's id of the order (a Shopify GID)", example: null })
  externalId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The channel's order number, for people", example: null })
  externalNumber!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Your own reference (ERP number)', example: 'ERP-100234' })
  reference!: string | null;

  @ApiProperty({ format: 'uuid', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  warehouseId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '5b7e2c1a-3f4d-4e6a-8b9c-0d1e2f3a4b5c' })
  shippingProcessId!: string | null;

  @ApiProperty({
    enum: OrderStatus,
    enumName: 'OrderStatus',
    description: 'needs_attention: held for a person (see holdReason); it keeps its reservations but does not ship',
    example: OrderStatus.OPEN,
  })
  status!: OrderStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Why the order is (or was) held', example: null })
  holdReason!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When its personal fields were redacted on a privacy request (the shipping address keeps only its country)',
    example: null,
  })
  redactedAt!: Date | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'As given (API orders) or as the channel states it',
    example: { name: 'Ada Lovelace', address1: 'Damrak 1', city: 'Amsterdam', zip: '1012 LG', countryCode: 'NL' },
  })
  shippingAddress!: Record<string, unknown> | null;

  @ApiProperty({ type: [String], description: "The channel's allocations (Shopify fulfillment orders) this order covers", example: [] })
  channelAllocationIds!: string[];

  @ApiProperty({ type: [OrderLineResponse] })
  lines!: OrderLineResponse[];

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:30:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:30:00.000Z' })
  updatedAt!: Date;
}
