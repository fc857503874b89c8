import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { StockLevelQueryDto } from './dtos/stock-level-query.dto';
import { StockLevelView } from './dtos/stock-level.view';
import { StockMovementBatchDto } from './dtos/stock-movement-batch.dto';
import { StockMovementDto } from './dtos/stock-movement.dto';
import { StockLevelService } from './stock-level.service';
import { StockMovementService } from './stock-movement.service';

@ApiTags('stock')
@Controller('stock')
export class StockController {
  constructor(
    private readonly movements: StockMovementService,
    private readonly levels: StockLevelService,
  ) {}

  @Post('movements')
  @HttpCode(201)
  @RequireRole(Role.OPERATOR)
  @ApiOkResponse({ type: [StockLevelView], description: 'The stock levels after the movement' })
  @ApiConflictResponse({ description: 'The movement would make on-hand stock negative' })
  async record(@Body() movement: StockMovementDto): Promise<{ levels: StockLevelView[] }> {
    const levels = await this.movements.record([movement], 'movement');
    return {
      levels: levels.map(({ sku, warehouseId, onHand, reserved, available }) => ({ sku, warehouseId, onHand, reserved, available })),
    };
  }

  @Post('movements/batch')
  @HttpCode(201)
  @RequireRole(Role.OPERATOR)
  @ApiConflictResponse({ description: 'One movement would make on-hand stock negative; nothing was recorded' })
  async recordBatch(@Body() batch: StockMovementBatchDto): Promise<{ recorded: number; levels: StockLevelView[] }> {
    const levels = await this.movements.record(batch.movements);
    return {
      recorded: batch.movements.length,
      levels: levels.map(({ sku, warehouseId, onHand, reserved, available }) => ({ sku, warehouseId, onHand, reserved, available })),
    };
  }

  @Get('levels')
  @RequireRole(Role.VIEWER)
  @ApiOkResponse({ type: [StockLevelView] })
  levelsOf(@Query() query: StockLevelQueryDto): Promise<StockLevelView[]> {
    return this.levels.find(query);
  }
}
