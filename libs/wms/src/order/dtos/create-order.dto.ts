import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class OrderLineInputDto {
  @ApiProperty({ description: 'The product, by SKU', example: 'TSHIRT-RED-M' })
  @IsString()
  @IsNotEmpty()
  sku!: string;

  @ApiProperty({ minimum: 1, maximum: 1_000_000, example: 2 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;

  @ApiPropertyOptional({ description: "The channel's id of this line", maxLength: 255, example: 'LINE-1' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  externalLineId?: string;
}

export class CreateOrderDto {
  @ApiProperty({ format: 'uuid', description: 'The warehouse that ships it', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  @IsUUID()
  warehouseId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'How it ships (a shipping process of that warehouse)',
    example: '5b7e2c1a-3f4d-4e6a-8b9c-0d1e2f3a4b5c',
  })
  @IsOptional()
  @IsUUID()
  shippingProcessId?: string;

  @ApiPropertyOptional({ description: 'Your own order reference (ERP number)', maxLength: 255, example: 'ERP-100234' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  reference?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Where it goes, kept as given',
    example: { name: 'Ada Lovelace', address1: 'Damrak 1', city: 'Amsterdam', zip: '1012 LG', countryCode: 'NL' },
  })
  @IsOptional()
  @IsObject()
  shippingAddress?: Record<string, unknown>;

  @ApiProperty({ type: [OrderLineInputDto], minItems: 1, maxItems: 500, description: 'What to ship; each line reserves stock' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInputDto)
  lines!: OrderLineInputDto[];
}
