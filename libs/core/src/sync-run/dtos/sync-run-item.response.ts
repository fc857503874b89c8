import { ApiProperty } from '@nestjs/swagger';

/** The outcome of one item of a sync run (a product mapped, a stock level refused, …). */
export class SyncRunItemResponse {
  @ApiProperty({ description: 'A sequence number (bigint, as a string)', example: '1042' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b' })
  syncRunId!: string;

  @ApiProperty({ type: String, nullable: true, description: "The channel's id of the item", example: 'gid://shopify/ProductVariant/2001' })
  externalRef!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'TSHIRT-RED-M' })
  sku!: string | null;

  @ApiProperty({ description: 'Per kind (mapped, created, skipped, ok, failed, …); failed makes the run partial', example: 'mapped' })
  outcome!: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  reason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:31:01.000Z' })
  createdAt!: Date;
}
