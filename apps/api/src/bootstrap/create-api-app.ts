import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@gantry/core';
import cookieParser from 'cookie-parser';
import { raw, type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { markNonJsonBodies } from '../http/non-json-body.middleware';
import { ApiValidationPipe } from '../http/validation.pipe';
import { PlatformMetricsService } from '../metrics/platform-metrics.service';
import { SessionMiddlewareProvider } from '../sessions/session-middleware.provider';
import { mountBullBoard } from './bull-board';
import { mountApiDocs } from './openapi';
import { mountAdmin } from './admin-static';
import { mountSecurity } from './security-headers';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application (not listening yet); shared by main.ts and the e2e tests. */
export async function createApiApp(root: DynamicModule, options: { logger?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(root, {
    rawBody: true,
    bufferLogs: true,
    abortOnError: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  if (options.logger !== false) {
    app.useLogger(app.get(Logger));
  }
  const config = app.get(AppConfig);
  app.disable('x-powered-by');
  // Whose X-Forwarded-For names the client (req.ip, counted by the per-address sign-in limit): TRUST_PROXY, loopback
  // by default. Never every peer: a client could then choose its address and dodge the limit.
  app.set('trust proxy', config.trustProxy);
  // First, so that every answer carries the security headers and CORS decisions, errors from the body parsers included.
  mountSecurity(app, config);
  // The admin's static files first: they need no body parser, cookie or session (which would cost a database read
  // per asset for a signed-in browser).
  mountAdmin(app);
  // Webhooks first, with their own limit: Shopify's largest orders run to several MB, far above the API's. Kept raw
  // (HMAC covers the bytes); the general parsers then skip these requests.
  app.use(
    `/${API_PREFIX}/webhooks`,
    raw({
      type: () => true,
      limit: config.WEBHOOK_BODY_LIMIT,
      verify: (req, _res, buf) => {
        (req as Request & { rawBody?: Buffer }).rawBody = buf;
      },
    }),
  );
  // Not strict: a JSON scalar is parsed, so that a route answers it with "Send a JSON object" rather than "malformed".
  app.useBodyParser('json', { limit: config.BODY_LIMIT, strict: false });
  app.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  // Nest would turn body-parser failures into a bare 400; answer them here with the problem they are.
  const problems = new ProblemDetailsFilter();
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && type.startsWith('entity.')) {
      problems.respond(res, error);
      return;
    }
    next(error);
  });
  // A body that is not JSON (a form, text) is never validated as if it were: routes answer it "Send a JSON object".
  app.use(`/${API_PREFIX}`, (req: Request, res: Response, next: NextFunction) =>
    req.path.startsWith('/webhooks') ? next() : markNonJsonBodies(req, res, next),
  );
  app.use(cookieParser());
  // The admin's sessions (cookie gantry_session, stored in PostgreSQL); loaded only for requests that carry the cookie.
  app.use(app.get(SessionMiddlewareProvider).handler);
  app.use(app.get(PlatformMetricsService).httpMiddleware);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
  app.useGlobalPipes(new ApiValidationPipe());
  app.useGlobalFilters(problems);
  app.enableShutdownHooks();

  mountApiDocs(app);
  mountBullBoard(app);
  return app;
}
