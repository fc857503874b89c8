import { ApiProperty } from '@nestjs/swagger';

/** The outcome for one Shopify variant. */
export class ProductSyncItemResponse {
  @ApiProperty({ type: String, nullable: true, example: 'MUG-BLUE' })
  sku!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'gid://shopify/ProductVariant/2002' })
  externalRef!: string | null;

  @ApiProperty({ description: 'mapped, created, skipped or unchanged', example: 'skipped' })
  outcome!: string;

  @ApiProperty({ type: String, nullable: true, example: 'No product with SKU MUG-BLUE' })
  reason!: string | null;
}
