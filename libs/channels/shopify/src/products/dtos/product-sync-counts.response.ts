import { ApiProperty } from '@nestjs/swagger';

/** Variants by outcome. */
export class ProductSyncCountsResponse {
  @ApiProperty({ description: 'Mapped to an existing product (by SKU, then barcode)', example: 12 })
  mapped!: number;

  @ApiProperty({ description: 'Products created for them (createMissingProducts)', example: 0 })
  created!: number;

  @ApiProperty({ description: 'Left unmapped (no SKU, duplicate SKU, no product)', example: 1 })
  skipped!: number;

  @ApiProperty({ description: 'Already mapped', example: 0 })
  unchanged!: number;
}
