import { ApiProperty } from '@nestjs/swagger';

/** The order an export created on the sink (a Shopify order). */
export class ExportSinkOrderResponse {
  @ApiProperty({ example: 'gid://shopify/Order/5101' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: '#1042' })
  name!: string | null;
}
