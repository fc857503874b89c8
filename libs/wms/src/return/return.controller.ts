import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import type { CustomerReturn } from './customer-return.entity';
import { CreateReturnDto } from './dtos/create-return.dto';
import { ReceiveReturnDto } from './dtos/receive-return.dto';
import { ReturnQueryDto } from './dtos/return-query.dto';
import { ReturnService } from './return.service';

@ApiTags('returns')
@Controller('returns')
export class ReturnController {
  constructor(private readonly returns: ReturnService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  list(@Query() query: ReturnQueryDto): Promise<CustomerReturn[]> {
    return this.returns.list(query);
  }

  @Get(':id')
  @RequireRole(Role.VIEWER)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CustomerReturn> {
    return this.returns.get(id);
  }

  @Post()
  @RequireRole(Role.OPERATOR)
  open(@Body() dto: CreateReturnDto): Promise<CustomerReturn> {
    return this.returns.open(dto);
  }

  @Post(':id/receive')
  @HttpCode(200)
  @RequireRole(Role.OPERATOR)
  @ApiConflictResponse({ description: 'More received than the return expects, or the return is cancelled' })
  receive(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReceiveReturnDto): Promise<CustomerReturn> {
    return this.returns.receive(id, dto.lines);
  }
}
