import Module from 'node:module';
import path from 'node:path';

const LIBS: Record<string, string> = {
  '@gantry/core': 'libs/core/src/index.ts',
  '@gantry/wms': 'libs/wms/src/index.ts',
  '@gantry/shopify': 'libs/channels/shopify/src/index.ts',
  '@gantry/joor-b2b': 'libs/channels/joor-b2b/src/index.ts',
};

type Resolve = (request: string, ...rest: unknown[]) => string;

/**
 * Jest's global setup runs outside its module mapper: this resolves the `@gantry/*` lib aliases (as tsconfig.json
 * maps them) for code that setup loads, e.g. the migrations every lib exports.
 */
export function registerLibAliases(): void {
  const loader = Module as unknown as { _resolveFilename: Resolve };
  const original = loader._resolveFilename;
  const root = path.resolve(__dirname, '../..');
  loader._resolveFilename = function resolve(this: unknown, request: string, ...rest: unknown[]): string {
    const target = LIBS[request];
    return original.call(this, target ? path.join(root, target) : request, ...rest);
  };
}
