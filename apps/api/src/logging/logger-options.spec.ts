import { Writable } from 'node:stream';
import { loadAppConfig } from '@gantry/core';
import pino from 'pino';
import { loggerOptions } from './logger-options';

function capture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { stream, lines };
}

describe('logger options', () => {
  const options = loggerOptions(loadAppConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info' }));
  const http = options.pinoHttp as {
    redact: pino.LoggerOptions['redact'];
    serializers: { req: (req: { method: string; url: string; id: unknown }) => unknown };
  };

  it('never prints credentials found in headers, bodies or config', () => {
    const { stream, lines } = capture();
    const logger = pino({ redact: http.redact }, stream);
    logger.info(
      {
        req: { headers: { authorization: 'Bearer gk_live_secret', 'x-shopify-access-token': 'shpat_secret', cookie: 'gantry_nonce=abc' } },
        store: { accessToken: 'shpat_other', refreshToken: 'shprt_x', credentials: { token: 'nested' } },
        config: { ENCRYPTION_KEY: 'key-material', DATABASE_URL: 'postgres://u:p@h/db' },
      },
      'request',
    );
    const out = lines.join('');
    for (const secret of ['gk_live_secret', 'shpat_secret', 'gantry_nonce', 'shpat_other', 'shprt_x', 'nested', 'key-material', 'u:p@h']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });

  it('strips OAuth codes, hmacs and states from logged URLs', () => {
    const serialized = http.serializers.req({
      id: 1,
      method: 'GET',
      url: '/api/v1/auth/shopify/callback?code=abc&hmac=def&shop=s.myshopify.com&state=ghi',
    });
    expect(serialized).toEqual({
      id: 1,
      method: 'GET',
      url: '/api/v1/auth/shopify/callback?code=[redacted]&hmac=[redacted]&shop=s.myshopify.com&state=[redacted]',
    });
  });
});
