import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  valueFromAST,
  type GraphQLError,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';

export type CoercedVariables = { errors: readonly GraphQLError[]; coerced?: never } | { coerced: Record<string, unknown>; errors?: never };

// Thrown inside the fast path when a value needs graphql-js's own handling (errors, oneOf inputs); one
// shared instance, so bailing out costs no stack trace.
const BAIL = new Error('variable needs graphql-js coercion');

/**
 * graphql-js's variable coercion, with a fast path for well-formed input. graphql-js's coerceInputValue
 * allocated a path entry per field and spent ~1.4 ms on a 250-line inventory input, the largest single
 * cost of the request. The fast path yields the same values (plain objects, as the installed graphql-js
 * returns them; same field order, defaults and scalar parseValue); anything it does not accept as-is —
 * every error, unknown field, oneOf input — goes to graphql-js's getVariableValues, so errors are its own.
 */
export class VariableCoercer {
  static coerce(schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[], inputs: Record<string, unknown>): CoercedVariables {
    try {
      return { coerced: VariableCoercer.fast(schema, definitions, inputs) };
    } catch (error) {
      if (error !== BAIL) {
        throw error;
      }
      return getVariableValues(schema, definitions, inputs);
    }
  }

  private static fast(
    schema: GraphQLSchema,
    definitions: readonly VariableDefinitionNode[],
    inputs: Record<string, unknown>,
  ): Record<string, unknown> {
    const coerced: Record<string, unknown> = {};
    for (const def of definitions) {
      const name = def.variable.name.value;
      const type = typeFromAST(schema, def.type) as GraphQLInputType | undefined;
      if (!type || !(isScalarType(type) || isEnumType(type) || isInputObjectType(type) || isListType(type) || isNonNullType(type))) {
        throw BAIL;
      }
      if (!Object.prototype.hasOwnProperty.call(inputs, name)) {
        if (def.defaultValue) {
          coerced[name] = valueFromAST(def.defaultValue, type);
        } else if (isNonNullType(type)) {
          throw BAIL;
        }
        continue;
      }
      const value = inputs[name];
      if (value === null && isNonNullType(type)) {
        throw BAIL;
      }
      coerced[name] = VariableCoercer.value(value, type);
    }
    return coerced;
  }

  // Field lists per input type, so a 250-line input does not allocate Object.values(fields) 250 times.
  private static readonly fieldLists = new WeakMap<GraphQLInputObjectType, GraphQLInputField[]>();

  private static fieldsOf(type: GraphQLInputObjectType): GraphQLInputField[] {
    let list = VariableCoercer.fieldLists.get(type);
    if (!list) {
      list = Object.values(type.getFields());
      VariableCoercer.fieldLists.set(type, list);
    }
    return list;
  }

  private static value(input: unknown, type: GraphQLInputType): unknown {
    if (isNonNullType(type)) {
      if (input === null || input === undefined) {
        throw BAIL;
      }
      return VariableCoercer.value(input, type.ofType);
    }
    if (input === null || input === undefined) {
      return null;
    }
    if (isListType(type)) {
      const item = type.ofType;
      if (Array.isArray(input)) {
        const out = new Array<unknown>(input.length);
        for (let i = 0; i < input.length; i++) {
          out[i] = VariableCoercer.value(input[i], item);
        }
        return out;
      }
      // Lists accept a single value as a list of one (JSON input has no other iterables).
      return [VariableCoercer.value(input, item)];
    }
    if (isInputObjectType(type)) {
      if (typeof input !== 'object' || Array.isArray(input) || type.isOneOf) {
        throw BAIL;
      }
      const source = input as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      let known = 0;
      for (const field of VariableCoercer.fieldsOf(type)) {
        const fieldValue = source[field.name];
        if (fieldValue === undefined) {
          if (field.defaultValue !== undefined) {
            out[field.name] = field.defaultValue;
          } else if (isNonNullType(field.type)) {
            throw BAIL;
          }
          continue;
        }
        known += 1;
        out[field.name] = VariableCoercer.value(fieldValue, field.type);
      }
      // Every provided key must be a field; fewer known fields than keys means an unknown (or undefined-valued) key.
      if (known !== Object.keys(source).length) {
        throw BAIL;
      }
      return out;
    }
    if (isScalarType(type) || isEnumType(type)) {
      let parsed: unknown;
      try {
        parsed = type.parseValue(input);
      } catch {
        throw BAIL;
      }
      if (parsed === undefined) {
        throw BAIL;
      }
      return parsed;
    }
    throw BAIL;
  }
}
