import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ReturnStatus } from './return-status.enum';

export interface ReturnLineRecord {
  sku: string;
  productId: string;
  quantity: number;
  receivedQuantity: number;
  restockedQuantity: number;
  orderLineId: string | null;
  externalLineId: string | null;
}

/** Goods coming back from a customer; receiving with restock books a receipt. */
@Entity('customer_return')
export class CustomerReturn {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  orderId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  storeId!: string | null;

  @Column({ type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'enum', enum: ReturnStatus, enumName: 'return_status', default: ReturnStatus.OPEN })
  status!: ReturnStatus;

  @Column({ type: 'jsonb' })
  lines!: ReturnLineRecord[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
