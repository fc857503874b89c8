import type { GraphQLError } from 'graphql';

export interface ShopifyErrorJson {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

// graphql-js messages rewritten the way Shopify's (graphql-ruby) server words them.
const RULES: { pattern: RegExp; build: (m: RegExpExecArray) => { message: string; extensions: Record<string, unknown> } }[] = [
  {
    pattern: /^Cannot query field "([^"]+)" on type "([^"]+)"\./,
    build: (m) => ({
      message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
      extensions: { code: 'undefinedField', typeName: m[2], fieldName: m[1] },
    }),
  },
  {
    pattern: /^Unknown argument "([^"]+)" on field "([^".]+)\.([^"]+)"\./,
    build: (m) => ({
      message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
      extensions: { code: 'argumentNotAccepted', name: m[3], typeName: 'Field', argumentName: m[1] },
    }),
  },
  {
    pattern: /^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided\./,
    build: (m) => ({
      message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
      extensions: { code: 'missingRequiredArguments', className: 'Field', name: m[1], arguments: m[2] },
    }),
  },
  {
    pattern: /^Unknown type "([^"]+)"\./,
    build: (m) => ({
      message: `No such type ${m[1]}, so it can't be a fragment condition`,
      extensions: { code: 'undefinedType', typeName: m[1] },
    }),
  },
  {
    pattern: /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields\./,
    build: (m) => ({
      message: `Field must have selections (field '${m[1]}' returns ${m[2].replace(/[[\]!]/g, '')} but has no selections. Did you mean '${m[1]} { ... }'?)`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${m[1]}'`, typeName: m[2].replace(/[[\]!]/g, '') },
    }),
  },
  {
    pattern: /^Syntax Error: (.*)$/,
    build: (m) => ({ message: `syntax error, ${m[1]}`, extensions: { code: 'parseError' } }),
  },
];

export class ShopifyErrorFormatter {
  static validation(error: GraphQLError): ShopifyErrorJson {
    const json = error.toJSON() as ShopifyErrorJson;
    for (const rule of RULES) {
      const match = rule.pattern.exec(error.message);
      if (match) {
        const built = rule.build(match);
        return { message: built.message, locations: json.locations, path: json.path, extensions: built.extensions };
      }
    }
    return { ...json, extensions: { code: 'validationError', ...(json.extensions ?? {}) } };
  }

  static execution(error: GraphQLError): ShopifyErrorJson {
    const json = error.toJSON() as ShopifyErrorJson;
    if (!json.extensions?.code) {
      json.extensions = { ...(json.extensions ?? {}), code: 'INTERNAL_SERVER_ERROR' };
    }
    return json;
  }
}
