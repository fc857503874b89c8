import { ApiProperty } from '@nestjs/swagger';
import { PRIVACY_REQUEST_KINDS } from '../privacy-request.repository';

export class PrivacyRequestResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'shopify', description: 'The channel that sent the request' })
  channel!: string;

  @ApiProperty({ example: 'my-shop.myshopify.com', description: "The channel's account (the shop)" })
  externalAccountId!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The store, when the account is a known store' })
  storeId!: string | null;

  @ApiProperty({ enum: PRIVACY_REQUEST_KINDS })
  kind!: string;

  @ApiProperty({ nullable: true, type: String, description: "The channel's own id of the request (Shopify's data_request.id)" })
  channelRequestId!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'gid://shopify/Customer/191167' })
  customerExternalId!: string | null;

  @ApiProperty({ type: [String], example: ['gid://shopify/Order/299938'], description: 'The orders the request names' })
  orderExternalIds!: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { core: 2, wms: 1, 'shopify-webhook-inbox': 3 },
    description: 'Rows redacted (or records exported) per holder of personal data',
  })
  counts!: Record<string, number>;

  @ApiProperty({ type: String, format: 'date-time' })
  receivedAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the privacy contacts were mailed (data requests)' })
  notifiedAt!: Date | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "When this data request's export was erased (the customer or the shop was redacted since)",
  })
  exportErasedAt!: Date | null;
}
