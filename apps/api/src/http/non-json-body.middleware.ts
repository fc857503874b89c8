import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * Put in place of a request body sent as something other than JSON (a form, text, XML...): the validation pipe answers
 * it with "Send a JSON object", never with the field errors its parsed form would get.
 */
export class NonJsonBody {
  constructor(readonly mediaType: string) {}
}

/** The media type of a request that carries a body which is not JSON; null when it carries none, or JSON. */
export function nonJsonMediaType(headers: IncomingHttpHeaders): string | null {
  const length = headers['content-length'];
  const hasBody = headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) {
    return null;
  }
  const mediaType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' ? null : mediaType || 'none';
}

/** Express middleware, after the body parsers: marks a body that is not JSON (see NonJsonBody). */
export function markNonJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  const mediaType = nonJsonMediaType(req.headers);
  if (mediaType !== null) {
    req.body = new NonJsonBody(mediaType);
  }
  next();
}
