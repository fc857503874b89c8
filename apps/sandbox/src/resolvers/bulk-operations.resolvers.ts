import { execute, GraphQLError, parse, validate, type DocumentNode } from 'graphql';
import { Gid } from '../common/gid';
import { ConnectionBuilder } from '../graphql/connection.builder';
import type { SandboxFieldResolver } from '../graphql/field-resolver';
import type { BulkOperationRecord } from '../state/shop-records';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

type Json = Record<string, unknown>;

const isConnection = (v: unknown): v is Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && (Array.isArray((v as Json).edges) || Array.isArray((v as Json).nodes));

const nodesOf = (c: Json): Json[] =>
  Array.isArray(c.nodes) ? (c.nodes as Json[]) : ((c.edges as Json[]).map((e) => e.node).filter(Boolean) as Json[]);

/** bulkOperationRunQuery with a JSONL result served by the sandbox; nested connections become `__parentId` lines. */
export class BulkOperationResolvers {
  static view(ctx: ResolverContext, b: BulkOperationRecord, statusOverride?: BulkOperationRecord['status']): Json {
    const status = statusOverride ?? b.status;
    const done = status === 'COMPLETED';
    return {
      __typename: 'BulkOperation',
      id: Gid.of('BulkOperation', b.id),
      status,
      type: b.type,
      query: b.query,
      errorCode: b.errorCode,
      createdAt: b.createdAt,
      completedAt: done ? b.completedAt : null,
      objectCount: String(done ? b.objectCount : 0),
      rootObjectCount: String(done ? b.rootObjectCount : 0),
      fileSize: done && b.fileSize !== null ? String(b.fileSize) : null,
      url: done && b.jsonl !== null && b.objectCount > 0 ? `${ctx.baseUrl}/__sandbox/bulk/${ctx.shop.domain}/${b.id}.jsonl` : null,
      partialDataUrl: null,
    };
  }

  static register(roots: RootResolvers, resolver: () => SandboxFieldResolver): void {
    const mine = (ctx: ResolverContext) => BulkOperationResolvers.mine(ctx);
    roots.query.currentBulkOperation = (args, ctx) => {
      const type = (args.type as string | undefined) ?? 'QUERY';
      const latest = mine(ctx)
        .filter((b) => b.type === type)
        .pop();
      return latest ? BulkOperationResolvers.view(ctx, latest) : null;
    };
    roots.query.bulkOperation = (args, ctx) => {
      const b = ctx.shop.bulkOperations[Gid.parse(args.id, 'BulkOperation') ?? ''];
      return b && b.apiKey === ctx.token.apiKey ? BulkOperationResolvers.view(ctx, b) : null;
    };
    roots.query.bulkOperations = (args, ctx) =>
      SandboxViews.of(ctx).catalog.connection(mine(ctx), args, (b) => BulkOperationResolvers.view(ctx, b));
    roots.mutation.bulkOperationRunQuery = (args, ctx) => BulkOperationResolvers.run(args, ctx, resolver());
  }

  private static mine(ctx: ResolverContext): BulkOperationRecord[] {
    return ConnectionBuilder.byId(Object.values(ctx.shop.bulkOperations)).filter((b) => b.apiKey === ctx.token.apiKey);
  }

  private static run(args: Args, ctx: ResolverContext, resolver: SandboxFieldResolver): unknown {
    const query = args.query as string;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { bulkOperation: null, userErrors: [{ field: ['query'], message: (error as GraphQLError).message, code: 'INVALID' }] };
    }
    const invalid = validate(ctx.admin.schema, document);
    if (invalid.length > 0) {
      return { bulkOperation: null, userErrors: invalid.map((e) => ({ field: ['query'], message: e.message, code: 'INVALID' })) };
    }
    const running = BulkOperationResolvers.mine(ctx).filter(
      (b) => b.type === 'QUERY' && (b.status === 'CREATED' || b.status === 'RUNNING'),
    );
    if (running.length >= 5) {
      return {
        bulkOperation: null,
        userErrors: [
          { field: null, message: 'A bulk query operation for this app and shop is already in progress.', code: 'OPERATION_IN_PROGRESS' },
        ],
      };
    }
    const now = ctx.store.isoNow();
    const record: BulkOperationRecord = {
      id: ctx.store.nextId(),
      apiKey: ctx.token.apiKey,
      status: 'CREATED',
      type: 'QUERY',
      query,
      errorCode: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      jsonl: null,
      createdAt: now,
      completedAt: null,
    };
    ctx.shop.bulkOperations[record.id] = record;
    const bulkCtx: ResolverContext = { ...ctx, unbounded: true };
    const result = execute({
      schema: ctx.admin.schema,
      document,
      contextValue: bulkCtx,
      fieldResolver: resolver.resolve,
      typeResolver: resolver.resolveType,
    }) as { data?: Json | null; errors?: readonly GraphQLError[] };
    if (result.errors?.length || !result.data) {
      record.status = 'FAILED';
      record.errorCode = result.errors?.some((e) => e.extensions.code === 'ACCESS_DENIED') ? 'ACCESS_DENIED' : 'INTERNAL_SERVER_ERROR';
    } else {
      const lines: string[] = [];
      let roots = 0;
      const emit = (node: Json, parentId: string | null) => {
        const own: Json = {};
        const children: Json[] = [];
        for (const [key, value] of Object.entries(node)) {
          if (isConnection(value)) {
            children.push(...nodesOf(value));
          } else {
            own[key] = value;
          }
        }
        lines.push(JSON.stringify(parentId ? { ...own, __parentId: parentId } : own));
        for (const child of children) {
          emit(child, typeof own.id === 'string' ? own.id : parentId);
        }
      };
      const walk = (value: unknown) => {
        if (isConnection(value)) {
          for (const node of nodesOf(value)) {
            roots += 1;
            emit(node, null);
          }
        } else if (value && typeof value === 'object') {
          Object.values(value as Json).forEach(walk);
        }
      };
      walk(result.data);
      record.jsonl = lines.length > 0 ? `${lines.join('\n')}\n` : '';
      record.status = 'COMPLETED';
      record.objectCount = lines.length;
      record.rootObjectCount = roots;
      record.fileSize = Buffer.byteLength(record.jsonl);
    }
    record.completedAt = ctx.store.isoNow();
    ctx.store.emit(
      ctx.shop.domain,
      'bulk_operations/finish',
      JSON.stringify({
        admin_graphql_api_id: Gid.of('BulkOperation', record.id),
        completed_at: record.completedAt,
        created_at: record.createdAt,
        error_code: record.errorCode?.toLowerCase() ?? null,
        status: record.status.toLowerCase(),
        type: 'query',
      }),
    );
    // The mutation answers as Shopify does, before the operation has run; polling then sees COMPLETED.
    return { bulkOperation: BulkOperationResolvers.view(ctx, record, 'CREATED'), userErrors: [] };
  }
}
