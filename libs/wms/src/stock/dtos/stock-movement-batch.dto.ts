import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { StockMovementDto } from './stock-movement.dto';

export class StockMovementBatchDto {
  @ApiProperty({ type: [StockMovementDto], minItems: 1, maxItems: 1000, description: 'Recorded all or nothing, in this order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => StockMovementDto)
  movements!: StockMovementDto[];
}
