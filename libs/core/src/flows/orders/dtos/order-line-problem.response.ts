import { ApiProperty } from '@nestjs/swagger';

/** Why one line of a channel order cannot be fulfilled as it is. */
export class OrderLineProblemResponse {
  @ApiProperty({ description: "The channel's line id", example: 'gid://shopify/LineItem/1002' })
  externalLineId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'MUG-BLUE' })
  sku!: string | null;

  @ApiProperty({ example: 'No product with SKU MUG-BLUE' })
  problem!: string;
}
