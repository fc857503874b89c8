import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { Role } from '../auth/role.enum';
import { PluginService, type PluginView } from './plugin.service';
import { PluginResponse } from './dtos/plugin.response';

@ApiTags('plugins')
@Controller('plugins')
export class PluginController {
  constructor(private readonly plugins: PluginService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  @ApiOperation({
    summary: 'List channel plugins',
    description: 'The channels this deployment knows, and whether each accepts new stores.',
  })
  @ApiOkResponse({ type: [PluginResponse], description: 'The plugins, by key' })
  list(): Promise<PluginView[]> {
    return this.plugins.list();
  }

  @Post(':key/activate')
  @HttpCode(200)
  @RequireRole(Role.ADMIN)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: 'Activate a channel plugin',
    description: 'Lets stores of this channel be connected (e.g. `shopify`, `joor-b2b`).',
  })
  @ApiOkResponse({ type: PluginResponse, description: 'The plugin, active' })
  activate(@Param('key') key: string): Promise<PluginView> {
    return this.plugins.activate(key);
  }

  @Post(':key/deactivate')
  @HttpCode(200)
  @RequireRole(Role.ADMIN)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: 'Deactivate a channel plugin',
    description: 'Refuses new stores of this channel; existing stores keep working.',
  })
  @ApiOkResponse({ type: PluginResponse, description: 'The plugin, inactive' })
  deactivate(@Param('key') key: string): Promise<PluginView> {
    return this.plugins.deactivate(key);
  }
}
