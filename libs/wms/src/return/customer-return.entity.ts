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
  /** The channel's reason for this line (a channel return's lines only). */
  reason?: string | null;
}

/** Goods coming back from a customer (a channel's return carries its store and external id); receiving with restock books a receipt. */
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

  // The channel's name for the return (e.g. #1001-R1), for people.
  @Column({ type: 'text', nullable: true })
  externalName!: string | null;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'enum', enum: ReturnStatus, enumName: 'return_status', default: ReturnStatus.OPEN })
  status!: ReturnStatus;

  // Why the return needs attention; null when it does not.
  @Column({ type: 'text', nullable: true })
  holdReason!: string | null;

  // The channel puts restocked units back in its own stock: their receipt is the store's own effect, not sent to it.
  @Column({ type: 'boolean', default: false })
  channelRestocks!: boolean;

  @Column({ type: 'jsonb' })
  lines!: ReturnLineRecord[];

  // When the customer's words on it were redacted on a privacy request; null: never.
  @Column({ type: 'timestamptz', nullable: true })
  redactedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
