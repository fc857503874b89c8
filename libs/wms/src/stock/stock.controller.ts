import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import type { Request, Response } from 'express';
import { STOCK_LEVEL_PAGE_DEFAULT, STOCK_LEVEL_PAGE_MAX, StockLevelQueryDto } from './dtos/stock-level-query.dto';
import { StockLevelView } from './dtos/stock-level.view';
import { StockMovementBatchDto } from './dtos/stock-movement-batch.dto';
import { StockMovementBatchResultView, StockMovementResultView } from './dtos/stock-movement-result.view';
import { StockMovementDto } from './dtos/stock-movement.dto';
import type { LevelSnapshot } from './stock-ledger.service';
import { StockLevelService } from './stock-level.service';
import { SINGLE_MOVEMENT_PATH, StockMovementService } from './stock-movement.service';

const view = ({ sku, warehouseId, onHand, reserved, available }: LevelSnapshot): StockLevelView => ({
  sku,
  warehouseId,
  onHand,
  reserved,
  available,
});

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
  @ApiCreatedResponse({ type: StockMovementResultView, description: 'The stock levels after the movement' })
  @ApiNotFoundResponse({ description: 'Unknown SKU or warehouse' })
  @ApiConflictResponse({ description: 'The movement would make on-hand stock negative' })
  @ApiOperation({
    summary: 'Record a stock movement',
    description:
      'A receipt, pick, adjustment or transfer of one SKU in one warehouse. Channels with stock sync get the new available stock within their window (30 s by default).',
  })
  @ApiBody({
    type: StockMovementDto,
    examples: {
      receipt: {
        summary: 'Goods in',
        value: {
          type: 'receipt',
          sku: 'TSHIRT-RED-M',
          warehouseId: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11',
          quantity: 40,
          reference: 'PO-4711',
        },
      },
      adjustment: {
        summary: 'A count found two fewer',
        value: {
          type: 'adjustment',
          sku: 'TSHIRT-RED-M',
          warehouseId: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11',
          quantity: -2,
          reference: 'Count 2026-07',
        },
      },
      transfer: {
        summary: 'Five to another warehouse',
        value: {
          type: 'transfer',
          sku: 'TSHIRT-RED-M',
          warehouseId: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11',
          toWarehouseId: 'e6f7a8b9-c0d1-4e2f-8a3b-4c5d6e7f8a9b',
          quantity: 5,
        },
      },
    },
  })
  async record(@Body() movement: StockMovementDto): Promise<StockMovementResultView> {
    const levels = await this.movements.record([movement], SINGLE_MOVEMENT_PATH);
    return { levels: levels.map(view) };
  }

  @Post('movements/batch')
  @HttpCode(201)
  @RequireRole(Role.OPERATOR)
  @ApiCreatedResponse({ type: StockMovementBatchResultView, description: 'Every movement was recorded; the levels after them' })
  @ApiNotFoundResponse({ description: 'An unknown SKU or warehouse; nothing was recorded' })
  @ApiConflictResponse({ description: 'One movement would make on-hand stock negative; nothing was recorded' })
  @ApiOperation({
    summary: 'Record stock movements, all or nothing',
    description: 'Up to 1000 movements in one transaction: if one is refused, none is recorded.',
  })
  @ApiBody({
    type: StockMovementBatchDto,
    examples: {
      delivery: {
        summary: 'A delivery of two SKUs',
        value: {
          movements: [
            {
              type: 'receipt',
              sku: 'TSHIRT-RED-M',
              warehouseId: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11',
              quantity: 40,
              reference: 'PO-4711',
            },
            {
              type: 'receipt',
              sku: 'TSHIRT-RED-L',
              warehouseId: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11',
              quantity: 24,
              reference: 'PO-4711',
            },
          ],
        },
      },
    },
  })
  async recordBatch(@Body() batch: StockMovementBatchDto): Promise<StockMovementBatchResultView> {
    const levels = await this.movements.record(batch.movements);
    return { recorded: batch.movements.length, levels: levels.map(view) };
  }

  @Get('levels')
  @RequireRole(Role.VIEWER)
  @ApiOkResponse({
    type: [StockLevelView],
    description:
      `One page of stock levels, ordered by warehouse id then product id (a stable order: each level appears on exactly one ` +
      `page). ${STOCK_LEVEL_PAGE_DEFAULT} per page unless \`limit\` says otherwise (at most ${STOCK_LEVEL_PAGE_MAX}); ` +
      'follow `X-Next-Cursor` (or the `Link` header) until it is absent.',
    headers: {
      'X-Total-Count': { description: 'How many levels match the filter, on all pages', schema: { type: 'integer', minimum: 0 } },
      'X-Next-Cursor': {
        description: 'Present when more levels follow: pass it as `cursor` to get the next page',
        schema: { type: 'string' },
      },
      Link: { description: 'Present when more levels follow: `<url of the next page>; rel="next"`', schema: { type: 'string' } },
    },
  })
  @ApiBadRequestResponse({ description: 'A bad warehouseId, limit or cursor (problem+json naming the field)' })
  @ApiOperation({ summary: 'List stock levels, page by page', description: 'On hand, reserved and available per SKU and warehouse.' })
  async levelsOf(
    @Query() query: StockLevelQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StockLevelView[]> {
    const page = await this.levels.page(
      { warehouseId: query.warehouseId, sku: query.sku },
      query.limit ?? STOCK_LEVEL_PAGE_DEFAULT,
      query.cursor,
    );
    res.setHeader('X-Total-Count', String(page.total));
    if (page.nextCursor !== null) {
      res.setHeader('X-Next-Cursor', page.nextCursor);
      res.setHeader('Link', `<${nextPageUrl(req.originalUrl, page.nextCursor)}>; rel="next"`);
    }
    return page.levels;
  }
}

/** The request's own path and query with `cursor` replaced: a relative reference, resolved against the request's URL. */
function nextPageUrl(originalUrl: string, cursor: string): string {
  const url = new URL(originalUrl, 'http://localhost');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}
