import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditActorKind } from './audit-actor';

/** One change made by a person, a key or the system: who, when, what, and the target before and after (secrets redacted). */
@Entity('audit_entry')
export class AuditEntry {
  // A bigint identity: its order is the log's order, and the key its pages continue from.
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  actorKind!: AuditActorKind;

  @Column({ type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  actorLabel!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  targetType!: string;

  @Column({ type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  storeId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;
}
