import { Injectable } from '@nestjs/common';
import { ChannelAdapterException, ChannelErrorCode, type ChannelContext } from '@gantry/core';
import { isSafeNumber, parse } from 'lossless-json';
import { ShopifyApiProvider } from '../common/shopify-api.provider';
import { ShopifyTokenService } from '../auth/shopify-token.service';
import { ShopifyRateLimiter } from './shopify-rate-limiter';

export interface GraphqlCost {
  requestedQueryCost?: number;
  actualQueryCost?: number;
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

export interface GraphqlResult<T> {
  data: T;
  cost: GraphqlCost | null;
}

interface GraphqlError {
  message: string;
  extensions?: { code?: string; cost?: number; documentation?: string };
}

interface GraphqlBody<T> {
  data?: T;
  errors?: GraphqlError[] | string;
  extensions?: { cost?: GraphqlCost };
}

export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

const TIMEOUT_MS = 30_000;

/**
 * Unsafe integers stay strings: Shopify ids exceed 2^53 and must never become lossy numbers. A NUL character (`\u0000`
 * inside a JSON string) is dropped: PostgreSQL text and jsonb cannot hold one, so an order note carrying it would fail
 * its import on every retry, and it means nothing in text.
 */
export function parseLossless(text: string): unknown {
  const reviver = text.includes('\\u0000')
    ? (_key: string, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '') : value)
    : null;
  return parse(text, reviver, (value: string) => (isSafeNumber(value) ? Number(value) : value));
}

/**
 * The Admin GraphQL API of one store per call: the store's context gives shop and token. Responses are parsed
 * losslessly; failures become ChannelAdapterException codes the sync failure policy understands.
 */
@Injectable()
export class ShopifyGraphqlClient {
  constructor(
    private readonly api: ShopifyApiProvider,
    private readonly tokens: ShopifyTokenService,
    private readonly limiter: ShopifyRateLimiter,
  ) {}

  async request<T>(ctx: ChannelContext, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResult<T>> {
    const accessToken = await this.tokens.accessToken(ctx);
    const url = this.api.shopUrl(ctx.externalAccountId, `/admin/api/${this.api.apiVersion}/graphql.json`);
    let response: Response;
    let text: string;
    await this.limiter.acquire(ctx.externalAccountId, query, ctx.maxPacingWaitMs);
    try {
      response = await this.api.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-shopify-access-token': accessToken },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `Shopify did not answer: ${String(error)}`, { cause: error });
    }
    ShopifyGraphqlClient.checkStatus(response, text);
    let body: GraphqlBody<T>;
    try {
      body = parseLossless(text) as GraphqlBody<T>;
    } catch (error) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `Shopify answered with invalid JSON (HTTP ${response.status})`, {
        cause: error,
      });
    }
    const cost = body.extensions?.cost ?? null;
    this.limiter.observe(ctx.externalAccountId, query, cost);
    if (body.errors && (typeof body.errors === 'string' || body.errors.length > 0)) {
      throw ShopifyGraphqlClient.fromErrors(typeof body.errors === 'string' ? [{ message: body.errors }] : body.errors, cost);
    }
    if (!body.data) {
      throw new ChannelAdapterException(ChannelErrorCode.UNKNOWN, 'Shopify answered without data');
    }
    return { data: body.data, cost };
  }

  /** Throws INVALID_DATA when a mutation answered userErrors. */
  static assertNoUserErrors(userErrors: UserError[] | null | undefined, what: string): void {
    if (userErrors && userErrors.length > 0) {
      const message = userErrors.map((e) => `${(e.field ?? []).join('.') || what}: ${e.message}`).join('; ');
      throw new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, `${what} refused: ${message}`, { details: { userErrors } });
    }
  }

  private static checkStatus(response: Response, text: string): void {
    const status = response.status;
    if (status === 401 || status === 403) {
      throw new ChannelAdapterException(ChannelErrorCode.AUTH_REVOKED, `Shopify refused the access token (HTTP ${status})`);
    }
    if (status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      throw new ChannelAdapterException(ChannelErrorCode.RATE_LIMITED, 'Shopify throttled the request (HTTP 429)', {
        retryAfterMs: (Number.isFinite(seconds) ? seconds : 1) * 1000,
      });
    }
    if (status === 404) {
      throw new ChannelAdapterException(ChannelErrorCode.NOT_FOUND, `Shopify answered 404: ${text.slice(0, 200)}`);
    }
    if (status >= 500) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `Shopify answered HTTP ${status}`);
    }
    if (status >= 400 && status !== 400) {
      throw new ChannelAdapterException(ChannelErrorCode.UNKNOWN, `Shopify answered HTTP ${status}: ${text.slice(0, 200)}`);
    }
  }

  private static fromErrors(errors: GraphqlError[], cost: GraphqlCost | null): ChannelAdapterException {
    const message = errors.map((e) => e.message).join('; ');
    const codes = errors.map((e) => e.extensions?.code);
    if (codes.includes('THROTTLED')) {
      const requested = cost?.requestedQueryCost ?? 0;
      const status = cost?.throttleStatus;
      // Wait until the bucket has refilled enough for this query.
      const retryAfterMs =
        status && status.restoreRate > 0
          ? Math.max(1000, Math.ceil(((requested - status.currentlyAvailable) / status.restoreRate) * 1000))
          : 1000;
      return new ChannelAdapterException(ChannelErrorCode.RATE_LIMITED, `Shopify throttled the query: ${message}`, {
        retryAfterMs,
        details: { cost },
      });
    }
    if (codes.includes('ACCESS_DENIED') || codes.includes('UNAUTHORIZED')) {
      return new ChannelAdapterException(ChannelErrorCode.AUTH_REVOKED, `Shopify denied access: ${message}`);
    }
    if (codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('SERVICE_UNAVAILABLE')) {
      return new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `Shopify failed: ${message}`);
    }
    return new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, `Shopify refused the query: ${message}`, { details: { errors } });
  }
}
