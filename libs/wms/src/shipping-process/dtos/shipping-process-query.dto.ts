import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class ShippingProcessQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this warehouse's shipping processes" })
  @IsOptional()
  @IsUUID()
  warehouseId?: string;
}
