import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class AddShopifyStoreDto {
  @ApiProperty({ example: 'my-shop', maxLength: 300, description: 'A shop name, my-shop.myshopify.com, or a Shopify admin URL' })
  @IsString()
  @MaxLength(300)
  shopDomain!: string;
}
