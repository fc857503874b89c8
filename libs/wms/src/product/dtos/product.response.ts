import { ApiProperty } from '@nestjs/swagger';

/** A warehouse product (one SKU). */
export class ProductResponse {
  @ApiProperty({ format: 'uuid', example: '9d2f4a6b-1c3e-4f5a-8b7c-6d5e4f3a2b1c' })
  id!: string;

  @ApiProperty({ description: 'Unique; channels map their variants to products by it', example: 'TSHIRT-RED-M' })
  sku!: string;

  @ApiProperty({ type: String, nullable: true, description: 'EAN/UPC; the second key product sync matches by', example: '8712345678906' })
  barcode!: string | null;

  @ApiProperty({ example: 'T-shirt red M' })
  name!: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:30:00.000Z' })
  createdAt!: Date;
}
