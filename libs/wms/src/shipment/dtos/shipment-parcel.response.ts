import { ApiProperty } from '@nestjs/swagger';

/** One parcel of a shipment. */
export class ShipmentParcelResponse {
  @ApiProperty({ example: 'JJD000390007727551' })
  trackingNumber!: string;

  @ApiProperty({ type: String, nullable: true, description: "The parcel's tracking page; null: the carrier's own", example: null })
  trackingUrl!: string | null;
}
