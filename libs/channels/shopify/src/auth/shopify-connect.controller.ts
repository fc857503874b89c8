import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { Public, RequireRole, Role } from '@gantry/core';
import type { Request, Response } from 'express';
import { AddShopifyStoreDto } from './dtos/add-shopify-store.dto';
import { OAUTH_COOKIE_PATH, OAUTH_COOKIE_TTL_MS, OAuthStateCookie } from './oauth-state.cookie';
import { ShopifyConnectService } from './shopify-connect.service';

@ApiTags('shopify')
@Controller()
export class ShopifyConnectController {
  constructor(private readonly connect: ShopifyConnectService) {}

  /** Starts connecting a shop: answers where to send the browser, and binds the OAuth state to it by cookie. */
  @Post('stores/shopify')
  @HttpCode(201)
  @RequireRole(Role.INTEGRATION_MANAGER)
  @ApiBadRequestResponse({ description: 'Not a myshopify.com shop' })
  @ApiConflictResponse({ description: 'The Shopify plugin is not active' })
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
  async callback(@Query() query: Record<string, string | undefined>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const storeId = await this.connect.complete(query, (req.cookies ?? {}) as Record<string, string | undefined>);
    res.clearCookie(OAuthStateCookie.cookieName(String(query.shop)), { path: OAUTH_COOKIE_PATH });
    res.redirect(302, this.connect.adminPage(storeId));
  }
}
