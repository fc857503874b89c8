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

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  sku!: string;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ type: 'int', default: 0 })
  shippedQuantity!: number;

  // Still held for this line; released on shipment or cancellation.
  @Column({ type: 'int', default: 0 })
  reservedQuantity!: number;

  @Column({ type: 'text', nullable: true })
  externalLineId!: string | null;
}
