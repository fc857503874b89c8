import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface ShipmentLineRecord {
  orderLineId: string;
  sku: string;
  quantity: number;
  externalLineId: string | null;
}

@Entity('shipment')
export class Shipment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @Column({ type: 'text' })
  carrier!: string;

  @Column({ type: 'text' })
  trackingNumber!: string;

  @Column({ type: 'text', nullable: true })
  trackingUrl!: string | null;

  @Column({ type: 'jsonb' })
  lines!: ShipmentLineRecord[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
