import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { ChannelAdapterException, ChannelErrorCode, type ChannelContext } from '@gantry/core';
import { ShopifyApiProvider } from '../common/shopify-api.provider';
import { parseLossless, ShopifyGraphqlClient, type UserError } from '../graphql/shopify-graphql.client';
import { CATALOG_PAGE_SIZE, toCatalogItem, type ShopifyCatalogItem, type VariantNode } from '../shopify-channel.adapter';

const RUN_MUTATION = `mutation RunCatalogExport($query: String!) {
  bulkOperationRunQuery(query: $query) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;

const POLL_QUERY = `query CatalogExport($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount url }
}`;

const MAX_WAIT_MS = 30 * 60_000;
const VARIANT_GID = 'gid://shopify/ProductVariant/';

interface BulkOperation {
  id: string;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELING' | 'CANCELED' | 'EXPIRED';
  errorCode: string | null;
  url: string | null;
}

/**
 * Large catalogs through a bulk operation (research §2.9): one query cost instead of one per page, and a JSONL file
 * read line by line, so memory holds one batch at a time.
 */
@Injectable()
export class BulkCatalogReader {
  constructor(
    private readonly api: ShopifyApiProvider,
    private readonly graphql: ShopifyGraphqlClient,
  ) {}

  /**
   * Starts an export of the variants from `fromId` on (variants come in id order). `>=` and not `>`: ids exceed 2^53,
   * and a search that compares them as doubles could drop the next id; `read` drops the ones already seen instead.
   */
  async start(ctx: ChannelContext, fromId: string | null): Promise<string> {
    const filter = fromId ? `(query: ${JSON.stringify(`id:>=${fromId}`)})` : '';
    const query = `{ productVariants${filter} { edges { node { id sku barcode title product { id title } inventoryItem { id } } } } }`;
    const { data } = await this.graphql.request<{ bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: UserError[] } }>(ctx, RUN_MUTATION, { query });
    ShopifyGraphqlClient.assertNoUserErrors(data.bulkOperationRunQuery.userErrors, 'bulkOperationRunQuery');
    const operation = data.bulkOperationRunQuery.bulkOperation;
    if (!operation) {
      throw new ChannelAdapterException(ChannelErrorCode.UNKNOWN, 'bulkOperationRunQuery answered no operation');
    }
    return operation.id;
  }

  /** Waits for the export; the file's URL, or null when it exported nothing. */
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

  /** The exported variants with an id above `afterId`, in batches of a catalog page. */
  async *read(url: string, afterId: string | null): AsyncGenerator<ShopifyCatalogItem[]> {
    const floor = afterId ? BigInt(afterId) : -1n;
    let response: Response;
    try {
      response = await this.api.fetch(url, { signal: AbortSignal.timeout(MAX_WAIT_MS) });
    } catch (error) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `The bulk export could not be downloaded: ${String(error)}`, { cause: error });
    }
    if (!response.ok || !response.body) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, `The bulk export answered HTTP ${response.status}`);
    }
    const lines = createInterface({ input: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), crlfDelay: Infinity });
    let batch: ShopifyCatalogItem[] = [];
    for await (const line of lines) {
      if (!line.trim()) {
        continue;
      }
      const node = parseLossless(line) as VariantNode & { __parentId?: string };
      if (typeof node.id !== 'string' || !node.id.startsWith(VARIANT_GID) || BigInt(node.id.slice(VARIANT_GID.length)) <= floor) {
        continue;
      }
      batch.push(toCatalogItem(node));
      if (batch.length >= CATALOG_PAGE_SIZE) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) {
      yield batch;
    }
  }
}
