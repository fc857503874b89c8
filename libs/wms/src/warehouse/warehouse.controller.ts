import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
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
import { CreateWarehouseDto } from './dtos/create-warehouse.dto';
import type { Warehouse } from './warehouse.entity';
import { WarehouseService } from './warehouse.service';
import { WarehouseResponse } from './dtos/warehouse.response';

@ApiTags('warehouses')
@Controller('warehouses')
export class WarehouseController {
  constructor(private readonly service: WarehouseService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  @ApiOperation({ summary: 'List warehouses', description: 'Every warehouse, by code.' })
  @ApiOkResponse({ type: [WarehouseResponse], description: 'The warehouses' })
  list(): Promise<Warehouse[]> {
    return this.service.list();
  }

  @Get(':id')
  @RequireRole(Role.VIEWER)
  @ApiOperation({ summary: 'Get a warehouse' })
  @ApiOkResponse({ type: WarehouseResponse, description: 'The warehouse' })
  @ApiNotFoundResponse({ description: 'No warehouse with this id' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Warehouse> {
    return this.service.get(id);
  }

  @Post()
  @RequireRole(Role.ADMIN)
  @ApiOperation({
    summary: 'Create a warehouse',
    description: 'Stock, orders and returns belong to a warehouse; channels map their locations to warehouses.',
  })
  @ApiCreatedResponse({ type: WarehouseResponse, description: 'The new warehouse' })
  @ApiConflictResponse({ description: 'A warehouse with this code exists (field code)' })
  @ApiBody({ type: CreateWarehouseDto, examples: { warehouse: { summary: 'A warehouse', value: { code: 'AMS-1', name: 'Amsterdam' } } } })
  create(@Body() dto: CreateWarehouseDto): Promise<Warehouse> {
    return this.service.create(dto);
  }
}
