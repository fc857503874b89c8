import { ApiProperty } from '@nestjs/swagger';

/** A channel this deployment knows; only active ones accept new stores. */
export class PluginResponse {
  @ApiProperty({ description: 'The channel key (stores name it as `channel`)', example: 'shopify' })
  key!: string;

  @ApiProperty({ example: 'Shopify' })
  name!: string;

  @ApiProperty({ description: 'Accepts new stores; deactivating keeps existing stores', example: true })
  active!: boolean;
}
