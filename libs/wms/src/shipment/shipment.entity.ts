import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface ParcelRecord {
  trackingNumber: string;
  trackingUrl: string | null;
}

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

  /** The first parcel's tracking (kept for readers of one number); `parcels` has them all. */
  @Column({ type: 'text' })
  trackingNumber!: string;

  @Column({ type: 'text', nullable: true })
  trackingUrl!: string | null;

  @Column({ type: 'jsonb' })
  parcels!: ParcelRecord[];

  @Column({ type: 'jsonb' })
  lines!: ShipmentLineRecord[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
