import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StockLevelView } from './dtos/stock-level.view';

@Injectable()
export class StockLevelService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(filter: { warehouseId?: string; sku?: string }): Promise<StockLevelView[]> {
    const rows: StockLevelView[] = await this.dataSource.query(
      `SELECT p.sku, s.warehouse_id AS "warehouseId", s.on_hand AS "onHand", s.reserved, s.on_hand - s.reserved AS available
         FROM stock_level s JOIN product p ON p.id = s.product_id
        WHERE ($1::uuid IS NULL OR s.warehouse_id = $1) AND ($2::text IS NULL OR p.sku = $2)
        ORDER BY p.sku, s.warehouse_id
        LIMIT 5000`,
      [filter.warehouseId ?? null, filter.sku ?? null],
    );
    return rows;
  }
}
