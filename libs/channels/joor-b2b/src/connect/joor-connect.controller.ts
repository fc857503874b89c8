import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { RequireRole, Role, toStoreView, type StoreView } from '@gantry/core';
import { ConnectJoorStoreDto } from './dtos/connect-joor-store.dto';
import { JoorConnectService } from './joor-connect.service';

@ApiTags('joor')
@Controller('stores')
export class JoorConnectController {
  constructor(private readonly connect: JoorConnectService) {}

  /** Connects a JOOR account by its API token, exporting to a connected store; again with a new token updates it. */
  @Post('joor')
  @HttpCode(201)
  @RequireRole(Role.INTEGRATION_MANAGER)
  @ApiCreatedResponse({ description: 'The JOOR store (never its token)' })
  @ApiBadRequestResponse({ description: 'Invalid body, or JOOR refused the token (field apiToken)' })
  @ApiNotFoundResponse({ description: 'No store shopifyStoreId' })
  @ApiConflictResponse({ description: 'The JOOR plugin is not active, or the target store is not connected or cannot take orders' })
  @ApiServiceUnavailableResponse({ description: 'JOOR could not check the token (throttled or failing)' })
  async add(@Body() body: ConnectJoorStoreDto): Promise<StoreView> {
    return toStoreView(await this.connect.connect(body));
  }
}
