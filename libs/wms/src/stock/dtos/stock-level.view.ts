import { ApiProperty } from '@nestjs/swagger';

export class StockLevelView {
  @ApiProperty()
  sku!: string;

  @ApiProperty({ format: 'uuid' })
  warehouseId!: string;

  @ApiProperty()
  onHand!: number;

  @ApiProperty()
  reserved!: number;

  @ApiProperty({ description: 'onHand − reserved; negative when more is promised than held' })
  available!: number;
}
