import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Current stock of one product in one warehouse; changed only through the stock ledger. */
@Entity('stock_level')
export class StockLevel {
  @PrimaryColumn('uuid')
  warehouseId!: string;

  @PrimaryColumn('uuid')
  productId!: string;

  @Column({ type: 'int' })
  onHand!: number;

  @Column({ type: 'int' })
  reserved!: number;

  // Incremented by every change; carried on stock.changed events so consumers can order them.
  @Column({ type: 'bigint' })
  version!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
