import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { RequireRole, Role, StoreResponse, toStoreView, type StoreView } from '@gantry/core';
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
  @ApiCreatedResponse({ type: StoreResponse, description: 'The JOOR store (never its token)' })
  @ApiBadRequestResponse({ description: 'Invalid body, or JOOR refused the token (field apiToken)' })
  @ApiNotFoundResponse({ description: 'No store shopifyStoreId' })
  @ApiConflictResponse({ description: 'The JOOR plugin is not active, or the target store is not connected or cannot take orders' })
  @ApiServiceUnavailableResponse({ description: 'JOOR could not check the token (throttled or failing)' })
  @ApiOperation({
    summary: 'Connect a JOOR account',
    description:
      'Connects a JOOR account by its API token (checked against JOOR, stored encrypted), exporting its approved orders to a connected Shopify store; again with a new token updates it. Settings: PATCH /stores/{id}/settings (JoorStoreSettings).',
  })
  @ApiBody({
    type: ConnectJoorStoreDto,
    examples: {
      connect: {
        summary: 'A JOOR account exporting to a Shopify store',
        value: { name: 'JOOR wholesale', apiToken: 'joor_live_3f9a7c1e5b2d', shopifyStoreId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' },
      },
    },
  })
  async add(@Body() body: ConnectJoorStoreDto): Promise<StoreView> {
    return toStoreView(await this.connect.connect(body));
  }
}
