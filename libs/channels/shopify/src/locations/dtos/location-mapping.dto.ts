import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, IsUUID, Matches } from 'class-validator';

export class LocationMappingDto {
  @ApiProperty({ description: 'A Shopify location (GET /stores/{id}/locations)', example: 'gid://shopify/Location/1' })
  @IsString()
  @Matches(/^gid:\/\/shopify\/Location\/\d+$/, { message: 'locationId must be a Shopify Location GID' })
  locationId!: string;

  @ApiProperty({ format: 'uuid', description: 'The warehouse behind the location', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  @IsUUID()
  warehouseId!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'How its orders ship (a shipping process of that warehouse)',
    example: '5b7e2c1a-3f4d-4e6a-8b9c-0d1e2f3a4b5c',
  })
  @IsUUID()
  shippingProcessId!: string;

  @ApiProperty({ description: 'Exactly one mapping is the default, for orders whose location is not mapped', example: true })
  @IsBoolean()
  isDefault!: boolean;
}
