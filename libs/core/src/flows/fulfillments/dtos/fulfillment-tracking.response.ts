import { ApiProperty } from '@nestjs/swagger';

/** The tracking a fulfillment carries to the channel. */
export class FulfillmentTrackingResponse {
  @ApiProperty({ type: String, nullable: true, description: "The carrier in the channel's words", example: 'DHL Express' })
  carrier!: string | null;

  @ApiProperty({ type: [String], description: 'One per parcel, in order', example: ['JJD000390007727551'] })
  numbers!: string[];

  @ApiProperty({
    type: 'array',
    items: { type: 'string', nullable: true },
    description: "Tracking pages aligned with numbers (null: the carrier's own page)",
    example: [null],
  })
  urls!: (string | null)[];
}
