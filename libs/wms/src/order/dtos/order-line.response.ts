import { ApiProperty } from '@nestjs/swagger';

/** One line of a warehouse order. */
export class OrderLineResponse {
  @ApiProperty({ format: 'uuid', example: '0e1d2c3b-4a59-4687-b6a5-9483726150fe' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b' })
  orderId!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "null: the channel's SKU has no product here yet; such a line reserves nothing and cannot ship",
    example: '9d2f4a6b-1c3e-4f5a-8b7c-6d5e4f3a2b1c',
  })
  productId!: string | null;

  @ApiProperty({ example: 'TSHIRT-RED-M' })
  sku!: string;

  @ApiProperty({ description: 'Ordered; 0 for a line the channel removed (kept for tracking)', example: 2 })
  quantity!: number;

  @ApiProperty({ example: 0 })
  shippedQuantity!: number;

  @ApiProperty({ description: 'Still held for this line; released on shipment or cancellation', example: 2 })
  reservedQuantity!: number;

  @ApiProperty({ type: String, nullable: true, description: "The channel's id of the line", example: 'gid://shopify/LineItem/1001' })
  externalLineId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the line cannot be fulfilled as it is (e.g. no product with its SKU); null when it can',
    example: null,
  })
  problem!: string | null;
}
