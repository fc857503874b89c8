import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DomainException, RateLimit, RequireRole, Role } from '@gantry/core';
import { parseIsoDate } from './api-key-state';
import { ApiKeyService } from './api-key.service';
import { toApiKeyView } from './api-key.view';
import { ApiKeyResponse } from './dtos/api-key.response';
import { CreateApiKeyDto } from './dtos/create-api-key.dto';
import { CreatedApiKeyResponse } from './dtos/created-api-key.response';

@ApiTags('users and sign-in')
@Controller('api-keys')
export class ApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Get()
  @RequireRole(Role.ADMIN)
  @ApiOperation({
    summary: 'List API keys',
    description:
      'Every key, revoked and expired ones included, oldest first, with its last use (to the minute) and expiry; never the secret.',
  })
  @ApiOkResponse({ type: [ApiKeyResponse], description: 'The keys' })
  async list(): Promise<ApiKeyResponse[]> {
    return (await this.keys.list()).map(toApiKeyView);
  }

  @Post()
  @RequireRole(Role.ADMIN)
  // A stolen session or key should not mint keys by the thousand before anyone notices.
  @RateLimit('api-key-create', { per: 'principal', limit: 20, windowSeconds: 60 * 60 })
  @ApiOperation({
    summary: 'Create an API key',
    description:
      'A key for a machine, with a role and, optionally, an expiry (`expiresAt`, in the future; from then on the key answers 401 "API key expired"). The key is in this answer only: store it now.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: 'The new key, shown once' })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong, e.g. expiresAt not a date or not in the future' })
  @ApiBody({
    type: CreateApiKeyDto,
    examples: {
      erp: { summary: 'An ERP integration', value: { name: 'ERP integration', role: 'operator' } },
      expiring: {
        summary: 'A key for a one-off migration, expiring in 30 days',
        // Computed at boot, so that the example stays a date in the future.
        value: { name: 'Data migration', role: 'integration_manager', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      },
    },
  })
  async create(@Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    const { key, record } = await this.keys.create(dto.name, dto.role, dto.expiresAt ? parseIsoDate(dto.expiresAt) : null);
    return { ...toApiKeyView(record), key };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole(Role.ADMIN)
  @ApiOperation({ summary: 'Revoke an API key', description: 'The key stops working at once.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'No active key with this id' })
  async revoke(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) {
      throw DomainException.notFound('No active API key with this id');
    }
  }
}
