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

/** Bull Board at /queues, for admins only: a Bearer key, a signed-in admin (changes with the CSRF token), or the gantry_key cookie (reading only). */
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
      .authenticate(req)
      .then((principal) => {
        if (!roleSatisfies(principal.role, Role.ADMIN)) {
          throw new DomainException(DomainErrorCode.FORBIDDEN, 'The queue board is for admins');
        }
        next();
      })
      .catch((error: unknown) => filter.respond(res, error));
  };
  app.use('/queues', adminOnly, adapter.getRouter());
}
