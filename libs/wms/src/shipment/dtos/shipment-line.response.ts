import { ApiProperty } from '@nestjs/swagger';

/** What one shipment carries of one order line. */
export class ShipmentLineResponse {
  @ApiProperty({ format: 'uuid', example: '0e1d2c3b-4a59-4687-b6a5-9483726150fe' })
  orderLineId!: string;

  @ApiProperty({ example: 'TSHIRT-RED-M' })
  sku!: string;

  @ApiProperty({ example: 2 })
  quantity!: number;

  @ApiProperty({ type: String, nullable: true, description: "The channel's id of the order line", example: null })
  externalLineId!: string | null;
}
