import { Body, Controller, Get, Post, Query } from '@nestjs/common';
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
import { CreateShippingProcessDto } from './dtos/create-shipping-process.dto';
import { ShippingProcessQueryDto } from './dtos/shipping-process-query.dto';
import type { ShippingProcess } from './shipping-process.entity';
import { ShippingProcessService } from './shipping-process.service';
import { ShippingProcessResponse } from './dtos/shipping-process.response';

@ApiTags('warehouses')
@Controller('shipping-processes')
export class ShippingProcessController {
  constructor(private readonly service: ShippingProcessService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  @ApiOperation({ summary: 'List shipping processes', description: 'All shipping processes, or those of one warehouse (`warehouseId`).' })
  @ApiOkResponse({ type: [ShippingProcessResponse], description: 'The shipping processes' })
  list(@Query() query: ShippingProcessQueryDto): Promise<ShippingProcess[]> {
    return this.service.list(query.warehouseId);
  }

  @Post()
  @RequireRole(Role.ADMIN)
  @ApiOperation({
    summary: 'Create a shipping process',
    description: 'A way a warehouse ships (carrier service, packing flow); channel location mappings name one.',
  })
  @ApiCreatedResponse({ type: ShippingProcessResponse, description: 'The new shipping process' })
  @ApiNotFoundResponse({ description: 'No warehouse warehouseId' })
  @ApiConflictResponse({ description: 'The warehouse already has a shipping process with this code (field code)' })
  @ApiBody({
    type: CreateShippingProcessDto,
    examples: {
      parcel: {
        summary: 'Next-day parcels from Amsterdam',
        value: { code: 'PARCEL', name: 'Parcel, next day', warehouseId: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' },
      },
    },
  })
  create(@Body() dto: CreateShippingProcessDto): Promise<ShippingProcess> {
    return this.service.create(dto);
  }
}
