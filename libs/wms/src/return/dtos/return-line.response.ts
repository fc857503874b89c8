import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One line of a customer return. */
export class ReturnLineResponse {
  @ApiProperty({ example: 'TSHIRT-RED-M' })
  sku!: string;

  @ApiProperty({ format: 'uuid', example: '9d2f4a6b-1c3e-4f5a-8b7c-6d5e4f3a2b1c' })
  productId!: string;

  @ApiProperty({ description: 'Expected back', example: 1 })
  quantity!: number;

  @ApiProperty({ description: 'Received so far', example: 0 })
  receivedQuantity!: number;

  @ApiProperty({ description: 'Of those received, put back in stock', example: 0 })
  restockedQuantity!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The order line it returns', example: null })
  orderLineId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The channel's return line id", example: null })
  externalLineId!: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "The channel's reason for this line (channel returns only)",
    example: null,
  })
  reason?: string | null;
}
