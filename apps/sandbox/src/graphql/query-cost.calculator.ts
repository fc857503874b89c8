import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  OperationTypeNode,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

const MUTATION_COST = 10;
const CONNECTION_BASE_COST = 2;

type Data = Record<string, unknown> | null | undefined;

/**
 * Shopify's cost model: scalars and enums 0, objects 1, connections 2 + page size × node cost,
 * mutations 10. Requested cost uses first/last; actual cost counts what was returned.
 */
export class QueryCostCalculator {
  private fragments = new Map<string, FragmentDefinitionNode>();
  private variables: Record<string, unknown> = {};

  constructor(private readonly schema: GraphQLSchema) {}

  requested(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
    return this.run(document, operation, variables, undefined);
  }

  actual(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, data: Data): number {
    return this.run(document, operation, variables, data ?? null);
  }

  private run(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    data: Data | undefined,
  ): number {
    this.fragments = new Map();
    for (const def of document.definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) {
        this.fragments.set(def.name.value, def);
      }
    }
    this.variables = variables;
    const root = operation.operation === OperationTypeNode.MUTATION ? this.schema.getMutationType() : this.schema.getQueryType();
    if (!root) {
      return 0;
    }
    if (operation.operation === OperationTypeNode.MUTATION) {
      return this.fields(operation.selectionSet, root).reduce((acc, f) => (f.name.value === '__typename' ? acc : acc + MUTATION_COST), 0);
    }
    return this.selectionCost(operation.selectionSet, root, data);
  }

  /** Flattens fragments into (field, parent type) pairs. */
  private fields(set: SelectionSetNode, parent: GraphQLCompositeType): FieldNode[] {
    return this.fieldsWithType(set, parent).map(([f]) => f);
  }

  private fieldsWithType(set: SelectionSetNode, parent: GraphQLCompositeType): [FieldNode, GraphQLCompositeType][] {
    const out: [FieldNode, GraphQLCompositeType][] = [];
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        out.push([sel, parent]);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? this.schema.getType(sel.typeCondition.name.value) : parent;
        out.push(...this.fieldsWithType(sel.selectionSet, cond && isCompositeType(cond) ? cond : parent));
      } else {
        const frag = this.fragments.get(sel.name.value);
        if (frag) {
          const cond = this.schema.getType(frag.typeCondition.name.value);
          out.push(...this.fieldsWithType(frag.selectionSet, cond && isCompositeType(cond) ? cond : parent));
        }
      }
    }
    return out;
  }

  private selectionCost(set: SelectionSetNode, parent: GraphQLCompositeType, data: Data | undefined): number {
    let total = 0;
    for (const [field, type] of this.fieldsWithType(set, parent)) {
      total += this.fieldCost(field, type, data);
    }
    return total;
  }

  private fieldCost(field: FieldNode, parent: GraphQLCompositeType, data: Data | undefined): number {
    if (field.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) {
      return 0;
    }
    const def = parent.getFields()[field.name.value];
    if (!def) {
      return 0;
    }
    const named = getNamedType(def.type);
    if (!isCompositeType(named) || !field.selectionSet) {
      return 0;
    }
    const key = field.alias?.value ?? field.name.value;
    const value = data === undefined ? undefined : data?.[key];
    if (data !== undefined && (value === null || value === undefined)) {
      return 0;
    }
    if (isObjectType(named) && named.name.endsWith('Connection') && named.getFields().pageInfo) {
      return this.connectionCost(field, def.args, named, value as Data | undefined);
    }
    const child = Array.isArray(value) ? ((value[0] as Data) ?? null) : (value as Data | undefined);
    return 1 + this.selectionCost(field.selectionSet, named, child);
  }

  private connectionCost(
    field: FieldNode,
    args: readonly { name: string; type: import('graphql').GraphQLInputType }[],
    type: import('graphql').GraphQLObjectType,
    value: Data | undefined,
  ): number {
    let perNode = 0;
    let actualNodes = 0;
    for (const [sub] of this.fieldsWithType(field.selectionSet as SelectionSetNode, type)) {
      const subName = sub.name.value;
      const subDef = type.getFields()[subName];
      if (!subDef || !sub.selectionSet) {
        continue;
      }
      if (subName === 'pageInfo') {
        continue;
      }
      const subKey = sub.alias?.value ?? subName;
      const list = value === undefined ? undefined : ((value?.[subKey] as Data[] | undefined) ?? []);
      const nodeType = subName === 'edges' ? getNamedType(subDef.type) : getNamedType(subDef.type);
      if (!isCompositeType(nodeType)) {
        continue;
      }
      if (subName === 'edges' && isObjectType(nodeType)) {
        const nodeField = this.fields(sub.selectionSet, nodeType).find((f) => f.name.value === 'node');
        const nodeDef = nodeType.getFields().node;
        if (!nodeField?.selectionSet || !nodeDef) {
          continue;
        }
        const nodeNamed = getNamedType(nodeDef.type) as GraphQLCompositeType;
        if (list) {
          const key = nodeField.alias?.value ?? 'node';
          actualNodes += list.reduce(
            (acc, edge) =>
              acc + 1 + this.selectionCost(nodeField.selectionSet as SelectionSetNode, nodeNamed, (edge?.[key] as Data) ?? null),
            0,
          );
        } else {
          perNode += 1 + this.selectionCost(nodeField.selectionSet, nodeNamed, undefined);
        }
      } else if (list) {
        actualNodes += list.reduce(
          (acc, node) => acc + 1 + this.selectionCost(sub.selectionSet as SelectionSetNode, nodeType, node ?? null),
          0,
        );
      } else {
        perNode += 1 + this.selectionCost(sub.selectionSet, nodeType, undefined);
      }
    }
    if (value !== undefined) {
      return CONNECTION_BASE_COST + actualNodes;
    }
    return CONNECTION_BASE_COST + this.pageSize(field, args) * perNode;
  }

  private pageSize(field: FieldNode, args: readonly { name: string; type: import('graphql').GraphQLInputType }[]): number {
    for (const name of ['first', 'last']) {
      const node = field.arguments?.find((a) => a.name.value === name);
      const def = args.find((a) => a.name === name);
      if (node && def) {
        const size = valueFromAST(node.value, def.type, this.variables);
        if (typeof size === 'number') {
          return size;
        }
      }
    }
    return 1;
  }
}
