import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditActor } from './audit-actor';

/** What a change is made on behalf of: its actor and the request that asked for it. */
export interface AuditScope {
  actor: AuditActor;
  requestId: string | null;
}

const storage = new AsyncLocalStorage<AuditScope>();

/**
 * Carries the actor from where a request is authenticated to the services that change things, without every service
 * signature taking one: an HTTP interceptor (or a CLI command) runs the work inside `run`, `AuditService` reads `current`.
 */
export class AuditContext {
  static run<T>(scope: AuditScope, work: () => T): T {
    return storage.run(scope, work);
  }

  static current(): AuditScope | undefined {
    return storage.getStore();
  }
}
