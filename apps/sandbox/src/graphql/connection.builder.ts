import { SandboxGraphqlError } from './sandbox-graphql.error';

export const MAX_PAGE_SIZE = 250;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

interface Keyed {
  id: string;
}

/** Relay connections over in-memory lists, with Shopify's page-size rules and opaque cursors. */
export class ConnectionBuilder {
  static encodeCursor(id: string): string {
    return Buffer.from(JSON.stringify({ last_id: id })).toString('base64');
  }

  static decodeCursor(cursor: string): string {
    try {
      const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last_id?: unknown };
      if (typeof parsed.last_id === 'string') {
        return parsed.last_id;
      }
    } catch {
      // fall through to the error below
    }
    throw new SandboxGraphqlError(`Invalid cursor: ${cursor}`, 'BAD_REQUEST');
  }

  /** Sorts by numeric id, the default `sortKey: ID` order. */
  static byId<T extends Keyed>(items: T[]): T[] {
    return [...items].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
  }

  /** `unbounded` is for bulk operations, which page through everything. */
  static build<T extends Keyed>(
    items: T[],
    args: ConnectionArgs,
    toNode: (item: T) => unknown,
    unbounded = false,
  ): Record<string, unknown> {
    const { first, last, after, before } = args;
    if (!unbounded) {
      if ((first === undefined || first === null) && (last === undefined || last === null)) {
        throw new SandboxGraphqlError('you must provide one of first or last', 'BAD_REQUEST');
      }
      for (const [name, value] of [
        ['first', first],
        ['last', last],
      ] as const) {
        if (typeof value === 'number' && (value > MAX_PAGE_SIZE || value < 0)) {
          throw new SandboxGraphqlError(
            `The value of '${name}' (${value}) is outside the range 0..${MAX_PAGE_SIZE}. Shopify returns at most ${MAX_PAGE_SIZE} records per page.`,
            'MAX_PAGE_SIZE_EXCEEDED',
          );
        }
      }
    }
    let list = args.reverse ? [...items].reverse() : items;
    let hasPreviousPage = false;
    let hasNextPage = false;
    if (after) {
      const id = ConnectionBuilder.decodeCursor(after);
      const index = list.findIndex((item) => item.id === id);
      hasPreviousPage = index >= 0;
      list = index >= 0 ? list.slice(index + 1) : list;
    }
    if (before) {
      const id = ConnectionBuilder.decodeCursor(before);
      const index = list.findIndex((item) => item.id === id);
      if (index >= 0) {
        hasNextPage = true;
        list = list.slice(0, index);
      }
    }
    if (typeof first === 'number') {
      hasNextPage = hasNextPage || list.length > first;
      list = list.slice(0, first);
    }
    if (typeof last === 'number') {
      hasPreviousPage = hasPreviousPage || list.length > last;
      list = list.slice(Math.max(0, list.length - last));
    }
    const edges = list.map((item) => ({ cursor: ConnectionBuilder.encodeCursor(item.id), node: toNode(item) }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage,
        hasPreviousPage,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }
}
