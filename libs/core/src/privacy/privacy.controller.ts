import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { Role } from '../auth/role.enum';
import { DomainException } from '../errors/domain.exception';
import { PrivacyRequestQueryDto } from './dtos/privacy-request-query.dto';
import { PrivacyRequestDetailResponse } from './dtos/privacy-request-detail.response';
import { PrivacyRequestResponse } from './dtos/privacy-request.response';
import { PrivacyRequestRepository, type PrivacyRequestDetail, type PrivacyRequestView } from './privacy-request.repository';

/** Compliance requests (Shopify's customers/redact, shop/redact, customers/data_request) and what was done: admins only. */
@ApiTags('privacy')
@Controller('privacy/requests')
export class PrivacyController {
  constructor(private readonly requests: PrivacyRequestRepository) {}

  @Get()
  @RequireRole(Role.ADMIN)
  @ApiOperation({
    summary: 'List privacy requests',
    description: 'Newest first: each redaction or data request a channel sent, with what was redacted or found per holder.',
  })
  @ApiOkResponse({ type: [PrivacyRequestResponse], description: 'The requests, without exports' })
  list(@Query() query: PrivacyRequestQueryDto): Promise<PrivacyRequestView[]> {
    return this.requests.list(query);
  }

  @Get(':id')
  @RequireRole(Role.ADMIN)
  @ApiOperation({
    summary: 'Get a privacy request',
    description: "With a data request's export: the customer's data Gantry holds, as JSON, for the merchant to hand over.",
  })
  @ApiOkResponse({ type: PrivacyRequestDetailResponse, description: 'The request and its export' })
  @ApiNotFoundResponse({ description: 'No such request' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<PrivacyRequestDetail> {
    const request = await this.requests.get(id);
    if (!request) {
      throw DomainException.notFound(`Privacy request ${id} not found`);
    }
    return request;
  }
}
