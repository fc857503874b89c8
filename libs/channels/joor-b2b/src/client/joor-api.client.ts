import { Injectable } from '@nestjs/common';
import { ChannelAdapterException, ChannelErrorCode } from '@gantry/core';
import { parse } from 'lossless-json';
import { JoorApiConfig } from './joor-api.config';

/** Query parameters of one call; undefined ones are left out. */
export type JoorQuery = Readonly<Record<string, string | number | undefined>>;

/** One page of GET /orders (envelope of research §7.4: total, start_from, next_start_from, orders). */
export interface JoorOrderList {
  orders: unknown[];
  total: number | null;
  nextStartFrom: number | null;
  /** JOOR's account, from X-Throttling-Account-Id (the rate limit's scope); null when JOOR did not say. */
  accountId: string | null;
}

/** Without Retry-After, wait a fifth of JOOR's 300 s credit window before asking again. */
export const JOOR_DEFAULT_RETRY_AFTER_MS = 60_000;

interface JoorAnswer {
  status: number;
  body: unknown;
  accountId: string | null;
}

/**
 * JOOR's v2 API over HTTP. Every answer other than a success becomes a `ChannelAdapterException`: 401/403
 * AUTH_REVOKED, 429 RATE_LIMITED (Retry-After), 5xx, network errors and timeouts TEMPORARY, other 4xx INVALID_DATA
 * with JOOR's words. JSON is parsed with every number kept as its text: prices stay exact and ids whole.
 */
@Injectable()
export class JoorApiClient {
  constructor(private readonly config: JoorApiConfig) {}

  /** GET /orders with these parameters (a peek with sync=0; sync=1 marks what it returns). */
  async listOrders(apiToken: string, query: JoorQuery): Promise<JoorOrderList> {
    const answer = await this.get(apiToken, '/orders', query);
    const body = answer.body as { orders?: unknown; total?: unknown; next_start_from?: unknown } | null;
    if (typeof body !== 'object' || body === null || !Array.isArray(body.orders)) {
      throw new ChannelAdapterException(ChannelErrorCode.UNKNOWN, 'JOOR answered GET /orders without a list of orders', {
        details: { body: JSON.stringify(answer.body).slice(0, 300) },
      });
    }
    return {
      orders: body.orders as unknown[],
      total: JoorApiClient.count(body.total),
      nextStartFrom: JoorApiClient.count(body.next_start_from),
      accountId: answer.accountId,
    };
  }

  /** GET /order/<id>: the order as JOOR sends it, or null when JOOR does not know it (404). */
  async getOrder(apiToken: string, orderId: string): Promise<unknown> {
    const answer = await this.get(apiToken, `/order/${encodeURIComponent(orderId)}`, {}, { notFoundAsNull: true });
    if (answer.status === 404) {
      return null;
    }
    const body = answer.body as { order_id?: unknown; order?: unknown; orders?: unknown } | null;
    // Undocumented shape (research §2.3): the order itself, or wrapped as `order` / a one-item `orders` list.
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      if (body.order_id !== undefined) {
        return body;
      }
      if (typeof body.order === 'object' && body.order !== null) {
        return body.order;
      }
      if (Array.isArray(body.orders)) {
        return body.orders.length > 0 ? (body.orders[0] as unknown) : null;
      }
    }
    throw new ChannelAdapterException(ChannelErrorCode.UNKNOWN, `JOOR answered GET /order/${orderId} without an order`);
  }

  private async get(apiToken: string, path: string, query: JoorQuery, options: { notFoundAsNull?: boolean } = {}): Promise<JoorAnswer> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    const url = `${this.config.baseUrl}${path}${search ? `?${search}` : ''}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'GET',
        headers: { authorization: `OAuth2 ${Buffer.from(apiToken, 'utf8').toString('base64')}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      // AbortSignal.timeout rejects with a DOMException, which is not always an Error instance (realms differ).
      const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      const what = timedOut ? `did not answer within ${this.config.timeoutMs / 1000} s` : `could not be reached (${String(error)})`;
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `JOOR ${what}: GET ${path}`, { cause: error });
    }
    const accountId = response.headers.get('x-throttling-account-id')?.trim() || null;
    if (options.notFoundAsNull && response.status === 404) {
      return { status: 404, body: null, accountId };
    }
    JoorApiClient.checkStatus(response, text, path);
    let body: unknown;
    try {
      // Every number as its text: JOOR mostly sends strings anyway, and the mapper reads both.
      body = parse(text, null, (value: string) => value);
    } catch (error) {
      throw new ChannelAdapterException(
        ChannelErrorCode.TEMPORARY,
        `JOOR answered GET ${path} with invalid JSON (HTTP ${response.status})`,
        {
          cause: error,
        },
      );
    }
    return { status: response.status, body, accountId };
  }

  private static checkStatus(response: Response, text: string, path: string): void {
    const status = response.status;
    if (status >= 200 && status < 300) {
      return;
    }
    const message = JoorApiClient.messageOf(text);
    if (status === 401 || status === 403) {
      throw new ChannelAdapterException(ChannelErrorCode.AUTH_REVOKED, `JOOR refused the API token (HTTP ${status}): ${message}`);
    }
    if (status === 429) {
      throw new ChannelAdapterException(ChannelErrorCode.RATE_LIMITED, `JOOR's rate limit was reached (HTTP 429): ${message}`, {
        retryAfterMs: JoorApiClient.retryAfterMs(response.headers.get('retry-after')),
      });
    }
    if (status >= 500) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `JOOR failed GET ${path} (HTTP ${status}): ${message}`);
    }
    throw new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, `JOOR refused GET ${path} (HTTP ${status}): ${message}`, {
      details: { status },
    });
  }

  /** Retry-After in seconds or as an HTTP date; JOOR_DEFAULT_RETRY_AFTER_MS when absent or unreadable. */
  static retryAfterMs(header: string | null, now = Date.now()): number {
    const value = header?.trim();
    if (!value) {
      return JOOR_DEFAULT_RETRY_AFTER_MS;
    }
    if (/^\d+(\.\d+)?$/.test(value)) {
      return Math.round(Number(value) * 1000);
    }
    const at = Date.parse(value);
    return Number.isNaN(at) ? JOOR_DEFAULT_RETRY_AFTER_MS : Math.max(0, at - now);
  }

  // JOOR's error bodies are not documented: take a message/error field of JSON, else the text itself.
  private static messageOf(text: string): string {
    try {
      const body = JSON.parse(text) as Record<string, unknown> | null;
      for (const key of ['message', 'error_description', 'detail', 'error']) {
        const value = body?.[key];
        if (typeof value === 'string' && value.trim() !== '') {
          return value.trim();
        }
      }
    } catch {
      // not JSON: the text says it
    }
    return text.trim().slice(0, 300) || 'no details';
  }

  private static count(value: unknown): number | null {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    return /^\d+$/.test(text) ? Number(text) : null;
  }
}
