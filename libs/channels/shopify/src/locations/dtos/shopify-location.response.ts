import { ApiProperty } from '@nestjs/swagger';

/** A location of the shop, as Shopify states it now. */
export class ShopifyLocationResponse {
  @ApiProperty({ example: 'gid://shopify/Location/1' })
  id!: string;

  @ApiProperty({ example: 'Amsterdam warehouse' })
  name!: string;

  @ApiProperty({ example: true })
  isActive!: boolean;

  @ApiProperty({ description: 'Shopify routes online orders to it', example: true })
  fulfillsOnlineOrders!: boolean;
}
