import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { CreateShipmentDto } from '../shipment/dtos/create-shipment.dto';
import type { Shipment } from '../shipment/shipment.entity';
import { ShipmentService } from '../shipment/shipment.service';
import { CreateOrderDto } from './dtos/create-order.dto';
import { OrderQueryDto } from './dtos/order-query.dto';
import type { OutboundOrder } from './outbound-order.entity';
import { OrderService } from './order.service';
import { ShipmentResponse } from '../shipment/dtos/shipment.response';
import { OrderDetailResponse } from './dtos/order-detail.response';
import { OrderResponse } from './dtos/order.response';

@ApiTags('orders')
@Controller('orders')
export class OrderController {
  constructor(
    private readonly orders: OrderService,
    private readonly shipments: ShipmentService,
  ) {}

  @Get()
  @RequireRole(Role.VIEWER)
  @ApiOperation({
    summary: 'List warehouse orders',
    description:
      'Newest first; filter by store or status (`needs_attention`: held orders, each with a `holdReason` and a `problem` per line), ' +
      "and find orders by text with `q` (number, reference, channel id, hold reason, a line's SKU or problem).",
  })
  @ApiOkResponse({ type: [OrderResponse], description: 'The orders with their lines' })
  list(@Query() query: OrderQueryDto): Promise<OutboundOrder[]> {
    return this.orders.list(query);
  }

  @Get(':id')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Get a warehouse order with its shipments' })
  @ApiOkResponse({ type: OrderDetailResponse, description: 'The order, its lines and its shipments' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<OutboundOrder & { shipments: Shipment[] }> {
    const order = await this.orders.get(id);
    return { ...order, shipments: await this.shipments.listForOrder(id) };
  }

  @Post()
  @RequireRole(Role.OPERATOR)
  @ApiOperation({ summary: 'Create a warehouse order', description: 'An order to ship from one warehouse; its lines reserve stock.' })
  @ApiCreatedResponse({ type: OrderResponse, description: 'The new order' })
  @ApiNotFoundResponse({ description: 'An unknown warehouse, shipping process or SKU (errors names each)' })
  @ApiBody({
    type: CreateOrderDto,
    examples: {
      order: {
        summary: 'Two lines, with address',
        value: {
          warehouseId: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11',
          shippingProcessId: '5b7e2c1a-3f4d-4e6a-8b9c-0d1e2f3a4b5c',
          reference: 'ERP-100234',
          shippingAddress: { name: 'Ada Lovelace', address1: 'Damrak 1', city: 'Amsterdam', zip: '1012 LG', countryCode: 'NL' },
          lines: [
            { sku: 'TSHIRT-RED-M', quantity: 2 },
            { sku: 'MUG-BLUE', quantity: 1 },
          ],
        },
      },
    },
  })
  async create(@Body() dto: CreateOrderDto): Promise<OutboundOrder> {
    const { order } = await this.orders.create(dto);
    return order;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireRole(Role.OPERATOR)
  @ApiOperation({ summary: 'Cancel a warehouse order', description: 'Releases what is still reserved; shipped lines stay shipped.' })
  @ApiOkResponse({ type: OrderResponse, description: 'The cancelled order' })
  @ApiConflictResponse({ description: 'The order is already shipped' })
  cancel(@Param('id', ParseUUIDPipe) id: string): Promise<OutboundOrder> {
    return this.orders.cancel(id);
  }

  @Post(':id/shipments')
  @RequireRole(Role.OPERATOR)
  @ApiConflictResponse({ description: 'More than is left to ship, not enough stock, or the order is closed' })
  @ApiOperation({
    summary: 'Ship (part of) an order',
    description: 'Books the shipped stock out of the warehouse; the channel order (if any) gets a fulfillment with the tracking.',
  })
  @ApiCreatedResponse({ type: ShipmentResponse, description: 'The new shipment' })
  @ApiBody({
    type: CreateShipmentDto,
    examples: {
      oneParcel: {
        summary: 'One parcel of a known carrier',
        value: { carrier: 'dhl_express', trackingNumber: 'JJD000390007727551', lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }] },
      },
      parcels: {
        summary: 'Several parcels',
        value: {
          carrier: 'ups',
          parcels: [{ trackingNumber: '1Z999AA10123456784' }, { trackingNumber: '1Z999AA10123456785' }],
          lines: [
            { sku: 'TSHIRT-RED-M', quantity: 2 },
            { sku: 'MUG-BLUE', quantity: 1 },
          ],
        },
      },
      otherCarrier: {
        summary: 'A carrier Gantry does not know: a tracking page per parcel',
        value: {
          carrier: 'Fietskoerier Amsterdam',
          parcels: [{ trackingNumber: 'FK-20260701-17', trackingUrl: 'https://fietskoerier.example/track/FK-20260701-17' }],
          lines: [{ sku: 'MUG-BLUE', quantity: 1 }],
        },
      },
    },
  })
  createShipment(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateShipmentDto): Promise<Shipment> {
    return this.shipments.create(id, dto);
  }
}
