import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { StoreStatus } from './store-status.enum';

/** A connection of a channel to one external account (e.g. a Shopify shop). */
@Entity('store')
export class Store {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  pluginKey!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  externalAccountId!: string;

  @Column({ type: 'enum', enum: StoreStatus, enumName: 'store_status', default: StoreStatus.CONNECTED })
  status!: StoreStatus;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  settings!: Record<string, unknown>;

  // Never loaded unless asked for: only StoreService reads it, to decrypt.
  @Column({ type: 'text', nullable: true, select: false })
  credentialsEncrypted!: string | null;

  /** The store this one feeds (a wholesale source's order sink), when the channel links two stores. */
  @Column({ type: 'uuid', nullable: true })
  targetStoreId!: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  scopes!: string[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  missingScopes!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  connectedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  disconnectedAt!: Date | null;
}
