import {
  GraphQLError,
  isScalarType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** A query text parsed and validated against one schema; either a document or its errors. */
export interface PreparedDocument {
  document: DocumentNode | null;
  syntaxError: GraphQLError | null;
  validationErrors: readonly GraphQLError[];
  // Per operation (keyed by name, '' when anonymous): the document to execute with pre-coerced variables.
  executable: Map<string, DocumentNode>;
}

const MAX_DOCUMENTS = 500;
// Huge one-off documents are not worth keeping.
const MAX_CACHED_QUERY_LENGTH = 64 * 1024;
// A scalar whose parseValue is the identity in a client-built schema: values pass through untouched.
const PASS_THROUGH_SCALAR = 'JSON';

/**
 * LRU of parsed + validated documents keyed by query text, one per schema. Clients send the same few
 * operations over and over; validating against the Admin schema is the costliest step of a small request.
 */
export class PreparedDocumentCache {
  private readonly bySchema = new WeakMap<GraphQLSchema, Map<string, PreparedDocument>>();

  prepare(schema: GraphQLSchema, query: string): PreparedDocument {
    let cache = this.bySchema.get(schema);
    if (!cache) {
      cache = new Map();
      this.bySchema.set(schema, cache);
    }
    const hit = cache.get(query);
    if (hit) {
      // Re-insert so the Map's insertion order is the recency order.
      cache.delete(query);
      cache.set(query, hit);
      return hit;
    }
    const prepared = PreparedDocumentCache.build(schema, query);
    if (query.length <= MAX_CACHED_QUERY_LENGTH) {
      cache.set(query, prepared);
      if (cache.size > MAX_DOCUMENTS) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) {
          cache.delete(oldest);
        }
      }
    }
    return prepared;
  }

  /**
   * The document with the operation's variables re-declared as the pass-through `JSON` scalar, for executing
   * with variables that were already coerced against their real types: graphql's execute() coerces variables
   * itself, and coercing a 250-line input a second time cost as much as the rest of the request. Validation
   * ran on the original document, so this changes nothing a client can observe. Null when the schema has no
   * pass-through scalar (then the caller executes the original document with raw variables).
   */
  static executable(schema: GraphQLSchema, prepared: PreparedDocument, operation: OperationDefinitionNode): DocumentNode | null {
    const key = operation.name?.value ?? '';
    const cached = prepared.executable.get(key);
    if (cached) {
      return cached;
    }
    const scalar = schema.getType(PASS_THROUGH_SCALAR);
    if (!prepared.document || !scalar || !isScalarType(scalar) || scalar.parseValue({ probe: 1 }) === undefined) {
      return null;
    }
    const variableDefinitions = (operation.variableDefinitions ?? []).map<VariableDefinitionNode>((def) => ({
      kind: Kind.VARIABLE_DEFINITION,
      variable: def.variable,
      type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: PASS_THROUGH_SCALAR } },
      directives: def.directives,
    }));
    const clone: OperationDefinitionNode = { ...operation, variableDefinitions };
    const document: DocumentNode = {
      ...prepared.document,
      definitions: prepared.document.definitions.map((d) => (d === operation ? clone : d)),
    };
    prepared.executable.set(key, document);
    return document;
  }

  private static build(schema: GraphQLSchema, query: string): PreparedDocument {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { document: null, syntaxError: error as GraphQLError, validationErrors: [], executable: new Map() };
    }
    return { document, syntaxError: null, validationErrors: validate(schema, document), executable: new Map() };
  }
}
