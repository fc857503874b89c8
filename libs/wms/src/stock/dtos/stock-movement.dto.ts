import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, NotEquals, ValidateIf } from 'class-validator';
import { MovementType } from '../movement-type.enum';

export class StockMovementDto {
  @ApiProperty({
    enum: MovementType,
    description: 'receipt: goods in; pick: goods out; adjustment: a correction (may be negative); transfer: to toWarehouseId',
    example: MovementType.RECEIPT,
  })
  @IsEnum(MovementType)
  type!: MovementType;

  @ApiProperty({ example: 'TSHIRT-RED-M' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  sku!: string;

  @ApiProperty({ format: 'uuid', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  @IsUUID()
  warehouseId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Where a transfer goes; required for transfers, not allowed otherwise' })
  @ValidateIf((m: StockMovementDto) => m.type === MovementType.TRANSFER || m.toWarehouseId !== undefined)
  @IsUUID()
  toWarehouseId?: string;

  @ApiProperty({ description: 'Positive; an adjustment may be negative (never zero)', example: 5 })
  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  quantity!: number;

  @ApiPropertyOptional({ maxLength: 255, description: 'Your reference (delivery note, count sheet)', example: 'PO-4711' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  reference?: string;
}
