import { ApiProperty } from '@nestjs/swagger';

/** Which warehouse (and shipping process) backs a Shopify location. */
export class LocationMappingResponse {
  @ApiProperty({ example: 'gid://shopify/Location/1' })
  locationId!: string;

  @ApiProperty({ format: 'uuid', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  warehouseId!: string;

  @ApiProperty({ format: 'uuid', example: '5b7e2c1a-3f4d-4e6a-8b9c-0d1e2f3a4b5c' })
  shippingProcessId!: string;

  @ApiProperty({ description: 'The default for orders whose location is not mapped (exactly one is)', example: true })
  isDefault!: boolean;
}
