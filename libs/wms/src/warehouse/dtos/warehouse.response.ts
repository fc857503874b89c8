import { ApiProperty } from '@nestjs/swagger';

/** A warehouse, as the API answers it. */
export class WarehouseResponse {
  @ApiProperty({ format: 'uuid', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  id!: string;

  @ApiProperty({ description: 'Your code for the warehouse, unique', example: 'AMS-1' })
  code!: string;

  @ApiProperty({ example: 'Amsterdam' })
  name!: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:30:00.000Z' })
  createdAt!: Date;
}
