import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { ShipmentTrackingDto } from './dtos/create-shipment.dto';
import type { Shipment } from './shipment.entity';
import { ShipmentService } from './shipment.service';

@ApiTags('orders')
@Controller('shipments')
export class ShipmentController {
  constructor(private readonly shipments: ShipmentService) {}

  @Get(':id')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Shipment> {
    return this.shipments.get(id);
  }

  /** Replaces the shipment's carrier and parcels (a corrected or added tracking number); the channel's fulfillment follows. */
  @Put(':id/tracking')
  @RequireRole(Role.OPERATOR)
  @ApiNotFoundResponse()
  updateTracking(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ShipmentTrackingDto): Promise<Shipment> {
    return this.shipments.updateTracking(id, dto);
  }
}
