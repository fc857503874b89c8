import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { CreateShippingProcessDto } from './dtos/create-shipping-process.dto';
import { ShippingProcessQueryDto } from './dtos/shipping-process-query.dto';
import type { ShippingProcess } from './shipping-process.entity';
import { ShippingProcessService } from './shipping-process.service';

@ApiTags('warehouses')
@Controller('shipping-processes')
export class ShippingProcessController {
  constructor(private readonly service: ShippingProcessService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  list(@Query() query: ShippingProcessQueryDto): Promise<ShippingProcess[]> {
    return this.service.list(query.warehouseId);
  }

  @Post()
  @RequireRole(Role.ADMIN)
  create(@Body() dto: CreateShippingProcessDto): Promise<ShippingProcess> {
    return this.service.create(dto);
  }
}
