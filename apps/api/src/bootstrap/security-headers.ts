import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@gantry/core';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import helmet from 'helmet';

/**
 * helmet on every response: the JSON API, /docs, /queues and /admin. Its CSP is the strictest that the pages we serve
 * still work under: Swagger UI (/docs) and Bull Board (/queues) load their scripts from files (no inline script), but
 * style themselves inline and Bull Board takes its fonts from Google; images may be data: URIs. /admin's index.html
 * sets its own, stricter CSP (admin-static.ts), which replaces this one. Nothing of ours is ever framed.
 */
export function securityHeaders(config: AppConfig) {
  const https = config.APP_URL.startsWith('https:');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'frame-ancestors': ["'none'"],
        // Upgrading only makes sense where the site is served over https; over plain http (the demo, a private
        // network) it would send the pages' own assets to a port that does not speak TLS.
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    // HSTS pins browsers to https for a year: only when the public URL is https, or an http deployment becomes unreachable.
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false } : false,
  });
}

/**
 * CORS closed by default: no Access-Control-Allow-Origin for anyone (the admin shares the API's origin). With
 * CORS_ORIGINS, exactly those origins may call with credentials (the session cookie); any other gets no CORS headers.
 */
export function corsOptions(config: AppConfig): CorsOptions {
  const allowed = new Set(config.corsOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin.toLowerCase())),
    credentials: true,
    allowedHeaders: ['Authorization', 'Content-Type', 'X-CSRF-Token'],
    exposedHeaders: ['Retry-After', 'X-Next-Cursor', 'X-Total-Count'],
    maxAge: 600,
  };
}

export function mountSecurity(app: NestExpressApplication, config: AppConfig): void {
  app.use(securityHeaders(config));
  app.enableCors(corsOptions(config));
}
