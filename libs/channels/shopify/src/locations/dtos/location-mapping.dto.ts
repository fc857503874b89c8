import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, IsUUID, Matches } from 'class-validator';

export class LocationMappingDto {
  @ApiProperty({ example: 'gid://shopify/Location/1' })
  @IsString()
  @Matches(/^gid:\/\/shopify\/Location\/\d+$/, { message: 'locationId must be a Shopify Location GID' })
  locationId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  warehouseId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  shippingProcessId!: string;

  @ApiProperty({ description: 'Exactly one mapping is the default for new orders' })
  @IsBoolean()
  isDefault!: boolean;
}
