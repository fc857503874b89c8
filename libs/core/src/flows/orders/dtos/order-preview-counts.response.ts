import { ApiProperty } from '@nestjs/swagger';

/** How many orders of the preview each verdict got. */
export class OrderPreviewCountsResponse {
  @ApiProperty({ example: 18 })
  import!: number;

  @ApiProperty({ example: 1 })
  hold!: number;

  @ApiProperty({ example: 3 })
  skip!: number;
}
