import { ApiProperty } from '@nestjs/swagger';

/** A warehouse product and the Shopify variant it is mapped to. */
export class ProductMappingResponse {
  @ApiProperty({ format: 'uuid', example: '9d2f4a6b-1c3e-4f5a-8b7c-6d5e4f3a2b1c' })
  productId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'TSHIRT-RED-M' })
  sku!: string | null;

  @ApiProperty({ example: 'gid://shopify/Product/1500' })
  shopifyProductId!: string;

  @ApiProperty({ example: 'gid://shopify/ProductVariant/2001' })
  shopifyVariantId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What stock sync sets quantities on',
    example: 'gid://shopify/InventoryItem/3501',
  })
  inventoryItemId!: string | null;
}
