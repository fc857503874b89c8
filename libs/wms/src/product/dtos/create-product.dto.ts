import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateProductDto {
  @ApiProperty({ example: 'TSHIRT-RED-M' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  sku!: string;

  @ApiPropertyOptional({ example: '8712345678906' })
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
