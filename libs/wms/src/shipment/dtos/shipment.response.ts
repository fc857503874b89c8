import { ApiProperty } from '@nestjs/swagger';
import { ShipmentLineResponse } from './shipment-line.response';
import { ShipmentParcelResponse } from './shipment-parcel.response';

/** A shipment of (part of) an order: carrier, parcels and lines; channels get it as a fulfillment. */
export class ShipmentResponse {
  @ApiProperty({ format: 'uuid', example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b' })
  orderId!: string;

  @ApiProperty({ description: 'The carrier as given (a known code is normalised)', example: 'dhl_express' })
  carrier!: string;

  @ApiProperty({ description: "The first parcel's tracking number; `parcels` has them all", example: 'JJD000390007727551' })
  trackingNumber!: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  trackingUrl!: string | null;

  @ApiProperty({ type: [ShipmentParcelResponse] })
  parcels!: ShipmentParcelResponse[];

  @ApiProperty({ type: [ShipmentLineResponse] })
  lines!: ShipmentLineResponse[];

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T14:05:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T14:05:00.000Z' })
  updatedAt!: Date;
}
