import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DomainException, Public } from '@gantry/core';
import type { Request } from 'express';
import { WebhookInboxService, type WebhookReceipt } from './webhook-inbox.service';
import { WebhookReceiptResponse } from './dtos/webhook-receipt.response';

@ApiTags('shopify')
@Controller('webhooks')
export class ShopifyWebhookController {
  constructor(private readonly inbox: WebhookInboxService) {}

  /** Every Shopify topic, compliance topics included; answers at once and is processed from the inbox. */
  @Post('shopify')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookReceiptResponse, description: 'Stored, a duplicate, or dropped for a disconnected shop' })
  @ApiUnauthorizedResponse({ description: 'The HMAC of the raw body does not match' })
  @ApiOperation({
    summary: 'Receive a Shopify webhook',
    description:
      'Every Shopify topic, compliance topics included; answers at once and is processed from the inbox. Called by Shopify, signed with the app secret (X-Shopify-Hmac-Sha256 over the raw body).',
  })
  @ApiHeader({ name: 'X-Shopify-Hmac-Sha256', required: true, description: 'Base64 HMAC-SHA256 of the raw body with the app secret' })
  @ApiHeader({ name: 'X-Shopify-Topic', required: true, description: 'e.g. orders/updated, inventory_levels/update' })
  @ApiHeader({ name: 'X-Shopify-Shop-Domain', required: true, description: 'The shop, as my-shop.myshopify.com' })
  @ApiHeader({ name: 'X-Shopify-Webhook-Id', required: true, description: 'Deduplicates redeliveries' })
  @ApiBody({
    description: "The topic's payload as Shopify sends it (its own schema per topic; kept raw, the HMAC covers its bytes)",
    schema: {
      type: 'object',
      additionalProperties: true,
      properties: { admin_graphql_api_id: { type: 'string', description: "The subject's GID, on most topics" } },
    },
    examples: {
      inventoryLevel: {
        summary: 'inventory_levels/update',
        value: {
          inventory_item_id: 3501,
          location_id: 1,
          available: 7,
          updated_at: '2026-07-01T10:00:00+02:00',
          admin_graphql_api_id: 'gid://shopify/InventoryLevel/1?inventory_item_id=3501',
        },
      },
    },
  })
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
