import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { Role } from '../auth/role.enum';
import { StoreViewService } from './store-view.service';
import { StoreService } from './store.service';
import { StoreConnectionService } from './store-connection.service';
import type { StoreView } from './store.view';
import { StoreResponse } from './dtos/store.response';

@ApiTags('stores')
@Controller('stores')
export class StoreController {
  constructor(
    private readonly stores: StoreService,
    private readonly connections: StoreConnectionService,
    private readonly views: StoreViewService,
  ) {}

  @Get()
  @RequireRole(Role.VIEWER)
  @ApiOperation({ summary: 'List stores', description: 'Every store of every channel, without credentials.' })
  @ApiOkResponse({ type: [StoreResponse], description: 'The stores' })
  async list(): Promise<StoreView[]> {
    return this.views.views(await this.stores.list());
  }

  @Get(':id')
  @RequireRole(Role.VIEWER)
  @ApiOkResponse({
    type: StoreResponse,
    description:
      'The store without its credentials. `stockSync` (null for channels without stock sync): `state` live | paused | catching-up, ' +
      '`reason` why it is paused, `pendingPairs` the (location × item) changes not on the channel yet.',
  })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Get a store', description: 'Its status, settings and where its stock sync stands.' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<StoreView> {
    return this.views.view(await this.stores.get(id));
  }

  // The body is validated by the channel's own settings class, so it is taken as a plain object here.
  @Patch(':id/settings')
  @RequireRole(Role.ADMIN)
  @ApiBody({
    description: "A partial settings object, deep-merged into the current settings (the docs setup lists each channel's settings schema)",
    schema: { type: 'object' },
  })
  @ApiBadRequestResponse({ description: 'A field is unknown or invalid for this channel' })
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: "Change a store's settings",
    description:
      "Takes a partial settings object of the store's channel (see the request body: one schema per channel) and deep-merges it into the current settings; the result is validated as a whole. Once stock sync is on, a stock change reaches the channel within `stockSync.windowSeconds` (30 s by default).",
  })
  @ApiOkResponse({ type: StoreResponse, description: 'The store with its new settings' })
  async updateSettings(@Param('id', ParseUUIDPipe) id: string, @Body() patch: Record<string, unknown>): Promise<StoreView> {
    return this.views.view(await this.stores.updateSettings(id, patch));
  }

  /** Forgets the credentials at once (webhooks for it are dropped from now on); the store, its mappings and history stay. */
  @Post(':id/disconnect')
  @HttpCode(200)
  @RequireRole(Role.INTEGRATION_MANAGER)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: 'Disconnect a store',
    description:
      'Forgets the credentials at once (webhooks for it are dropped from now on); the store, its mappings and history stay. Connect it again through its channel.',
  })
  @ApiOkResponse({ type: StoreResponse, description: 'The store, disconnected' })
  async disconnect(@Param('id', ParseUUIDPipe) id: string): Promise<StoreView> {
    return this.views.view(await this.connections.disconnect(id));
  }

  /**
   * Removes a disconnected or never connected store with its mappings and pending work (warehouse orders stay): 409
   * while it is connected, or while a JOOR account exports to it.
   */
  @Delete(':id')
  @HttpCode(204)
  @RequireRole(Role.ADMIN)
  @ApiOperation({
    summary: 'Remove a store',
    description:
      'Removes a store that was never connected, or one disconnected first, with its mappings and pending work (warehouse orders stay).',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiConflictResponse({ description: 'The store is connected (disconnect it first), or a JOOR account exports to it' })
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.stores.remove(id);
  }
}
