import type { AppConfig } from '@gantry/core';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';

/** Paths pino must never print: credentials in headers, bodies and config. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-shopify-access-token"]',
  'req.headers["x-shopify-hmac-sha256"]',
  'res.headers["set-cookie"]',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.password',
  '*.secret',
  '*.apiSecret',
  '*.credentials',
  '*.ENCRYPTION_KEY',
  '*.ENCRYPTION_KEYS_PREVIOUS',
  '*.SESSION_SECRET',
  '*.SHOPIFY_API_SECRET',
  '*.DATABASE_URL',
  '*.REDIS_URL',
  '*.BOOTSTRAP_ADMIN_KEY',
];

export function loggerOptions(config: AppConfig): Params {
  return {
    // Named wildcard: the library's default '*' makes Nest 11 warn about legacy route syntax at every boot.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    // Webhook deliveries are recorded in their inbox, one row each: a request logger per delivery only costs at 1,000/s
    // (errors are still logged, without the request's context).
    exclude: [{ path: 'webhooks/*path', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Webhook deliveries are recorded in their inbox, one row each; a log line per delivery only costs at 1,000/s.
      autoLogging: {
        ignore: (req) => req.url === '/health' || req.url === '/metrics' || req.url?.startsWith('/api/v1/webhooks/') === true,
      },
      customProps: () => ({ role: config.APP_ROLE }),
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({
          id: req.id,
          method: req.method,
          url: req.url.replace(/([?&](?:code|hmac|state|key)=)[^&]*/g, '$1[redacted]'),
        }),
      },
    },
  };
}
