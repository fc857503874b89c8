import {
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import type { ResolverContext } from '../resolvers/resolver-context';
import type { BucketRegistry } from '../throttle/bucket-registry';
import { PLAN_LIMITS, type ThrottleStatus } from '../throttle/leaky-bucket';
import type { SandboxFieldResolver } from './field-resolver';
import { PreparedDocumentCache } from './prepared-document.cache';
import { QueryCostCalculator } from './query-cost.calculator';
import { ShopifyErrorFormatter, type ShopifyErrorJson } from './shopify-error.formatter';
import { VariableCoercer } from './variable-coercer';

export const SINGLE_QUERY_MAX_COST = 1000;

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

interface Execution {
  document: DocumentNode;
  variables: Record<string, unknown>;
}

export interface GraphqlOutcome {
  body: Record<string, unknown>;
  operationName: string | null;
  rootFields: string[];
  requestedCost: number | null;
  actualCost: number | null;
  throttled: boolean;
}

/** Validates, prices, throttles and executes one Admin API request the way Shopify does. */
export class GraphqlExecutor {
  constructor(
    private readonly resolver: SandboxFieldResolver,
    private readonly buckets: BucketRegistry,
  ) {}

  private readonly documents = new PreparedDocumentCache();

  run(request: GraphqlRequest, ctx: ResolverContext): GraphqlOutcome {
    const outcome: GraphqlOutcome = {
      body: {},
      operationName: request.operationName ?? null,
      rootFields: [],
      requestedCost: null,
      actualCost: null,
      throttled: false,
    };
    const schema = ctx.admin.schema;
    const prepared = this.documents.prepare(schema, request.query);
    if (prepared.syntaxError || !prepared.document) {
      outcome.body = { errors: [ShopifyErrorFormatter.validation(prepared.syntaxError as GraphQLError)] };
      return outcome;
    }
    if (prepared.validationErrors.length > 0) {
      outcome.body = { errors: prepared.validationErrors.map((e) => ShopifyErrorFormatter.validation(e)) };
      return outcome;
    }
    const document = prepared.document;
    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (!operation) {
      outcome.body = { errors: [{ message: 'An operation name is required', extensions: { code: 'OPERATION_NAME_REQUIRED' } }] };
      return outcome;
    }
    outcome.operationName = operation.name?.value ?? request.operationName ?? null;
    outcome.rootFields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
    const coerced = VariableCoercer.coerce(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (coerced.errors) {
      outcome.body = {
        errors: coerced.errors.map((e) => ({ ...ShopifyErrorFormatter.validation(e), extensions: { code: 'INVALID_VARIABLE' } })),
      };
      return outcome;
    }
    // Variables are coerced once, here; execute() gets them as already-coerced values.
    const executable = PreparedDocumentCache.executable(schema, prepared, operation);
    const execution: Execution = executable
      ? { document: executable, variables: coerced.coerced }
      : { document, variables: request.variables ?? {} };
    return this.priced(document, operation, coerced.coerced, execution, request, ctx, outcome);
  }

  private priced(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    execution: Execution,
    request: GraphqlRequest,
    ctx: ResolverContext,
    outcome: GraphqlOutcome,
  ): GraphqlOutcome {
    const calculator = new QueryCostCalculator(ctx.admin.schema);
    const requested = calculator.requested(document, operation, variables);
    outcome.requestedCost = requested;
    const bucket = this.buckets.for(ctx.shop, ctx.token);
    const costExtension = (actual: number | null, status: ThrottleStatus) => ({
      cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: status },
    });
    if (requested > SINGLE_QUERY_MAX_COST) {
      outcome.body = {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
            extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: SINGLE_QUERY_MAX_COST },
          },
        ],
        extensions: costExtension(null, bucket.status()),
      };
      return outcome;
    }
    const forcedThrottle = ctx.shop.faults.throttle === true;
    const unmetered = ctx.shop.faults.throttle === 'off';
    if (forcedThrottle || (!unmetered && !bucket.tryTake(requested))) {
      outcome.throttled = true;
      const status = forcedThrottle ? { ...PLAN_LIMITS[ctx.shop.plan], currentlyAvailable: 0 } : bucket.status();
      outcome.body = {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: costExtension(null, status),
      };
      return outcome;
    }
    const result = execute({
      schema: ctx.admin.schema,
      document: execution.document,
      variableValues: execution.variables,
      operationName: request.operationName ?? undefined,
      contextValue: ctx,
      fieldResolver: this.resolver.resolve,
      typeResolver: this.resolver.resolveType,
    }) as ExecutionResult;
    const data = result.data ?? null;
    const actual = operation.operation === OperationTypeNode.MUTATION ? requested : calculator.actual(document, operation, variables, data);
    if (!unmetered) {
      bucket.refund(Math.max(0, requested - actual));
    }
    outcome.actualCost = actual;
    outcome.body = {
      ...(result.errors ? { errors: result.errors.map<ShopifyErrorJson>((e) => ShopifyErrorFormatter.execution(e)) } : {}),
      data,
      extensions: costExtension(actual, bucket.status()),
    };
    return outcome;
  }
}
