import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Where a page of stock levels ends: the key of its last row in the listing's order (warehouse id, product id). */
export interface StockLevelKey {
  warehouseId: string;
  productId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = 'v1';

/** The opaque cursor handed to clients: base64url of `v1:<warehouseId>:<productId>`. */
export function encodeStockLevelCursor(key: StockLevelKey): string {
  return Buffer.from(`${VERSION}:${key.warehouseId}:${key.productId}`, 'utf8').toString('base64url');
}

/** The key inside a cursor, or null when the text is not a cursor this API issued. */
export function decodeStockLevelCursor(cursor: string): StockLevelKey | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) {
    return null;
  }
  const [version, warehouseId, productId, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (version !== VERSION || rest.length > 0 || !warehouseId || !productId || !UUID.test(warehouseId) || !UUID.test(productId)) {
    return null;
  }
  return { warehouseId, productId };
}

/** class-validator: the value is a cursor from a previous page of GET /stock/levels. */
export function IsStockLevelCursor(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'isStockLevelCursor',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be the X-Next-Cursor value of a previous page, unchanged', ...options },
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && decodeStockLevelCursor(value) !== null,
      },
    });
  };
}
