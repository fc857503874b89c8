import { ApiProperty } from '@nestjs/swagger';
import { ShipmentResponse } from '../../shipment/dtos/shipment.response';
import { OrderResponse } from './order.response';

/** One order with its shipments, oldest first. */
export class OrderDetailResponse extends OrderResponse {
  @ApiProperty({ type: [ShipmentResponse], description: 'Its shipments, oldest first' })
  shipments!: ShipmentResponse[];
}
