import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException } from '@gantry/core';
import { DataSource } from 'typeorm';
import type { StockLevelView } from './dtos/stock-level.view';
import { decodeStockLevelCursor, encodeStockLevelCursor } from './stock-level-cursor';

export interface StockLevelFilter {
  warehouseId?: string;
  sku?: string;
}

/** One page of stock levels, in (warehouse id, product id) order. */
export interface StockLevelPage {
  levels: StockLevelView[];
  /** Every level that matches the filter, on all pages. */
  total: number;
  /** The cursor of the next page; null on the last page. */
  nextCursor: string | null;
}

@Injectable()
export class StockLevelService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Keyset paging on the stock_level primary key, so every page is an index range whatever its depth, and a level
   * appears on exactly one page. The page and the total are read from one snapshot.
   */
  async page(filter: StockLevelFilter, limit: number, cursor?: string): Promise<StockLevelPage> {
    const after = cursor === undefined ? null : decodeStockLevelCursor(cursor);
    if (cursor !== undefined && after === null) {
      throw DomainException.invalid('The request has 1 invalid field', [
        { field: 'cursor', message: 'cursor must be the X-Next-Cursor value of a previous page, unchanged' },
      ]);
    }
    const params = [filter.warehouseId ?? null, filter.sku ?? null];
    const where = `($1::uuid IS NULL OR s.warehouse_id = $1) AND ($2::text IS NULL OR p.sku = $2)`;
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const rows: (StockLevelView & { productId: string })[] = await manager.query(
        `SELECT p.sku, s.warehouse_id AS "warehouseId", s.product_id AS "productId", s.on_hand AS "onHand", s.reserved,
                s.on_hand - s.reserved AS available
           FROM stock_level s JOIN product p ON p.id = s.product_id
          WHERE ${where} AND ($3::uuid IS NULL OR (s.warehouse_id, s.product_id) > ($3::uuid, $4::uuid))
          ORDER BY s.warehouse_id, s.product_id
          LIMIT $5`,
        [...params, after?.warehouseId ?? null, after?.productId ?? null, limit + 1],
      );
      const [{ total }] = await manager.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM stock_level s JOIN product p ON p.id = s.product_id WHERE ${where}`,
        params,
      );
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const last = page[page.length - 1];
      return {
        levels: page.map(({ sku, warehouseId, onHand, reserved, available }) => ({ sku, warehouseId, onHand, reserved, available })),
        total,
        nextCursor: more && last ? encodeStockLevelCursor(last) : null,
      };
    });
  }
}
