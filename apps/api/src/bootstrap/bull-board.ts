import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bull';
import type { INestApplication } from '@nestjs/common';
import { DomainErrorCode, DomainException, QueueName, Role, roleSatisfies } from '@gantry/core';
import type { Queue } from 'bull';
import type { NextFunction, Request, Response } from 'express';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { CsrfToken } from '../sessions/csrf-token';

/**
 * Bull Board at /queues, for admins only: a Bearer key, a signed-in admin, or the gantry_key cookie. The board's own
 * page cannot send our CSRF token, so its buttons (retry, clean, pause) are let through for a session or the cookie key
 * only when the browser marks the request same-origin (Sec-Fetch-Site); a page on another site is refused.
 */
export function mountBullBoard(app: INestApplication): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath('/queues');
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullAdapter(app.get<Queue>(getQueueToken(name), { strict: false }))),
    serverAdapter: adapter,
  });
  const guard = app.get(ApiKeyGuard);
  const filter = new ProblemDetailsFilter();
  const adminOnly = (req: Request, res: Response, next: NextFunction): void => {
    guard
      .authenticate(req, { sameOriginWrites: true })
      .then((principal) => {
        if (!roleSatisfies(principal.role, Role.ADMIN)) {
          throw new DomainException(DomainErrorCode.FORBIDDEN, 'The queue board is for admins');
        }
        next();
      })
      .catch((error: unknown) => filter.respond(res, boardRefusal(req, error)));
  };
  app.use('/queues', adminOnly, adapter.getRouter());
}

/** A button refused for want of the CSRF token the board cannot send: say what does work instead. */
function boardRefusal(req: Request, error: unknown): unknown {
  const csrf = error instanceof DomainException && error.code === DomainErrorCode.FORBIDDEN && CsrfToken.needed(req.method);
  if (!csrf || CsrfToken.fromSameOrigin(req.headers)) {
    return error;
  }
  return new DomainException(
    DomainErrorCode.FORBIDDEN,
    "The queue board's buttons need the browser to mark the request same-origin (Sec-Fetch-Site, sent over https or to localhost); otherwise use a Bearer key",
  );
}
