import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, NotEquals, ValidateIf } from 'class-validator';
import { MovementType } from '../movement-type.enum';

export class StockMovementDto {
  @ApiProperty({ enum: MovementType })
  @IsEnum(MovementType)
  type!: MovementType;

  @ApiProperty({ example: 'TSHIRT-RED-M' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  sku!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  warehouseId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for transfers' })
  @ValidateIf((m: StockMovementDto) => m.type === MovementType.TRANSFER || m.toWarehouseId !== undefined)
  @IsUUID()
  toWarehouseId?: string;

  @ApiProperty({ description: 'Positive; an adjustment may be negative (never zero)', example: 5 })
  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  quantity!: number;

  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  reference?: string;
}
