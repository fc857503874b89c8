import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@gantry/core';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';

export const ADMIN_PATH = '/admin';

/**
 * Serves the built admin at /admin from the API's own origin, so the session cookie and its CSRF token need no CORS.
 * Hashed assets are cached for a year; index.html never (a deploy must reach open tabs). Any other path under /admin
 * is a page of the single-page app and gets index.html. Without a build, /admin says how to make one.
 */
export function mountAdmin(app: NestExpressApplication): void {
  const dir = resolve(app.get(AppConfig).ADMIN_DIR);
  const index = join(dir, 'index.html');
  app.use(`${ADMIN_PATH}/assets`, precompressed(join(dir, 'assets')));
  app.use(`${ADMIN_PATH}/assets`, serveStatic(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.use(ADMIN_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The admin is not built: run `npm run build` (it writes dist/admin).\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    // The admin talks only to its own origin; it is never framed (clickjacking of its forms).
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    // Every page first asks who is signed in, and the landing page lists the stores: the browser fetches both while it
    // downloads and runs the bundle, and the app's own fetch() takes the preloaded answers (same URL, mode, credentials:
    // as=fetch preloads need `crossorigin` even on one origin, or they are made in no-cors mode and never match).
    const preloads = ['/api/v1/auth/session', ...(/^\/(stores\/?)?$/.test(req.path) ? ['/api/v1/stores'] : [])];
    res.setHeader('Link', preloads.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin=anonymous`).join(', '));
    res.sendFile(index);
  });
}

const ENCODINGS: [encoding: string, suffix: string][] = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

/** The .br or .gz file the build wrote beside an asset, when the browser accepts it (scripts/compress-admin.mjs). */
function precompressed(assets: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const file = join(assets, req.path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !file.startsWith(`${assets}/`) || req.path.includes('..')) {
      next();
      return;
    }
    res.setHeader('Vary', 'Accept-Encoding');
    for (const [encoding, suffix] of ENCODINGS) {
      if (new RegExp(`\\b${encoding}\\b`).test(accepted) && existsSync(file + suffix)) {
        res.setHeader('Content-Encoding', encoding);
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        res.type(extname(file));
        res.sendFile(file + suffix);
        return;
      }
    }
    next();
  };
}
