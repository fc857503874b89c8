import { ApiProperty } from '@nestjs/swagger';
import { OrderPreviewCountsResponse } from './order-preview-counts.response';
import { OrderPreviewItemResponse } from './order-preview-item.response';

/** Which of the store's recent orders the filters would import, hold or skip; nothing is saved. */
export class OrderPreviewResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The filters applied (the saved ones, with those given in the query instead), in the channel's words",
    example: {
      statuses: ['OPEN'],
      financialStatuses: ['PAID'],
      fulfillmentStatuses: [],
      tagsAnyOf: [],
      tagsNoneOf: ['wholesale'],
      createdOnOrAfter: null,
    },
  })
  filters!: Record<string, unknown>;

  @ApiProperty({ description: 'The window read, in days back from now', example: 7 })
  days!: number;

  @ApiProperty({ description: 'The window holds more orders than a preview reads (500)', example: false })
  truncated!: boolean;

  @ApiProperty({ type: OrderPreviewCountsResponse })
  counts!: OrderPreviewCountsResponse;

  @ApiProperty({ type: [OrderPreviewItemResponse] })
  orders!: OrderPreviewItemResponse[];
}
