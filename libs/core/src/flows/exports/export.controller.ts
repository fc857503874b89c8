import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { RequireRole } from '../../auth/require-role.decorator';
import { Role } from '../../auth/role.enum';
import { ExportQueryDto } from './dtos/export-query.dto';
import { ExportRequestService } from './export-request.service';
import { toExportView, type ExportView } from './export.view';
import { WholesaleExportRepository } from './wholesale-export.repository';
import { ExportDetailResponse } from './dtos/export-detail.response';
import { ExportResponse } from './dtos/export.response';

type WithPrincipal = { principal?: { name?: string; keyId?: string } };

@ApiTags('wholesale exports')
@Controller('exports')
export class ExportController {
  constructor(
    private readonly exports: WholesaleExportRepository,
    private readonly requests: ExportRequestService,
  ) {}

  /** Exports of wholesale orders (JOOR → Shopify), newest first: one per export generation of a source order. */
  @Get()
  @RequireRole(Role.VIEWER)
  @ApiOkResponse({ type: [ExportResponse], description: 'Exports, newest first' })
  @ApiOperation({
    summary: 'List wholesale exports',
    description: 'Exports of wholesale orders (JOOR → Shopify), newest first: one per export generation of a source order.',
  })
  async list(@Query() query: ExportQueryDto): Promise<ExportView[]> {
    const rows = await this.exports.list({
      limit: query.limit,
      ...(query.storeId ? { storeId: query.storeId } : {}),
      ...(query.status ? { state: query.status } : {}),
      ...(query.sourceOrderId ? { sourceOrderId: query.sourceOrderId } : {}),
    });
    return rows.map(toExportView);
  }

  /** One export with the history of every export of the same source order. */
  @Get(':id')
  @RequireRole(Role.VIEWER)
  @ApiOkResponse({ type: ExportDetailResponse, description: 'The export and `history`: every export of that source order, oldest first' })
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: 'Get a wholesale export with its history',
    description: 'One export with every export of the same source order.',
  })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ExportView & { history: ExportView[] }> {
    const row = await this.requests.get(id);
    const history = await this.exports.history(row.storeId, row.sourceOrderId);
    return { ...toExportView(row), history: history.map(toExportView) };
  }

  /**
   * Exports the source order again as a new sink order, from its current state at the source. Refused (409) while the
   * previous sink order is not cancelled, or while an export of it is in progress.
   */
  @Post(':id/re-export')
  @HttpCode(201)
  @RequireRole(Role.INTEGRATION_MANAGER)
  @ApiCreatedResponse({ type: ExportResponse, description: 'The new export (pending; the worker creates it within seconds)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The previous sink order is not cancelled, an export is in progress, or a store is not connected' })
  @ApiServiceUnavailableResponse({ description: 'The sink could not say whether the previous order is cancelled; try again later' })
  @ApiOperation({
    summary: 'Export a source order again',
    description:
      'Exports the source order again as a new sink order, from its current state at the source. Refused (409) while the previous sink order is not cancelled, or while an export of it is in progress.',
  })
  async reExport(@Param('id', ParseUUIDPipe) id: string, @Req() request: WithPrincipal): Promise<ExportView> {
    return toExportView(await this.requests.reExport(id, request.principal?.name ?? null));
  }

  /** Tries a failed export again now (e.g. after adding stock or correcting the order). */
  @Post(':id/retry')
  @HttpCode(200)
  @RequireRole(Role.INTEGRATION_MANAGER)
  @ApiOkResponse({ type: ExportResponse, description: 'The export, due now' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The export has not failed, or a store is not connected' })
  @ApiOperation({ summary: 'Try a failed export again now', description: 'E.g. after adding stock or correcting the order.' })
  async retry(@Param('id', ParseUUIDPipe) id: string): Promise<ExportView> {
    return toExportView(await this.requests.retry(id));
  }
}
