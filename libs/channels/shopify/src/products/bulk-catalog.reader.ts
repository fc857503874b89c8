import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { ChannelAdapterException, ChannelErrorCode, type ChannelContext } from '@gantry/core';
import { ShopifyApiProvider } from '../common/shopify-api.provider';
import { ShopifyGraphqlClient, type UserError } from '../graphql/shopify-graphql.client';
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
    let batch: ShopifyCatalogItem[] = [];
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      rest += decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
        const item = BulkCatalogReader.parseLine(rest.slice(start, nl), afterId);
        start = nl + 1;
        if (item && batch.push(item) >= CATALOG_PAGE_SIZE) {
          yield batch;
          batch = [];
        }
      }
      rest = rest.slice(start);
    }
    const last = BulkCatalogReader.parseLine(rest + decoder.decode(), afterId);
    if (last) {
      batch.push(last);
    }
    if (batch.length > 0) {
      yield batch;
    }
  }

  /**
   * One JSONL line, or null when it is blank, not a variant, or at/below `afterId`. Plain JSON.parse is safe here:
   * the export asks only for string fields (ids are GID strings), so no number can lose precision.
   */
  static parseLine(line: string, afterId: string | null): ShopifyCatalogItem | null {
    if (!line.trim()) {
      return null;
    }
    let node: VariantNode;
    try {
      node = JSON.parse(line) as VariantNode;
    } catch (error) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, 'The bulk export holds a malformed line (cut off download?)', {
        cause: error,
      });
    }
    if (typeof node.id !== 'string' || !node.id.startsWith(VARIANT_GID)) {
      return null;
    }
    return afterId && !idAbove(node.id.slice(VARIANT_GID.length), afterId) ? null : toCatalogItem(node);
  }
}

/** Decimal ids compared as strings (no leading zeros): longer is larger; BigInt per line costs more. */
function idAbove(id: string, floor: string): boolean {
  return id.length !== floor.length ? id.length > floor.length : id > floor;
}
