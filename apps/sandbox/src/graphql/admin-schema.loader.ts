import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/** One built Admin schema plus Shopify's published access requirements for its types and fields. */
export interface AdminSchema {
  version: string;
  schema: GraphQLSchema;
  // "Type" or "Type.field" → any-of scope list, with Shopify's human text.
  access: Map<string, { scopes: string[]; text: string }>;
}

interface RawSchemaFile {
  data: IntrospectionQuery;
  offline_scopes?: {
    items: { type: string; typeName: string; fieldName?: string; requiredAccess: string; offlineScopes: string[] }[];
  };
}

// Built once per process and version: the introspection file is several megabytes.
const cache = new Map<string, AdminSchema | null>();

export class AdminSchemaLoader {
  static schemaDir(): string {
    if (process.env.SANDBOX_SCHEMA_DIR) {
      return process.env.SANDBOX_SCHEMA_DIR;
    }
    let dir = __dirname;
    for (;;) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'gantry') {
        return join(dir, '.cache', 'shopify');
      }
      const parent = dirname(dir);
      if (parent === dir) {
        throw new Error('Cannot find the gantry repository root to load the Shopify schema');
      }
      dir = parent;
    }
  }

  /** Returns null when no schema for that version is available (the API answers 404). */
  static load(version: string): AdminSchema | null {
    if (cache.has(version)) {
      return cache.get(version) ?? null;
    }
    if (!/^\d{4}-\d{2}$|^unstable$/.test(version)) {
      return null;
    }
    const file = join(AdminSchemaLoader.schemaDir(), `admin_${version}.json.gz`);
    if (!existsSync(file)) {
      cache.set(version, null);
      return null;
    }
    const raw = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as RawSchemaFile;
    const access = new Map<string, { scopes: string[]; text: string }>();
    for (const item of raw.offline_scopes?.items ?? []) {
      if (item.offlineScopes.length === 0) {
        continue;
      }
      const key = item.type === 'type' ? item.typeName : `${item.typeName}.${item.fieldName ?? ''}`;
      access.set(key, { scopes: item.offlineScopes, text: item.requiredAccess });
    }
    const loaded: AdminSchema = { version, schema: buildClientSchema(raw.data), access };
    cache.set(version, loaded);
    return loaded;
  }
}
