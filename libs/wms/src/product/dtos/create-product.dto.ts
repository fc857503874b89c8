import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateProductDto {
  @ApiProperty({ description: 'Unique; channels map their variants by it', maxLength: 255, example: 'TSHIRT-RED-M' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  sku!: string;

  @ApiPropertyOptional({
    description: 'EAN/UPC; product sync matches by it when the SKU does not',
    maxLength: 64,
    example: '8712345678906',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  barcode?: string;

  @ApiProperty({ example: 'T-shirt red M' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name!: string;
}
