import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { OutboundOrder } from './outbound-order.entity';

@Entity('order_line')
export class OrderLine {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @ManyToOne(() => OutboundOrder, (order) => order.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order!: Relation<OutboundOrder>;

  // null: the channel's SKU has no product here yet; such a line reserves nothing and cannot ship.
  @Column({ type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ type: 'text' })
  sku!: string;

  // 0 for a line the channel removed: the row stays for tracking.
  @Column({ type: 'int' })
  quantity!: number;

  @Column({ type: 'int', default: 0 })
  shippedQuantity!: number;

  // Still held for this line; released on shipment or cancellation.
  @Column({ type: 'int', default: 0 })
  reservedQuantity!: number;

  @Column({ type: 'text', nullable: true })
  externalLineId!: string | null;

  // Why the line cannot be fulfilled as it is (e.g. no product with its SKU); null when it can.
  @Column({ type: 'text', nullable: true })
  problem!: string | null;
}
