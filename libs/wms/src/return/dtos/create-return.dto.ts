import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class ReturnLineInputDto {
  @ApiProperty({ description: 'The product coming back, by SKU', example: 'TSHIRT-RED-M' })
  @IsString()
  @IsNotEmpty()
  sku!: string;

  @ApiProperty({ minimum: 1, maximum: 1_000_000, example: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;
}

export class CreateReturnDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The order being returned; its warehouse receives the goods',
    example: '1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b',
  })
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The warehouse that receives the goods; required without orderId' })
  @ValidateIf((r: CreateReturnDto) => r.orderId === undefined)
  @IsUUID()
  warehouseId?: string;

  @ApiPropertyOptional({ maxLength: 500, description: "The customer's reason", example: 'Too small' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiProperty({ type: [ReturnLineInputDto], minItems: 1, maxItems: 500, description: 'What is expected back' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReturnLineInputDto)
  lines!: ReturnLineInputDto[];
}
