import { spawn } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  ChannelAdapterHostModule,
  CredentialCipher,
  Store,
  StoreCredentialsReencryptionService,
  StoreConnectionService,
  StoreService,
} from '@gantry/core';
import { FakeChannelAdapter, makeStore, startTestApp, type TestApp } from '@gantry/testing';
import { AppModule } from '../src/app.module';

const ROOT = join(__dirname, '..', '..', '..');
const [A, B, C] = [randomBytes(32), randomBytes(32), randomBytes(32)];
const b64 = (key: Buffer): string => key.toString('base64');

/** A value in the format the cipher wrote before key ids (v1), under `key`. */
function v1(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
}

/** The process's keys, as a restart with new settings would read them. */
function useKeys(current: Buffer, previous: Buffer[] = []): Record<string, string> {
  process.env.ENCRYPTION_KEY = b64(current);
  if (previous.length > 0) {
    process.env.ENCRYPTION_KEYS_PREVIOUS = previous.map(b64).join(',');
  } else {
    delete process.env.ENCRYPTION_KEYS_PREVIOUS;
  }
  return { ENCRYPTION_KEY: b64(current), ENCRYPTION_KEYS_PREVIOUS: previous.map(b64).join(',') };
}

const cli = (args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--require', join(ROOT, 'test', 'support', 'ts-require-hook.cjs'), join(ROOT, 'apps', 'api', 'src', 'cli.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

describe('rotating ENCRYPTION_KEY: npm run cli -- credentials re-encrypt', () => {
  const saved = { key: process.env.ENCRYPTION_KEY, previous: process.env.ENCRYPTION_KEYS_PREVIOUS };
  const tokens = new Map<string, string>();
  let t: TestApp;
  let lostId: string;
  let lostValue: string;
  let disconnectedId: string;

  /** A restarted process (no HTTP) with the fake channel, under the keys set now. */
  const restarted = (): Promise<INestApplicationContext> =>
    NestFactory.createApplicationContext(
      AppModule.forRole({ api: false, worker: false, imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] }),
      { logger: false },
    );
  const stored = async (id: string): Promise<string | null> => {
    const rows = await t.dataSource.query<{ credentials_encrypted: string | null }[]>(
      `SELECT credentials_encrypted FROM store WHERE id = $1`,
      [id],
    );
    return rows[0]?.credentials_encrypted ?? null;
  };

  beforeAll(async () => {
    useKeys(A);
    t = await startTestApp({ imports: [ChannelAdapterHostModule.register(FakeChannelAdapter)] });
    // Three stores written under A, one in the v1 format under A (written before key ids), one under a key nobody has,
    // one disconnected (no credentials).
    for (let i = 0; i < 3; i++) {
      const token = `tok_a_${i}_${randomBytes(4).toString('hex')}`;
      tokens.set((await makeStore(t, { credentials: { accessToken: token } })).id, token);
    }
    const legacy = await makeStore(t);
    await t.dataSource.query(`UPDATE store SET credentials_encrypted = $1 WHERE id = $2`, [
      v1(A, JSON.stringify({ accessToken: 'tok_legacy' }), legacy.id),
      legacy.id,
    ]);
    tokens.set(legacy.id, 'tok_legacy');
    const lost = await makeStore(t);
    lostId = lost.id;
    lostValue = new CredentialCipher(C).encryptJson({ accessToken: 'tok_lost' }, lost.id);
    await t.dataSource.query(`UPDATE store SET credentials_encrypted = $1 WHERE id = $2`, [lostValue, lost.id]);
    disconnectedId = (await t.app.get(StoreConnectionService).disconnect((await makeStore(t)).id)).id;
  });

  afterAll(async () => {
    await t.close();
    for (const [name, value] of [
      ['ENCRYPTION_KEY', saved.key],
      ['ENCRYPTION_KEYS_PREVIOUS', saved.previous],
    ] as const) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  });

  it('reads old values after the rotation, moves them to the new key, reports the unreadable one, and works without the old key', async () => {
    const kidA = new CredentialCipher(A).currentKeyId;
    const kidB = new CredentialCipher(B).currentKeyId;
    const [firstId = '', , , legacyId] = [...tokens.keys()];
    for (const id of tokens.keys()) {
      expect(await stored(id)).toMatch(id === legacyId ? /^v1:/ : new RegExp(`^v2:${kidA}:`));
    }

    // 1. Rotate: B is current, A previous. The app reads everything it could read before; new writes go under B.
    const rotatedEnv = useKeys(B, [A]);
    let context = await restarted();
    try {
      const stores = context.get(StoreService);
      for (const [id, token] of tokens) {
        expect((await stores.contextFor(id)).credentials).toEqual({ accessToken: token });
      }
      await expect(stores.contextFor(lostId)).rejects.toThrow(
        new RegExp(`neither ENCRYPTION_KEY \\(${kidB}\\) nor in ENCRYPTION_KEYS_PREVIOUS`),
      );
      // A dry run, in batches of two, counts without writing.
      const batches: number[] = [];
      const dry = await context
        .get(StoreCredentialsReencryptionService)
        .run({ dryRun: true, batchSize: 2, onBatch: (r) => batches.push(r.reencrypted + r.alreadyCurrent + r.failed.length) });
      expect(dry).toMatchObject({ currentKeyId: kidB, reencrypted: 4, alreadyCurrent: 0 });
      expect(dry.failed).toEqual([expect.objectContaining({ storeId: lostId, reason: expect.stringMatching(/neither ENCRYPTION_KEY/) })]);
      expect(batches).toEqual([2, 4, 5]);
      expect(await stored(firstId)).toMatch(new RegExp(`^v2:${kidA}:`));
    } finally {
      await context.close();
    }

    // 2. Re-encrypt: every readable value moves to B; the unreadable one is reported (exit 1) and left as it was.
    const run = await cli(['credentials', 're-encrypt'], rotatedEnv);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Re-encrypted: 4\n');
    expect(run.stdout).toContain(`Already under the current key (${kidB}): 0\n`);
    expect(run.stdout).toContain('Failed: 1\n');
    expect(run.stdout).toMatch(
      new RegExp(`store ${lostId} \\(.+\\): Stored credentials are encrypted under key [0-9a-f]{8}, which is neither`),
    );
    expect(run.stderr).toMatch(/ENCRYPTION_KEYS_PREVIOUS/);
    for (const id of tokens.keys()) {
      expect(await stored(id)).toMatch(new RegExp(`^v2:${kidB}:`));
    }
    expect(await stored(lostId)).toBe(lostValue);
    expect(await stored(disconnectedId)).toBeNull();

    // Again: nothing left to move.
    const again = await cli(['credentials', 're-encrypt'], rotatedEnv);
    expect(again.stdout).toContain('Re-encrypted: 0\n');
    expect(again.stdout).toContain(`Already under the current key (${kidB}): 4\n`);
    expect(again.code).toBe(1);

    // 3. Drop A: everything re-encrypted still reads; the lost row is still there, unchanged, for its key to be found.
    useKeys(B);
    context = await restarted();
    try {
      const stores = context.get(StoreService);
      for (const [id, token] of tokens) {
        expect((await stores.contextFor(id)).credentials).toEqual({ accessToken: token });
      }
      expect(await stored(lostId)).toBe(lostValue);
    } finally {
      await context.close();
    }

    // 4. With C found and added as a previous key, the last one moves too and the command succeeds.
    const found = await cli(['credentials', 're-encrypt'], useKeys(B, [C]));
    expect({ code: found.code, failed: /Failed: (\d+)/.exec(found.stdout)?.[1] }).toEqual({ code: 0, failed: '0' });
    expect(found.stdout).toContain('Re-encrypted: 1\n');
    expect(await stored(lostId)).toMatch(new RegExp(`^v2:${kidB}:`));
  }, 120_000);

  it('never overwrites credentials refreshed while it runs: the row is read again and found current', async () => {
    // Rotate once more: D current, B (everything's key now) previous.
    const D = randomBytes(32);
    useKeys(D, [B]);
    const context = await restarted();
    try {
      const [refreshedId = ''] = [...tokens.keys()];
      const stores = context.get(StoreService);
      const connections = context.get(StoreConnectionService);
      const repository = context.get<Repository<Store>>(getRepositoryToken(Store));
      const query = repository.query.bind(repository);
      let refreshed = false;
      // A token refresh lands between the command's read of the row and its write.
      jest.spyOn(repository, 'query').mockImplementation(async (sql: string, parameters?: unknown[]) => {
        if (!refreshed && sql.startsWith('UPDATE store SET credentials_encrypted') && parameters?.[1] === refreshedId) {
          refreshed = true;
          await connections.rotateCredentials(refreshedId, { accessToken: 'tok_refreshed' });
        }
        return query(sql, parameters);
      });
      const report = await context.get(StoreCredentialsReencryptionService).run();
      expect(refreshed).toBe(true);
      // Five stores hold credentials (the four above and the one recovered with C): four moved, the refreshed one current.
      expect(report).toMatchObject({ reencrypted: 4, alreadyCurrent: 1, failed: [] });
      expect((await stores.contextFor(refreshedId)).credentials).toEqual({ accessToken: 'tok_refreshed' });
    } finally {
      await context.close();
    }
  });
});
