import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { actorOfPrincipal } from './audit-actor';
import { AuditContext } from './audit-context';

/** What the core reads of a request: the principal the app's guard put on it, and the logger's request id. */
interface AuditedRequest {
  principal?: { keyId?: string; userId?: string; name?: string };
  id?: unknown;
}

/**
 * Runs each HTTP request's handler inside an `AuditContext` naming its principal, so whatever the handler changes is
 * recorded as theirs. Interceptors run after guards: the principal is known by then. Requests without one (public
 * routes) run as the system.
 */
@Injectable()
export class AuditActorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const actor = actorOfPrincipal(request.principal);
    if (!actor) {
      return next.handle();
    }
    const id = request.id;
    const requestId = typeof id === 'string' || typeof id === 'number' ? String(id) : null;
    // The handler runs when the observable is subscribed to: subscribe inside the context so it runs in it.
    return new Observable((subscriber) => AuditContext.run({ actor, requestId }, () => next.handle().subscribe(subscriber)));
  }
}
