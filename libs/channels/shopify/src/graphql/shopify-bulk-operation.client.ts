import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { ChannelAdapterException, ChannelErrorCode, type ChannelContext } from '@gantry/core';
import { ShopifyApiProvider } from '../common/shopify-api.provider';
import { ShopifyGraphqlClient, type UserError } from './shopify-graphql.client';

const RUN_MUTATION = `mutation RunBulkQuery($query: String!) {
  bulkOperationRunQuery(query: $query) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;

const POLL_QUERY = `query BulkOperation($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount url }
}`;

const MAX_WAIT_MS = 30 * 60_000;

interface BulkOperation {
  id: string;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELING' | 'CANCELED' | 'EXPIRED';
  errorCode: string | null;
  url: string | null;
}

/**
 * Shopify's bulk queries (research §2.9): one query cost for a whole export, and a JSONL file read line by line, so
 * memory holds one chunk at a time whatever the export's size.
 */
@Injectable()
export class ShopifyBulkOperationClient {
  constructor(
    private readonly api: ShopifyApiProvider,
    private readonly graphql: ShopifyGraphqlClient,
  ) {}

  async start(ctx: ChannelContext, query: string): Promise<string> {
    const { data } = await this.graphql.request<{
      bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: UserError[] };
    }>(ctx, RUN_MUTATION, { query });
    ShopifyGraphqlClient.assertNoUserErrors(data.bulkOperationRunQuery.userErrors, 'bulkOperationRunQuery');
    const operation = data.bulkOperationRunQuery.bulkOperation;
    if (!operation) {
      throw new ChannelAdapterException(ChannelErrorCode.UNKNOWN, 'bulkOperationRunQuery answered no operation');
    }
    return operation.id;
  }

  /** Waits for the operation; the file's URL, or null when it exported nothing. */
  async waitFor(ctx: ChannelContext, id: string): Promise<string | null> {
    const until = Date.now() + MAX_WAIT_MS;
    let delay = 200;
    for (;;) {
      const { data } = await this.graphql.request<{ bulkOperation: BulkOperation | null }>(ctx, POLL_QUERY, { id });
      const op = data.bulkOperation;
      if (!op) {
        throw new ChannelAdapterException(ChannelErrorCode.NOT_FOUND, `Bulk operation ${id} vanished`);
      }
      if (op.status === 'COMPLETED') {
        return op.url;
      }
      if (op.status !== 'CREATED' && op.status !== 'RUNNING') {
        const code = op.errorCode === 'ACCESS_DENIED' ? ChannelErrorCode.AUTH_REVOKED : ChannelErrorCode.TEMPORARY;
        throw new ChannelAdapterException(code, `Bulk operation ${id} ended ${op.status}${op.errorCode ? ` (${op.errorCode})` : ''}`);
      }
      if (Date.now() > until) {
        throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `Bulk operation ${id} did not finish in time`);
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 3000);
    }
  }

  /**
   * The export's lines, parsed, a network chunk at a time. Plain JSON.parse is safe: exports ask only for string ids
   * (GIDs) and small numbers, so nothing loses precision.
   */
  async *lines(url: string): AsyncGenerator<unknown[]> {
    let response: Response;
    try {
      response = await this.api.fetch(url, { signal: AbortSignal.timeout(MAX_WAIT_MS) });
    } catch (error) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `The bulk export could not be downloaded: ${String(error)}`, {
        cause: error,
      });
    }
    if (!response.ok || !response.body) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `The bulk export answered HTTP ${response.status}`);
    }
    // Split by hand: one await per network chunk rather than a promise per line keeps a large export's garbage low.
    const decoder = new TextDecoder();
    let rest = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      rest += decoder.decode(chunk, { stream: true });
      const parsed: unknown[] = [];
      let start = 0;
      for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
        ShopifyBulkOperationClient.collect(rest.slice(start, nl), parsed);
        start = nl + 1;
      }
      rest = rest.slice(start);
      if (parsed.length > 0) {
        yield parsed;
      }
    }
    const last: unknown[] = [];
    ShopifyBulkOperationClient.collect(rest + decoder.decode(), last);
    if (last.length > 0) {
      yield last;
    }
  }

  private static collect(line: string, into: unknown[]): void {
    const parsed = ShopifyBulkOperationClient.parseLine(line);
    if (parsed !== null) {
      into.push(parsed);
    }
  }

  /** One JSONL line; null when blank. A line that is not JSON is a cut-off download: a temporary error. */
  static parseLine(line: string): unknown {
    if (!line.trim()) {
      return null;
    }
    try {
      return JSON.parse(line) as unknown;
    } catch (error) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, 'The bulk export holds a malformed line (cut off download?)', {
        cause: error,
      });
    }
  }
}
