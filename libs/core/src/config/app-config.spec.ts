import { ConfigValidationError, loadAppConfig } from './app-config';

const KEY = Buffer.alloc(32, 1).toString('base64');
const SESSION_SECRET = 's'.repeat(32);

describe('loadAppConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadAppConfig({ SESSION_SECRET, ENCRYPTION_KEY: KEY });
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/gantry',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      DATABASE_POOL_SIZE: 20,
      PORT: 3000,
      APP_ROLE: 'all',
      SHOPIFY_API_VERSION: '2026-07',
    });
    expect(config.runsApi && config.runsWorker).toBe(true);
    expect(config.encryptionKey).toHaveLength(32);
  });

  it('names every bad variable in one message and never prints a value', () => {
    let error: unknown;
    try {
      loadAppConfig({ PORT: 'eighty', APP_ROLE: 'both', ENCRYPTION_KEY: 'c2VjcmV0LXZhbHVl', DATABASE_URL: 'mysql://secret-host/db' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'APP_ROLE', 'ENCRYPTION_KEY', 'DATABASE_URL']) {
      expect(message).toContain(`- ${name}:`);
    }
    expect(message).not.toContain('c2VjcmV0LXZhbHVl');
    expect(message).not.toContain('secret-host');
  });

  it('takes the pool size per process as a whole number from 1 to 500', () => {
    expect(loadAppConfig({ SESSION_SECRET, ENCRYPTION_KEY: KEY, DATABASE_POOL_SIZE: '15' }).DATABASE_POOL_SIZE).toBe(15);
    for (const bad of ['0', '501', '2.5', 'many']) {
      expect(() => loadAppConfig({ SESSION_SECRET, ENCRYPTION_KEY: KEY, DATABASE_POOL_SIZE: bad })).toThrow(
        /DATABASE_POOL_SIZE must be a whole number of connections/,
      );
    }
  });

  it('requires ENCRYPTION_KEY in production but not in test or demo', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEY/);
    expect(loadAppConfig({ NODE_ENV: 'demo' }).encryptionKey).toHaveLength(32);
  });

  it('reads ENCRYPTION_KEYS_PREVIOUS as a list of 32-byte keys, and names it when one is not', () => {
    const old = [Buffer.alloc(32, 2), Buffer.alloc(32, 3)];
    const config = loadAppConfig({
      SESSION_SECRET,
      ENCRYPTION_KEY: KEY,
      ENCRYPTION_KEYS_PREVIOUS: ` ${old[0]?.toString('base64')}, ${old[1]?.toString('base64')} `,
    });
    expect(config.previousEncryptionKeys).toEqual(old);
    expect(loadAppConfig({ SESSION_SECRET, ENCRYPTION_KEY: KEY }).previousEncryptionKeys).toEqual([]);
    const tooShort = Buffer.alloc(16, 4).toString('base64');
    for (const bad of [tooShort, `${KEY},${tooShort}`, `${KEY},,${KEY}`, `${KEY};${KEY}`]) {
      let error: unknown;
      try {
        loadAppConfig({ SESSION_SECRET, ENCRYPTION_KEY: KEY, ENCRYPTION_KEYS_PREVIOUS: bad });
      } catch (e) {
        error = e;
      }
      expect((error as Error).message).toMatch(/- ENCRYPTION_KEYS_PREVIOUS: .*32 bytes, base64 each/);
      expect((error as Error).message).not.toContain(KEY);
    }
  });

  it('requires a SESSION_SECRET of 32 characters or more in production but not in test or demo', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production', ENCRYPTION_KEY: KEY })).toThrow(/SESSION_SECRET/);
    expect(() => loadAppConfig({ NODE_ENV: 'production', ENCRYPTION_KEY: KEY, SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(loadAppConfig({ NODE_ENV: 'production', ENCRYPTION_KEY: KEY, SESSION_SECRET }).sessionSecret).toBe(SESSION_SECRET);
    expect(loadAppConfig({ NODE_ENV: 'test' }).sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('picks the role from APP_ROLE', () => {
    const worker = loadAppConfig({ SESSION_SECRET, ENCRYPTION_KEY: KEY, APP_ROLE: 'worker' });
    expect([worker.runsApi, worker.runsWorker]).toEqual([false, true]);
    const api = loadAppConfig({ SESSION_SECRET, ENCRYPTION_KEY: KEY, APP_ROLE: 'api' });
    expect([api.runsApi, api.runsWorker]).toEqual([true, false]);
  });

  it('keeps CORS closed by default and opens it only to the exact origins listed in CORS_ORIGINS', () => {
    expect(loadAppConfig({ SESSION_SECRET, ENCRYPTION_KEY: KEY }).corsOrigins).toEqual([]);
    const open = loadAppConfig({
      SESSION_SECRET,
      ENCRYPTION_KEY: KEY,
      CORS_ORIGINS: 'https://Admin.example.com, http://localhost:5173,http://[::1]:8080',
    });
    expect(open.corsOrigins).toEqual(['https://admin.example.com', 'http://localhost:5173', 'http://[::1]:8080']);
    for (const bad of [
      '*',
      'https://admin.example.com/',
      'admin.example.com',
      'https://a.example.com/path',
      'https://a.example.com,,https://b.example.com',
    ]) {
      expect(() => loadAppConfig({ SESSION_SECRET, ENCRYPTION_KEY: KEY, CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
  });
});

describe('TRUST_PROXY', () => {
  const load = (TRUST_PROXY?: string) =>
    loadAppConfig({ SESSION_SECRET, ENCRYPTION_KEY: KEY, ...(TRUST_PROXY === undefined ? {} : { TRUST_PROXY }) });

  it('trusts proxies on loopback only by default, as before the setting existed', () => {
    expect(load().trustProxy).toEqual(['loopback']);
    expect(load('').trustProxy).toEqual(['loopback']);
  });

  it('takes a hop count as a number, which Express counts from the right of X-Forwarded-For', () => {
    expect(load('1').trustProxy).toBe(1);
    expect(load(' 2 ').trustProxy).toBe(2);
  });

  it('takes addresses, CIDR ranges and the range names as a list', () => {
    expect(load('10.0.0.0/8, 192.168.1.10 ,LinkLocal,uniquelocal').trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
      'linklocal',
      'uniquelocal',
    ]);
    expect(load('fd00::/8,::1,loopback').trustProxy).toEqual(['fd00::/8', '::1', 'loopback']);
  });

  it('refuses true with the reason, naming the forms it accepts', () => {
    for (const trustEveryone of ['true', 'TRUE', '*']) {
      expect(() => load(trustEveryone)).toThrow(/- TRUST_PROXY: TRUST_PROXY=true is refused: it trusts X-Forwarded-For from any client/);
    }
  });

  it('refuses what Express would misread or reject: no hops, too many, bad addresses, bad prefixes, empty entries', () => {
    for (const bad of [
      '0',
      '11',
      '-1',
      '1.5',
      'false',
      'yes',
      '10.0.0',
      '10.0.0.0/33',
      'fd00::/129',
      '0.0.0.0/0',
      '::/0',
      '10.0.0.0/8/8',
      '10.0.0.0/',
      '10.0.0.0/8,,loopback',
      'localhost',
      'loopback;10.0.0.1',
    ]) {
      expect(() => load(bad)).toThrow(
        /- TRUST_PROXY: TRUST_PROXY must be loopback \(the default\), a hop count \(1–10\), or addresses, CIDR ranges/,
      );
    }
  });
});
