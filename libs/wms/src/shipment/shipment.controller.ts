import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { ShipmentTrackingDto } from './dtos/create-shipment.dto';
import type { Shipment } from './shipment.entity';
import { ShipmentService } from './shipment.service';
import { ShipmentResponse } from './dtos/shipment.response';

@ApiTags('orders')
@Controller('shipments')
export class ShipmentController {
  constructor(private readonly shipments: ShipmentService) {}

  @Get(':id')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Get a shipment' })
  @ApiOkResponse({ type: ShipmentResponse, description: 'The shipment' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Shipment> {
    return this.shipments.get(id);
  }

  /** Replaces the shipment's carrier and parcels (a corrected or added tracking number); the channel's fulfillment follows. */
  @Put(':id/tracking')
  @RequireRole(Role.OPERATOR)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: "Replace a shipment's tracking",
    description: "Replaces the shipment's carrier and parcels (a corrected or added tracking number); the channel's fulfillment follows.",
  })
  @ApiOkResponse({ type: ShipmentResponse, description: 'The shipment with its new tracking' })
  @ApiBody({
    type: ShipmentTrackingDto,
    examples: {
      corrected: { summary: 'A corrected tracking number', value: { carrier: 'dhl_express', trackingNumber: 'JJD000390007727552' } },
      added: {
        summary: 'A parcel added',
        value: { carrier: 'dhl_express', parcels: [{ trackingNumber: 'JJD000390007727551' }, { trackingNumber: 'JJD000390007727553' }] },
      },
    },
  })
  updateTracking(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ShipmentTrackingDto): Promise<Shipment> {
    return this.shipments.updateTracking(id, dto);
  }
}
