import { Role } from '@gantry/core';
import fc from 'fast-check';

/** The parts of an OpenAPI 3 document the fuzzer reads. */
export interface FuzzSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  oneOf?: FuzzSchema[];
  anyOf?: FuzzSchema[];
  allOf?: FuzzSchema[];
  properties?: Record<string, FuzzSchema>;
  required?: string[];
  items?: FuzzSchema;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  example?: unknown;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: FuzzSchema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: FuzzSchema; examples?: Record<string, { value?: unknown }> }> };
}
export interface FuzzDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, FuzzSchema> };
}

export interface FuzzOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The templated path, e.g. /api/v1/orders/{id}. */
  path: string;
  operationId: string;
  parameters: Parameter[];
  body: FuzzSchema | undefined;
  examples: unknown[];
}

export type FuzzBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string; text: string };

export interface FuzzRequest {
  role: Role | null;
  method: FuzzOperation['method'];
  /** The path with its ids filled in and the query string appended, already encoded. */
  url: string;
  body: FuzzBody;
}

/** Ids and keys that exist, so that some requests get past "not found" into the services. */
export interface FuzzPools {
  uuids: string[];
  pluginKeys: string[];
  /** Known values of string fields by name (sku, barcode, ...). */
  strings: Record<string, string[]>;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const DEPTH = 1000;
const HUGE = 100 * 1024;

export function operationsOf(doc: FuzzDocument): FuzzOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => {
        const media = op.requestBody?.content?.['application/json'];
        return {
          method: method as FuzzOperation['method'],
          path,
          operationId: op.operationId,
          parameters: op.parameters ?? [],
          body: media?.schema,
          examples: Object.values(media?.examples ?? {}).map((e) => e.value),
        };
      }),
  );
}

/** JSON text whose parse gives a value with an own `__proto__` key (an object literal would set the prototype instead). */
const withOwnKey = (key: string, value: unknown): unknown =>
  JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}}`) as unknown;

const deepArray = (): unknown => JSON.parse(`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`) as unknown;
const deepObject = (): unknown => JSON.parse(`${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`) as unknown;

/** Values no field expects: wrong types, extremes, prototype keys, NUL bytes, huge strings, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    -0.5,
    1.5,
    1e308,
    -1e308,
    2 ** 53 + 1,
    2 ** 64,
    -(2 ** 64),
    Number.MAX_SAFE_INTEGER,
    2147483648,
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '..%2f..%2f',
    '1e308',
    '18446744073709551616',
    '-1',
    'NaN',
    'true',
    'null',
    '2026-02-30T25:61:00Z',
    '0000-00-00',
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    "'; DROP TABLE product; --",
    '<script>alert(1)</script>',
    [],
    {},
    [null],
    [[]],
    { a: 1 },
  ),
  fc.constant(null).map(() => 'x'.repeat(HUGE)),
  fc.constant(null).map(() => '\u0000'.repeat(1024)),
  fc.constant(null).map(deepArray),
  fc.constant(null).map(deepObject),
  fc.constantFrom('__proto__', 'constructor', 'prototype').map((key) => withOwnKey(key, { polluted: true, isAdmin: true })),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.anything({ maxDepth: 3 }),
);

/** A value the schema accepts, give or take: a starting point the mutations then break. */
export function valueOf(doc: FuzzDocument, schema: FuzzSchema | undefined, pools: FuzzPools, depth = 0, name = ''): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) {
    return fc.constant(undefined);
  }
  if (schema.$ref) {
    return valueOf(doc, doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')], pools, depth + 1);
  }
  const alternatives = schema.oneOf ?? schema.anyOf ?? (schema.allOf?.length === 1 ? schema.allOf : undefined);
  if (alternatives?.length) {
    return fc.oneof(...alternatives.map((s) => valueOf(doc, s, pools, depth + 1)));
  }
  if (schema.enum?.length) {
    return fc.constantFrom(...schema.enum);
  }
  switch (schema.type ?? 'object') {
    case 'string':
      return stringOf(schema, pools, name);
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -5, -1_000_000), max: Math.min(schema.maximum ?? 50, 1_000_000) });
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 50 }), fc.double({ min: -5, max: 50, noNaN: true }));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueOf(doc, schema.items, pools, depth + 1), { maxLength: 3 });
    case 'object':
    default: {
      const properties = Object.entries(schema.properties ?? {});
      if (properties.length === 0) {
        return schema.type === 'object'
          ? fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })
          : fc.constant({});
      }
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, s] of properties) {
        record[name] = valueOf(doc, s, pools, depth + 1, name);
      }
      return fc.record(record, { requiredKeys: properties.map(([n]) => n).filter((n) => required.has(n)) });
    }
  }
}

function stringOf(schema: FuzzSchema, pools: FuzzPools, name: string): fc.Arbitrary<string> {
  const known = pools.strings[name] ?? [];
  if (known.length > 0 && !schema.format) {
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  }
  switch (schema.format ?? '') {
    case 'uuid':
      return pools.uuids.length > 0
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.uuids) }, { weight: 1, arbitrary: fc.uuid() })
        : fc.uuid();
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    default:
      return fc.oneof(
        schema.example !== undefined ? fc.constant(String(schema.example as string)) : fc.string({ minLength: 1, maxLength: 12 }),
        fc.string({ maxLength: Math.min(schema.maxLength ?? 24, 24) }),
      );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A documented example with its ids and known fields (sku, ...) swapped for rows that exist, so it reaches the services. */
function withKnownValues(example: unknown, pools: FuzzPools, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (typeof example === 'string') {
    const known = UUID.test(example) ? pools.uuids : (pools.strings[name] ?? []);
    return known.length > 0 ? fc.constantFrom(example, ...known) : fc.constant(example);
  }
  if (example === null || typeof example !== 'object' || depth > 6) {
    return fc.constant(example);
  }
  if (Array.isArray(example)) {
    return fc.tuple(...(example as unknown[]).map((item) => withKnownValues(item, pools, name, depth + 1)));
  }
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(example)) {
    record[key] = withKnownValues(value, pools, key, depth + 1);
  }
  return fc.record(record);
}

/** Replaces, adds or removes one field somewhere in a JSON value: the hostile mutations of a valid body. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  const keys = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  const options: fc.Arbitrary<unknown>[] = [
    hostileValue,
    fc.constant([value]),
    fc.constant(null).map(() => withOwnKey('__proto__', value)),
    fc
      .record({ key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'), v: hostileValue })
      .map(({ key, v }) => ({ ...(value as object), ...(withOwnKey(key, v) as object) })),
  ];
  if (keys.length > 0) {
    options.push(
      fc.record({ key: fc.constantFrom(...keys), v: hostileValue }).map(({ key, v }) => ({ ...(value as object), [key]: v })),
      fc.constantFrom(...keys).map((key) => {
        const copy = { ...(value as Record<string, unknown>) };
        delete copy[key];
        return copy;
      }),
      fc
        .record({ key: fc.constantFrom(...keys), inner: fc.constantFrom('__proto__', 'constructor') })
        .map(({ key, inner }) => ({ ...(value as object), [key]: withOwnKey(inner, (value as Record<string, unknown>)[key]) })),
    );
  }
  const items: unknown[] = Array.isArray(value) ? (value as unknown[]) : [];
  if (items.length > 0) {
    options.push(fc.record({ i: fc.nat(items.length - 1), v: hostileValue }).map(({ i, v }) => items.map((x, j) => (i === j ? v : x))));
    options.push(fc.constant(null).map(() => Array.from({ length: 5000 }, () => items[0])));
  }
  return fc.oneof(...options);
}

/** Bodies that are not JSON objects at all: broken JSON, other content types, extremes written as text. */
const rawBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc
    .constantFrom(
      '{"a":',
      '{',
      '}',
      '[',
      '{"a":1,}',
      "{'a':1}",
      'undefined',
      'NaN',
      '{"a":NaN}',
      '{"quantity":1e400}',
      '{"quantity":-1e400}',
      '{"quantity":18446744073709551616}',
      `{"quantity":${'9'.repeat(400)}}`,
      '{"a":"\\u0000"}',
      '{"a":"\\ud800"}',
      '\ufeff{}',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
      `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
      `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`,
      `${'['.repeat(100_000)}`,
      '\u0000',
      '',
    )
    .map((text): FuzzBody => ({ kind: 'raw', contentType: 'application/json', text })),
  fc
    .record({
      contentType: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/merge-patch+json',
        'application/json\u0000',
      ),
      text: fc.constantFrom('a=1&b[c]=2&__proto__[x]=1', '<a/>', '--x\r\n\r\n--x--', '{"a":1}', '\u0000\u0001', 'x'.repeat(HUGE)),
    })
    .map(({ contentType, text }): FuzzBody => ({ kind: 'raw', ...{ contentType: contentType.replace('\u0000', '') }, text })),
);

/** A body for the operation: mostly a schema value or an example, often broken by one mutation, sometimes raw text. */
export function bodyOf(doc: FuzzDocument, op: FuzzOperation, pools: FuzzPools): fc.Arbitrary<FuzzBody> {
  const starts: fc.Arbitrary<unknown>[] = [valueOf(doc, op.body, pools)];
  if (op.examples.length > 0) {
    starts.push(fc.constantFrom(...op.examples).chain((example) => withKnownValues(example, pools)));
  }
  const start = fc.oneof(...starts);
  const json = fc.oneof(
    { weight: 2, arbitrary: start },
    { weight: 5, arbitrary: start.chain(mutate) },
    { weight: 1, arbitrary: hostileValue },
  );
  return fc.oneof(
    { weight: 6, arbitrary: json.map((value): FuzzBody => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: rawBody },
    { weight: 1, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
  );
}

/** Webhook bodies: JSON of any shape (a random object, a hostile value, one broken field of an example), or raw bytes. */
export const webhookBody: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  hostileValue.map((v) => JSON.stringify(v) ?? ''),
  fc
    .record({ id: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String), fc.constant('-1')), extra: hostileValue })
    .map(
      ({ id, extra }) => `{"id":${id},"admin_graphql_api_id":"gid://shopify/Order/${id}","line_items":${JSON.stringify(extra) ?? 'null'}}`,
    ),
  rawBody.map((b) => (b.kind === 'raw' ? b.text : '')),
  fc.constantFrom('{"id":1,"note":"\u0000"}', '\u0000', '{"id":1}\u0000'),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** Path segments: real ids, random ones, and what a path id should never be. */
function pathValue(param: Parameter, pools: FuzzPools): fc.Arbitrary<string> {
  const real = param.name === 'key' ? pools.pluginKeys : pools.uuids;
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'not-a-uuid',
        '..%2f..%2fhealth',
        '..%2F',
        '%2e%2e',
        '%00',
        'a%00b',
        '0',
        '-1',
        '18446744073709551616',
        '1e308',
        '9'.repeat(400),
        '__proto__',
        'constructor',
        'prototype',
        '%7B%7D',
        '%5B%5D',
        'null',
        'undefined',
        '00000000-0000-0000-0000-000000000000',
        'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
        '%ZZ',
        '%',
        encodeURIComponent('\ud83d\ude00'),
        'x'.repeat(4000),
      ),
    },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent) },
  ];
  if (real.length > 0) {
    options.push({ weight: 5, arbitrary: fc.constantFrom(...real) });
  }
  return fc.oneof(...options);
}

/** A query string: the documented parameters with valid or hostile values, plus unknown, repeated and bracketed keys. */
function queryOf(doc: FuzzDocument, op: FuzzOperation, pools: FuzzPools): fc.Arbitrary<string> {
  const documented = op.parameters.filter((p) => p.in === 'query');
  const hostileText = fc.oneof(
    fc.constantFrom(
      '',
      '-1',
      '0',
      '1e308',
      '18446744073709551616',
      '9'.repeat(400),
      'NaN',
      'true',
      '%00',
      'a%00b',
      '__proto__',
      '%ZZ',
      'x'.repeat(1500),
    ),
    fc.string({ maxLength: 20 }).map(encodeURIComponent),
  );
  const pair = (name: string, s: FuzzSchema | undefined): fc.Arbitrary<string> =>
    fc
      .oneof(
        {
          weight: 3,
          arbitrary: valueOf(doc, s, pools, 0, name).map((v) => encodeURIComponent(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
        },
        { weight: 1, arbitrary: hostileText },
      )
      .map((v) => `${encodeURIComponent(name)}=${v}`);
  const extras = fc.constantFrom(
    '__proto__[isAdmin]=1',
    'constructor[prototype][x]=1',
    'a[b][c][d][e][f]=1',
    'limit=1&limit=2',
    'limit[]=1',
    '%00=%00',
    '=',
    '&&&',
    'a',
  );
  const parts: fc.Arbitrary<string[]>[] = documented.map((p) =>
    fc.option(pair(p.name, p.schema), { nil: undefined }).map((x) => (x === undefined ? [] : [x])),
  );
  parts.push(fc.option(extras, { nil: undefined, freq: 3 }).map((x) => (x === undefined ? [] : [x])));
  return fc.tuple(...parts).map((groups) => groups.flat().join('&'));
}

export const ROLES: (Role | null)[] = [Role.ADMIN, Role.INTEGRATION_MANAGER, Role.OPERATOR, Role.VIEWER, null];

/** One request for the operation: a role (or none), its path ids, a query string and a body. */
export function requestOf(doc: FuzzDocument, op: FuzzOperation, pools: FuzzPools): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const path = fc
    .tuple(...pathParams.map((p) => pathValue(p, pools).map((v) => [p.name, v] as const)))
    .map((pairs) => pairs.reduce((url, [name, value]) => url.replace(`{${name}}`, value), op.path));
  const hasBody = op.method !== 'get' && op.method !== 'delete';
  return fc
    .record({
      role: fc.oneof({ weight: 3, arbitrary: fc.constant(Role.ADMIN) }, { weight: 4, arbitrary: fc.constantFrom(...ROLES) }),
      path,
      query: queryOf(doc, op, pools),
      body: hasBody
        ? bodyOf(doc, op, pools)
        : fc.oneof({ weight: 4, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) }, { weight: 1, arbitrary: rawBody }),
    })
    .map(({ role, path: p, query, body }) => ({ role, method: op.method, url: query ? `${p}?${query}` : p, body }));
}

/** A short description of a request for failure messages (huge strings cut). */
export function describeRequest(r: FuzzRequest): string {
  const body =
    r.body.kind === 'none' ? '(no body)' : r.body.kind === 'raw' ? `${r.body.contentType}: ${r.body.text}` : JSON.stringify(r.body.value);
  const cut = (s: string): string => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  return `${r.method.toUpperCase()} ${cut(r.url)} as ${r.role ?? 'no key'} with ${cut(body ?? 'undefined')}`;
}
