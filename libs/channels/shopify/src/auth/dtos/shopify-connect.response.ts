import { ApiProperty } from '@nestjs/swagger';

/** Where to send the browser to install the app on the shop. */
export class ShopifyConnectResponse {
  @ApiProperty({
    format: 'uuid',
    description: 'The store, not connected until the OAuth callback completes',
    example: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  })
  storeId!: string;

  @ApiProperty({
    format: 'uri',
    description: "Shopify's install page; the callback must come back with the cookie this answer set (curl: keep a cookie jar, -c/-b)",
    example: 'https://demo-shop.myshopify.com/admin/oauth/authorize?client_id=…&scope=…&redirect_uri=…&state=…',
  })
  authorizeUrl!: string;
}
