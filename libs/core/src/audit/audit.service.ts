import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, type AuditActor, type AuditActorKind } from './audit-actor';
import type { AuditAction, AuditTargetType } from './audit-action';
import { AuditContext } from './audit-context';
import { redactSecrets } from './audit-redaction';

/** A change to record; the actor and request come from the `AuditContext` unless given. */
export interface AuditChange {
  action: AuditAction;
  targetType: AuditTargetType;
  targetId?: string | null;
  storeId?: string | null;
  before?: unknown;
  after?: unknown;
  actor?: AuditActor;
  /** The request that made the change, when `actor` is given (the context's request otherwise). */
  requestId?: string | null;
}

/** One entry as the API shows it. */
export interface AuditEntryView {
  id: string;
  occurredAt: Date;
  actor: { kind: AuditActorKind; id: string | null; label: string };
  action: string;
  targetType: string;
  targetId: string | null;
  storeId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditLogFilter {
  storeId?: string;
  /** An actor's id, or their e-mail or key name (case-insensitive). */
  actor?: string;
  actorKind?: AuditActorKind;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** The `nextCursor` of the previous page: entries older than it. */
  cursor?: string;
  limit?: number;
}

interface EntryRow {
  id: string;
  occurred_at: Date;
  actor_kind: AuditActorKind;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  store_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

/** The audit log: what people and keys changed. Writes go in the change's own transaction; reads are for admins. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records a change. Pass the change's transaction (`manager`) when there is one: a change that rolls back leaves no
   * entry, and a committed one always has its entry. Before and after are stored with every secret redacted.
   */
  async record(manager: EntityManager | null | undefined, change: AuditChange): Promise<void> {
    const scope = AuditContext.current();
    const actor = change.actor ?? scope?.actor ?? SYSTEM_ACTOR;
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO audit_entry (occurred_at, actor_kind, actor_id, actor_label, action, target_type, target_id, store_id, before, after, request_id)
       VALUES (clock_timestamp(), $1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
      [
        actor.kind,
        actor.id,
        actor.label,
        change.action,
        change.targetType,
        change.targetId ?? null,
        change.storeId ?? null,
        toJson(change.before),
        toJson(change.after),
        change.actor ? (change.requestId ?? null) : (scope?.requestId ?? null),
      ],
    );
  }

  /**
   * Who the current work is done for: the request's person or key, the system outside one. For a change finished by a
   * later, unauthenticated request (an OAuth callback), to carry until then.
   */
  currentActor(): AuditActor {
    return AuditContext.current()?.actor ?? SYSTEM_ACTOR;
  }

  /** True when the current work is done for a person or a key (not the system): some changes are only worth an entry then. */
  attributed(): boolean {
    return (AuditContext.current()?.actor.kind ?? 'system') !== 'system';
  }

  /** Entries newest first, `limit` at a time; `nextCursor` continues after the last one (null on the last page). */
  async list(filter: AuditLogFilter): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    // Each filter given adds its condition; `?` stands for its value.
    const conditions: [string, unknown][] = [
      ['store_id = ?', filter.storeId],
      ['(actor_id = ? OR lower(actor_label) = lower(?))', filter.actor],
      ['actor_kind = ?', filter.actorKind],
      ['action = ?', filter.action],
      ['target_type = ?', filter.targetType],
      ['target_id = ?', filter.targetId],
      ['occurred_at >= ?', filter.from],
      ['occurred_at < ?', filter.to],
      ['id < CAST(? AS bigint)', filter.cursor],
    ];
    const params: unknown[] = [];
    const where: string[] = [];
    for (const [sql, value] of conditions) {
      if (value !== undefined && value !== null && value !== '') {
        params.push(value);
        where.push(sql.replaceAll('?', `$${params.length}`));
      }
    }
    params.push(limit + 1);
    const rows = await this.dataSource.query<EntryRow[]>(
      `SELECT id::text AS id, occurred_at, actor_kind, actor_id, actor_label, action, target_type, target_id, store_id, before, after, request_id
         FROM audit_entry ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY audit_entry.id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map(toView);
    return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  }
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(redactSecrets(value));
}

function toView(row: EntryRow): AuditEntryView {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actor: { kind: row.actor_kind, id: row.actor_id, label: row.actor_label },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    storeId: row.store_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
  };
}
