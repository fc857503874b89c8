import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { Role } from '../auth/role.enum';
import { PluginService, type PluginView } from './plugin.service';

@ApiTags('plugins')
@Controller('plugins')
export class PluginController {
  constructor(private readonly plugins: PluginService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  list(): Promise<PluginView[]> {
    return this.plugins.list();
  }

  @Post(':key/activate')
  @HttpCode(200)
  @RequireRole(Role.ADMIN)
  @ApiNotFoundResponse()
  activate(@Param('key') key: string): Promise<PluginView> {
    return this.plugins.activate(key);
  }

  @Post(':key/deactivate')
  @HttpCode(200)
  @RequireRole(Role.ADMIN)
  @ApiNotFoundResponse()
  deactivate(@Param('key') key: string): Promise<PluginView> {
    return this.plugins.deactivate(key);
  }
}
