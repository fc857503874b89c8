import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { OrderLine } from './order-line.entity';
import { OrderStatus } from './order-status.enum';

/** An order to ship from one warehouse; channel-aware (store + external id) when a channel sent it. */
@Entity('outbound_order')
export class OutboundOrder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  storeId!: string | null;

  // The channel's own id (a Shopify GID for Shopify); unique per store, warehouse and shipping process (one channel
  // order may become one warehouse order per destination).
  @Column({ type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ type: 'text', nullable: true })
  externalNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid', nullable: true })
  shippingProcessId!: string | null;

  @Column({ type: 'enum', enum: OrderStatus, enumName: 'order_status', default: OrderStatus.OPEN })
  status!: OrderStatus;

  // Why the order is held (needs_attention) or was held when it had already shipped or been cancelled.
  @Column({ type: 'text', nullable: true })
  holdReason!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  shippingAddress!: Record<string, unknown> | null;

  // When its personal fields (the shipping address) were redacted on a privacy request; null: never.
  @Column({ type: 'timestamptz', nullable: true })
  redactedAt!: Date | null;

  // The channel's allocations (Shopify fulfillment orders) this order covers.
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  channelAllocationIds!: string[];

  @OneToMany(() => OrderLine, (line) => line.order, { cascade: ['insert'] })
  lines!: Relation<OrderLine>[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
