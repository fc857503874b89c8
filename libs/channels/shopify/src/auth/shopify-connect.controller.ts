import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public, RateLimit, RequireRole, Role } from '@gantry/core';
import type { Request, Response } from 'express';
import { AddShopifyStoreDto } from './dtos/add-shopify-store.dto';
import { OAUTH_COOKIE_PATH, OAUTH_COOKIE_TTL_MS, OAuthStateCookie } from './oauth-state.cookie';
import { ShopifyConnectService } from './shopify-connect.service';
import { ShopifyConnectResponse } from './dtos/shopify-connect.response';

@ApiTags('shopify')
@Controller()
export class ShopifyConnectController {
  constructor(private readonly connect: ShopifyConnectService) {}

  /** Starts connecting a shop: answers where to send the browser, and binds the OAuth state to it by cookie. */
  @Post('stores/shopify')
  @HttpCode(201)
  @RequireRole(Role.INTEGRATION_MANAGER)
  // Each start creates a pending store and an OAuth state: bounded so a script cannot fill the table.
  @RateLimit('oauth-start', { per: 'principal', limit: 30, windowSeconds: 10 * 60 })
  @ApiBadRequestResponse({ description: 'Not a myshopify.com shop' })
  @ApiConflictResponse({ description: 'The Shopify plugin is not active' })
  @ApiOperation({
    summary: 'Start connecting a Shopify shop',
    description:
      'Creates the store and answers Shopify\'s install page (`authorizeUrl`) to send the browser to. Sets a cookie binding the OAuth state to this browser: the callback is refused (400 "state does not match") without it, so a script must keep its cookie jar (curl -c jar.txt here, -b jar.txt on the callback). Then map locations and run a product sync.',
  })
  @ApiCreatedResponse({
    type: ShopifyConnectResponse,
    description: 'The store id and where to send the browser; Set-Cookie carries the OAuth state',
  })
  @ApiBody({
    type: AddShopifyStoreDto,
    examples: {
      name: { summary: 'By shop name', value: { shopDomain: 'demo-shop' } },
      domain: { summary: 'By myshopify.com domain', value: { shopDomain: 'demo-shop.myshopify.com' } },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'Shopify is not configured on this deployment (SHOPIFY_API_KEY, SHOPIFY_API_SECRET)' })
  async add(
    @Body() body: AddShopifyStoreDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ storeId: string; authorizeUrl: string }> {
    const begun = await this.connect.begin(body.shopDomain);
    res.cookie(begun.cookie.name, begun.cookie.value, {
      httpOnly: true,
      secure: req.secure || this.connect.redirectUri.startsWith('https:'),
      sameSite: 'lax',
      path: OAUTH_COOKIE_PATH,
      maxAge: OAUTH_COOKIE_TTL_MS,
    });
    return { storeId: begun.storeId, authorizeUrl: begun.authorizeUrl };
  }

  /** Shopify's redirect back after "Install"; ends on the store's admin page. */
  @Get('auth/shopify/callback')
  @Public()
  @ApiBadRequestResponse({ description: 'Forged or stale callback (hmac, state, nonce or shop)' })
  @ApiOperation({
    summary: "Shopify's OAuth callback",
    description:
      'Shopify\'s redirect back after "Install": checks hmac, state (with the cookie set by POST /stores/shopify), nonce and shop, stores the access token, connects the store and redirects to the store\'s admin page. Not called by API clients.',
  })
  @ApiQuery({
    name: 'code',
    required: true,
    description: 'The authorisation code to exchange for a token',
    schema: { type: 'string', example: '0907a61c0c8d55e99db179b68161bc00' },
  })
  @ApiQuery({
    name: 'shop',
    required: true,
    description: 'The shop, as my-shop.myshopify.com',
    schema: { type: 'string', example: 'demo-shop.myshopify.com' },
  })
  @ApiQuery({
    name: 'state',
    required: true,
    description: 'The nonce of the authorize URL; must match the cookie',
    schema: { type: 'string', example: '3b1c…' },
  })
  @ApiQuery({
    name: 'hmac',
    required: true,
    description: "Shopify's signature of the other parameters",
    schema: { type: 'string', example: '700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf' },
  })
  @ApiQuery({
    name: 'timestamp',
    required: true,
    description: 'When Shopify signed it (Unix seconds)',
    schema: { type: 'string', example: '1782900000' },
  })
  @ApiQuery({ name: 'host', required: false, description: 'Base64 of the admin host (passed through)', schema: { type: 'string' } })
  @ApiResponse({
    status: 302,
    description: "Connected: redirects to the store's admin page",
    headers: { Location: { description: "The store's admin page", schema: { type: 'string' } } },
  })
  async callback(@Query() query: Record<string, string | undefined>, @Req() req: Request, @Res() res: Response): Promise<void> {
    // The logger's request id (pino-http), so the entry and the callback's log lines meet.
    const id = (req as { id?: unknown }).id;
    const requestId = typeof id === 'string' || typeof id === 'number' ? String(id) : null;
    const storeId = await this.connect.complete(query, (req.cookies ?? {}) as Record<string, string | undefined>, requestId);
    res.clearCookie(OAuthStateCookie.cookieName(String(query.shop)), { path: OAUTH_COOKIE_PATH });
    res.redirect(302, this.connect.adminPage(storeId));
  }
}
