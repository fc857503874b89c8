import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { CreateWarehouseDto } from './dtos/create-warehouse.dto';
import type { Warehouse } from './warehouse.entity';
import { WarehouseService } from './warehouse.service';

@ApiTags('warehouses')
@Controller('warehouses')
export class WarehouseController {
  constructor(private readonly service: WarehouseService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  list(): Promise<Warehouse[]> {
    return this.service.list();
  }

  @Get(':id')
  @RequireRole(Role.VIEWER)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Warehouse> {
    return this.service.get(id);
  }

  @Post()
  @RequireRole(Role.ADMIN)
  create(@Body() dto: CreateWarehouseDto): Promise<Warehouse> {
    return this.service.create(dto);
  }
}
