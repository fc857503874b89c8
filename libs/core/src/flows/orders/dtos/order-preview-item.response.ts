import { ApiProperty } from '@nestjs/swagger';

/** What the filters would do with one recent channel order. */
export class OrderPreviewItemResponse {
  @ApiProperty({ example: 'gid://shopify/Order/5001' })
  externalId!: string;

  @ApiProperty({ type: String, nullable: true, example: '#1001' })
  number!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-07-01T10:00:00Z' })
  createdAt!: string;

  @ApiProperty({ enum: ['import', 'hold', 'skip'], example: 'import' })
  verdict!: 'import' | 'hold' | 'skip';

  @ApiProperty({ type: String, nullable: true, description: 'Why it would be held or skipped', example: null })
  reason!: string | null;
}
