import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SyncRunStatus } from './sync-run-status.enum';

/** One synchronisation: what ran, for which store, when, how it ended, and item counts by outcome. */
@Entity('sync_run')
export class SyncRun {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  storeId!: string | null;

  /** e.g. product-sync, stock-push, order-import. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'enum', enum: SyncRunStatus, enumName: 'sync_run_status', default: SyncRunStatus.RUNNING })
  status!: SyncRunStatus;

  /** manual, schedule, webhook, event. */
  @Column({ type: 'text', default: 'manual' })
  trigger!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  counts!: Record<string, number>;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
