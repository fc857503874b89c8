import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The outcome of one item of a sync run (a product mapped, a stock level refused, …). */
@Entity('sync_run_item')
export class SyncRunItem {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  syncRunId!: string;

  @Column({ type: 'text', nullable: true })
  externalRef!: string | null;

  @Column({ type: 'text', nullable: true })
  sku!: string | null;

  /** Free-form per kind (mapped, created, skipped, ok, failed); `failed` makes the run partial. */
  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
