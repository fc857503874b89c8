import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { CreateShipmentDto } from '../shipment/dtos/create-shipment.dto';
import type { Shipment } from '../shipment/shipment.entity';
import { ShipmentService } from '../shipment/shipment.service';
import { CreateOrderDto } from './dtos/create-order.dto';
import { OrderQueryDto } from './dtos/order-query.dto';
import type { OutboundOrder } from './outbound-order.entity';
import { OrderService } from './order.service';

@ApiTags('orders')
@Controller('orders')
export class OrderController {
  constructor(
    private readonly orders: OrderService,
    private readonly shipments: ShipmentService,
  ) {}

  @Get()
  @RequireRole(Role.VIEWER)
  list(@Query() query: OrderQueryDto): Promise<OutboundOrder[]> {
    return this.orders.list(query);
  }

  @Get(':id')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<OutboundOrder & { shipments: Shipment[] }> {
    const order = await this.orders.get(id);
    return { ...order, shipments: await this.shipments.listForOrder(id) };
  }

  @Post()
  @RequireRole(Role.OPERATOR)
  async create(@Body() dto: CreateOrderDto): Promise<OutboundOrder> {
    const { order } = await this.orders.create(dto);
    return order;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireRole(Role.OPERATOR)
  cancel(@Param('id', ParseUUIDPipe) id: string): Promise<OutboundOrder> {
    return this.orders.cancel(id);
  }

  @Post(':id/shipments')
  @RequireRole(Role.OPERATOR)
  @ApiConflictResponse({ description: 'More than is left to ship, not enough stock, or the order is closed' })
  createShipment(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateShipmentDto): Promise<Shipment> {
    return this.shipments.create(id, dto);
  }
}
