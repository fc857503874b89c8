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
import type { CustomerReturn } from './customer-return.entity';
import { CreateReturnDto } from './dtos/create-return.dto';
import { ReceiveReturnDto } from './dtos/receive-return.dto';
import { ReturnQueryDto } from './dtos/return-query.dto';
import { ReturnService } from './return.service';
import { ReturnResponse } from './dtos/return.response';

@ApiTags('returns')
@Controller('returns')
export class ReturnController {
  constructor(private readonly returns: ReturnService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  @ApiOperation({ summary: 'List customer returns', description: 'Newest first; filter by store or status.' })
  @ApiOkResponse({ type: [ReturnResponse], description: 'The returns' })
  list(@Query() query: ReturnQueryDto): Promise<CustomerReturn[]> {
    return this.returns.list(query);
  }

  @Get(':id')
  @RequireRole(Role.VIEWER)
  @ApiOperation({ summary: 'Get a customer return' })
  @ApiOkResponse({ type: ReturnResponse, description: 'The return' })
  @ApiNotFoundResponse({ description: 'No return with this id' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CustomerReturn> {
    return this.returns.get(id);
  }

  @Post()
  @RequireRole(Role.OPERATOR)
  @ApiOperation({
    summary: 'Open a customer return',
    description: 'Goods expected back, for an order (its warehouse receives them) or a warehouse.',
  })
  @ApiCreatedResponse({ type: ReturnResponse, description: 'The new return (open)' })
  @ApiNotFoundResponse({ description: 'No order orderId or warehouse warehouseId' })
  @ApiBody({
    type: CreateReturnDto,
    examples: {
      ofOrder: {
        summary: 'A return of an order',
        value: { orderId: '1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b', reason: 'Too small', lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }] },
      },
      toWarehouse: {
        summary: 'Goods back without an order',
        value: { warehouseId: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11', reason: 'Wrong delivery', lines: [{ sku: 'MUG-BLUE', quantity: 1 }] },
      },
    },
  })
  open(@Body() dto: CreateReturnDto): Promise<CustomerReturn> {
    return this.returns.open(dto);
  }

  @Post(':id/receive')
  @HttpCode(200)
  @RequireRole(Role.OPERATOR)
  @ApiConflictResponse({ description: 'More received than the return expects, or the return is cancelled' })
  @ApiOperation({
    summary: 'Receive goods of a return',
    description:
      'Records what arrived, line by line; `restock: true` puts it back in stock (a receipt). A channel return is recorded back on the channel.',
  })
  @ApiOkResponse({ type: ReturnResponse, description: 'The return after the receipt' })
  @ApiNotFoundResponse({ description: 'No return with this id' })
  @ApiBody({
    type: ReceiveReturnDto,
    examples: {
      restock: {
        summary: 'One back in stock, one damaged',
        value: {
          lines: [
            { sku: 'TSHIRT-RED-M', quantity: 1, restock: true },
            { sku: 'MUG-BLUE', quantity: 1, restock: false },
          ],
        },
      },
    },
  })
  receive(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReceiveReturnDto): Promise<CustomerReturn> {
    return this.returns.receive(id, dto.lines);
  }
}
