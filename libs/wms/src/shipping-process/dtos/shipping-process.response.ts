import { ApiProperty } from '@nestjs/swagger';

/** A shipping process (carrier service, packing flow) of one warehouse. */
export class ShippingProcessResponse {
  @ApiProperty({ format: 'uuid', example: '5b7e2c1a-3f4d-4e6a-8b9c-0d1e2f3a4b5c' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The warehouse it belongs to', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  warehouseId!: string;

  @ApiProperty({ description: 'Your code for it, unique within the warehouse', example: 'PARCEL' })
  code!: string;

  @ApiProperty({ example: 'Parcel, next day' })
  name!: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:30:00.000Z' })
  createdAt!: Date;
}
