/** Who made a change: a person signed in to the admin, an API key, or the system itself (a schedule, the CLI, a webhook). */
export type AuditActorKind = 'user' | 'api_key' | 'system';

export const AUDIT_ACTOR_KINDS: readonly AuditActorKind[] = ['user', 'api_key', 'system'];

export interface AuditActor {
  kind: AuditActorKind;
  /** The person's or key's id; null for the system. */
  id: string | null;
  /** The person's e-mail or the key's name, as it was when the change was made. */
  label: string;
}

export const SYSTEM_ACTOR: AuditActor = { kind: 'system', id: null, label: 'system' };

/**
 * The actor of a request's principal, as any app's guard puts it on the request (`principal`: a key id or a user id, and
 * a name): the core reads this shape and no app type.
 */
export function actorOfPrincipal(principal: { keyId?: string; userId?: string; name?: string } | undefined): AuditActor | null {
  if (principal?.userId) {
    return { kind: 'user', id: principal.userId, label: principal.name ?? principal.userId };
  }
  if (principal?.keyId) {
    return { kind: 'api_key', id: principal.keyId, label: principal.name ?? principal.keyId };
  }
  return null;
}
