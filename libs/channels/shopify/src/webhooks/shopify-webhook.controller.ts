import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DomainException, Public } from '@gantry/core';
import type { Request } from 'express';
import { WebhookInboxService, type WebhookReceipt } from './webhook-inbox.service';

@ApiTags('shopify')
@Controller('webhooks')
export class ShopifyWebhookController {
  constructor(private readonly inbox: WebhookInboxService) {}

  /** Every Shopify topic, compliance topics included; answers at once and is processed from the inbox. */
  @Post('shopify')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'Stored, a duplicate, or dropped for a disconnected shop' })
  @ApiUnauthorizedResponse({ description: 'The HMAC of the raw body does not match' })
  async receive(@Req() req: Request & { rawBody?: Buffer }): Promise<{ status: WebhookReceipt }> {
    if (!Buffer.isBuffer(req.rawBody)) {
      throw DomainException.invalid('The webhook has no body');
    }
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
    }
    return { status: await this.inbox.receive({ rawBody: req.rawBody, headers }) };
  }
}
