import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class ReceiveReturnLineDto {
  @ApiProperty({ description: 'The product received, by SKU', example: 'TSHIRT-RED-M' })
  @IsString()
  @IsNotEmpty()
  sku!: string;

  @ApiProperty({ minimum: 1, maximum: 1_000_000, example: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;

  @ApiProperty({ description: 'Put the goods back in stock (books a receipt); false: received but not sellable', example: true })
  @IsBoolean()
  restock!: boolean;

  @ApiPropertyOptional({
    description: "The channel's return line to receive into (its SKU must match); without it, a line with the SKU",
    maxLength: 255,
    example: 'gid://shopify/ReturnLineItem/7001',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  externalLineId?: string;
}

export class ReceiveReturnDto {
  @ApiProperty({ type: [ReceiveReturnLineDto], minItems: 1, maxItems: 500, description: 'What arrived' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReceiveReturnLineDto)
  lines!: ReceiveReturnLineDto[];
}
