import { ParseUUIDPipe, type INestApplication, type Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type {
  ExampleObject,
  MediaTypeObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ChannelRegistry, PUBLIC_ROUTE, REQUIRED_ROLE, Role } from '@gantry/core';
import type { NextFunction, Request, Response } from 'express';
import { ProblemDetailsView } from '../http/problem-details.view';

export const DOCS_PATH = '/docs';
export const DOCS_JSON_PATH = '/docs/json';
export const ROLE_EXTENSION = 'x-required-role';
/** The value of `x-required-role` on routes that take no API key (health, OAuth callbacks, webhooks). */
export const PUBLIC_ROLE = 'public';
export const PROBLEM_JSON = 'application/problem+json';

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'options', 'head'] as const;
const TITLES: Record<string, string> = {
  '400': 'Bad Request',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'Not Found',
  '409': 'Conflict',
  '413': 'Payload Too Large',
  '429': 'Too Many Requests',
  '503': 'Service Unavailable',
};
/** Roles from the most to the least powerful: each includes every role after it. */
const ROLE_ORDER: readonly Role[] = [Role.ADMIN, Role.INTEGRATION_MANAGER, Role.OPERATOR, Role.VIEWER];

interface RouteFacts {
  role: Role | null;
  isPublic: boolean;
  /** Path parameters parsed by ParseUUIDPipe. */
  uuidParams: Set<string>;
}

/**
 * Serves the Swagger UI at /docs (and /docs/) and the OpenAPI document at /docs/json. The document is built on the
 * first request, after the app has booted: the channel registry (whose settings classes the document describes) fills
 * in during init.
 */
export function mountApiDocs(app: NestExpressApplication): void {
  // The UI's page loads its assets relative to its own URL: from /docs/index.html they would resolve under
  // /docs/docs/. One canonical page instead.
  app.use(`${DOCS_PATH}/index.html`, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    res.redirect(301, `${DOCS_PATH}/`);
  });
  SwaggerModule.setup(DOCS_PATH.slice(1), app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: DOCS_JSON_PATH.slice(1),
    yamlDocumentUrl: `${DOCS_PATH.slice(1)}/yaml`,
    customSiteTitle: 'Gantry API',
    swaggerOptions: { persistAuthorization: true, displayOperationId: false, tryItOutEnabled: false },
  });
}

/** The OpenAPI document, completed centrally: roles, problem+json errors, UUID path parameters, examples, channel settings. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const adapters = app.get(ChannelRegistry, { strict: false }).list();
  const config = new DocumentBuilder()
    .setTitle('Gantry')
    .setDescription(
      [
        'Warehouse ↔ channel connector. JSON under `/api/v1`.',
        '',
        'Authenticate with an API key: `Authorization: Bearer gk_<12 characters>_<secret>` (issued by `npm run cli -- api-key create --role <role> --name <name>`). ' +
          'Roles nest: `admin` ⊇ `integration_manager` ⊇ `operator` ⊇ `viewer`; each operation names the least role it needs ' +
          `in its description and in \`${ROLE_EXTENSION}\` (\`${PUBLIC_ROLE}\` for the few routes that take no key).`,
        '',
        'People of the admin sign in instead (`POST /api/v1/auth/sign-in`): a session cookie `gantry_session` with the same ' +
          "roles; every POST, PUT, PATCH and DELETE made with that cookie sends the session's `X-CSRF-Token` (403 otherwise).",
        '',
        'Errors are `application/problem+json` (`ProblemDetails`): `status`, `title`, `detail` and, for validation, `errors[]` of ' +
          '`{field, message}`. 400 malformed JSON, unknown or mistyped fields, missing fields; 401 no or a bad key; 403 a key below ' +
          'the role; 404 unknown ids; 409 conflicts with the current state; 413 an oversized body.',
        '',
        `This document: \`${DOCS_JSON_PATH}\` (JSON), \`${DOCS_PATH}/yaml\` (YAML); the UI: \`${DOCS_PATH}\`.`,
      ].join('\n'),
    )
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'gk_<12 characters>_<secret> (a Gantry API key)',
        description:
          'A Gantry API key, sent as `Authorization: Bearer gk_<12 characters>_<secret>`. Keys carry a role (admin, ' +
          'integration_manager, operator, viewer); `npm run cli -- api-key create --role <role> --name <name>` issues one.',
      },
      'bearer',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDetailsView, ...adapters.map((a) => a.settingsClass)],
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey}_${methodKey}`,
  });
  const routes = describeRoutes(app);
  for (const operation of operationsOf(document)) {
    const route = operation.operationId ? routes.get(operation.operationId) : undefined;
    if (route) {
      describeRole(operation, route);
      markUuidParameters(operation, route);
    }
    completeErrors(operation, route);
  }
  describeChannelSettings(document, adapters);
  addResponseExamples(document);
  return document;
}

/** Every operation, keyed by operationId, with the role, public flag and UUID path parameters its handler declares. */
function describeRoutes(app: INestApplication): Map<string, RouteFacts> {
  const reflector = new Reflector();
  const routes = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as Type<object> | null;
      if (!type || typeof type !== 'function') {
        continue;
      }
      const prototype = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') {
          continue;
        }
        const targets = [handler as (...args: unknown[]) => unknown, type];
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<string, { data?: unknown; pipes?: unknown[] }>;
        const uuidParams = new Set(
          Object.values(args)
            .filter(
              (arg) => typeof arg.data === 'string' && (arg.pipes ?? []).some((p) => p === ParseUUIDPipe || p instanceof ParseUUIDPipe),
            )
            .map((arg) => arg.data as string),
        );
        routes.set(`${type.name}_${name}`, {
          role: reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets) ?? null,
          isPublic: reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets) === true,
          uuidParams,
        });
      }
    }
  }
  return routes;
}

function* operationsOf(document: OpenAPIObject): Generator<OperationObject> {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) {
        yield operation;
      }
    }
  }
}

function appendDescription(operation: OperationObject, text: string): void {
  operation.description = operation.description ? `${operation.description}\n\n${text}` : text;
}

/** `x-required-role` and a line in the description, from the handler's @RequireRole / @Public. */
function describeRole(operation: OperationObject, route: RouteFacts): void {
  const extended = operation as OperationObject & Record<string, unknown>;
  if (route.isPublic || route.role === null) {
    extended[ROLE_EXTENSION] = PUBLIC_ROLE;
    appendDescription(operation, 'Role: none (public: no API key; the route authenticates its caller by other means or not at all).');
    operation.security = [];
    return;
  }
  extended[ROLE_EXTENSION] = route.role;
  const above = ROLE_ORDER.slice(0, ROLE_ORDER.indexOf(route.role));
  appendDescription(operation, `Role: ${route.role}${above.length > 0 ? ` (or ${above.join(', ')})` : ''}.`);
}

function markUuidParameters(operation: OperationObject, route: RouteFacts): void {
  for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
    if (parameter.in === 'path' && route.uuidParams.has(parameter.name)) {
      parameter.schema = { type: 'string', format: 'uuid' };
      parameter.example ??= '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    }
  }
}

/**
 * Every 4xx answers problem+json. Adds the errors any route of its shape can answer when the handler did not name
 * them: 400 for a body, query or UUID path parameter, 413 for a body, 404 for a path parameter.
 */
function completeErrors(operation: OperationObject, route: RouteFacts | undefined): void {
  const responses = operation.responses as Record<string, ResponseObject>;
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const hasBody = operation.requestBody !== undefined;
  const query = parameters.filter((p) => p.in === 'query');
  const path = parameters.filter((p) => p.in === 'path');
  const invalid: string[] = [];
  if (hasBody) {
    invalid.push('the body is not JSON, has unknown or mistyped fields, or misses a required one');
  }
  if (query.length > 0) {
    invalid.push('a query parameter is invalid');
  }
  if (route && route.uuidParams.size > 0) {
    invalid.push(`${[...route.uuidParams].map((p) => `\`${p}\``).join(', ')} is not a UUID`);
  }
  if (invalid.length > 0 && !responses['400']) {
    responses['400'] = { description: `Invalid request: ${invalid.join('; ')} (\`errors\` names each field)` };
  }
  if (hasBody && !responses['413']) {
    responses['413'] = { description: 'The body is larger than this API accepts' };
  }
  if (path.length > 0 && !responses['404']) {
    responses['404'] = { description: `Nothing found for this ${path.map((p) => p.name).join(' / ')}` };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (!/^[45]\d\d$/.test(status) || response.content) {
      continue;
    }
    response.description ||= TITLES[status] ?? 'Error';
    response.content = {
      [PROBLEM_JSON]: {
        schema: { $ref: getSchemaPath(ProblemDetailsView) },
        example: {
          type: 'about:blank',
          title: TITLES[status] ?? 'Error',
          status: Number(status),
          detail: response.description,
        },
      },
    };
  }
}

/**
 * PATCH /stores/{id}/settings takes the settings of the store's channel: one of the registered channels' settings
 * classes (each documented field by field), as a partial that is deep-merged into the current settings.
 */
function describeChannelSettings(document: OpenAPIObject, adapters: ReturnType<ChannelRegistry['list']>): void {
  const operation = Object.values(document.paths)
    .map((item) => item.patch)
    .find((op) => op?.operationId === 'StoreController_updateSettings');
  if (!operation || adapters.length === 0) {
    return;
  }
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  const examples: Record<string, ExampleObject> = {};
  for (const adapter of adapters) {
    const ref = getSchemaPath(adapter.settingsClass);
    examples[adapter.key] = {
      summary: `A ${adapter.name} store (every field; send only those to change)`,
      value: exampleOf({ $ref: ref }, schemas, 0),
    };
  }
  const channels = adapters.map((a) => `${a.name} (\`${a.key}\`): \`${a.settingsClass.name}\``).join('; ');
  operation.requestBody = {
    required: true,
    description:
      `A partial settings object of the store's channel — ${channels}. Send only the fields to change: the patch is ` +
      'deep-merged into the current settings (objects merge field by field, arrays and values replace), and the result ' +
      'is validated as a whole; unknown fields answer 400.',
    content: {
      'application/json': {
        schema: { oneOf: adapters.map((a) => ({ $ref: getSchemaPath(a.settingsClass) })) },
        examples,
      },
    },
  } satisfies RequestBodyObject;
}

/**
 * Gives every JSON success answer an example, composed from its schema's property examples (each response class
 * documents one per field). Request examples are written per route: a valid request cannot be composed field by field.
 */
function addResponseExamples(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  for (const operation of operationsOf(document)) {
    for (const [status, response] of Object.entries(operation.responses as Record<string, ResponseObject>)) {
      const media: MediaTypeObject | undefined = response.content?.['application/json'];
      if (/^2\d\d$/.test(status) && media?.schema && media.example === undefined && media.examples === undefined) {
        media.example = exampleOf(media.schema, schemas, 0);
      }
    }
  }
}

const FORMAT_EXAMPLES: Record<string, unknown> = {
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  'date-time': '2026-07-01T09:30:00.000Z',
  date: '2026-07-01',
  email: 'ops@example.com',
  uri: 'https://example.com/',
};

/** An example of a schema: its own example, else its properties' examples, defaults or a plausible value by type. */
export function exampleOf(schema: SchemaObject | ReferenceObject, schemas: Record<string, SchemaObject>, depth: number): unknown {
  if ('$ref' in schema) {
    const target = schemas[schema.$ref.replace('#/components/schemas/', '')];
    return target && depth < 8 ? exampleOf(target, schemas, depth + 1) : {};
  }
  if (schema.example !== undefined) {
    return schema.example;
  }
  if (schema.default !== undefined) {
    return schema.default;
  }
  if (schema.enum && schema.enum.length > 0) {
    return schema.enum[0];
  }
  const alternative = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema.allOf?.[0];
  if (alternative) {
    return exampleOf(alternative, schemas, depth + 1);
  }
  if (schema.type === 'array') {
    return schema.items ? [exampleOf(schema.items, schemas, depth + 1)] : [];
  }
  if (schema.type === 'object' || schema.properties) {
    const value: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      value[name] = exampleOf(property, schemas, depth + 1);
    }
    return value;
  }
  if (schema.format && FORMAT_EXAMPLES[schema.format] !== undefined) {
    return FORMAT_EXAMPLES[schema.format];
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return schema.minimum ?? 1;
  }
  return schema.type === 'boolean' ? true : 'string';
}
