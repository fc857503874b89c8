import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig, Role, StoreCredentialsReencryptionService, type ReencryptionReport } from '@gantry/core';
import { AppModule } from './app.module';
import { apiKeyState, expiryFromFlags } from './auth/api-key-state';
import { ApiKeyService } from './auth/api-key.service';
import { runMigrations } from './database/migration-runner';
import { MIN_PASSWORD_LENGTH, UserService } from './users/user.service';

const USAGE = `Usage:
  npm run migrate
  npm run cli -- migrate
  npm run cli -- api-key create --role <admin|integration_manager|operator|viewer> --name <name>
      [--expires-in-days <days> | --expires-at <ISO date>]
  npm run cli -- api-key list
  npm run cli -- api-key revoke <id>
  npm run cli -- user create --email <e-mail> --role <admin|integration_manager|operator|viewer>
      (the password is read from standard input when it is piped; otherwise one is generated and printed once)
  npm run cli -- credentials re-encrypt [--dry-run]
      (every stored credential under the current ENCRYPTION_KEY; exits 1 when some cannot be read)`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function withService<S, T>(type: new (...args: never[]) => S, run: (service: S) => Promise<T>): Promise<T> {
  const context = await NestFactory.createApplicationContext(AppModule.forRole({ api: false, worker: false }), { logger: ['error'] });
  try {
    return await run(context.get(type));
  } finally {
    await context.close();
  }
}

const withApiKeys = <T>(run: (keys: ApiKeyService) => Promise<T>): Promise<T> => withService(ApiKeyService, run);

/**
 * The password piped on standard input (its first line), or null when standard input is a terminal, empty, or sends
 * nothing within a few seconds. Never echoed.
 */
async function passwordFromStdin(): Promise<string | null> {
  if (process.stdin.isTTY) {
    return null;
  }
  const chunks: Buffer[] = [];
  const done = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(chunks.length > 0), 5000);
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => {
      clearTimeout(timer);
      resolve(true);
    });
    process.stdin.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  process.stdin.pause();
  process.stdin.unref?.();
  const line = done ? (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '') : '';
  return line.length > 0 ? line : null;
}

function printReencryption(report: ReencryptionReport, dryRun: boolean): void {
  const lines = [
    `${dryRun ? 'Would re-encrypt' : 'Re-encrypted'}: ${report.reencrypted}`,
    `Already under the current key (${report.currentKeyId}): ${report.alreadyCurrent}`,
    `Failed: ${report.failed.length}`,
    ...report.failed.map((f) => `  store ${f.storeId} (${f.storeName}): ${f.reason}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (report.failed.length > 0) {
    process.stderr.write(
      'Some credentials could not be decrypted: add the key they were written under to ENCRYPTION_KEYS_PREVIOUS and run again, or connect those stores again. Keep the previous keys until this reports no failure.\n',
    );
  }
}

async function main(args: string[]): Promise<number> {
  const config = loadAppConfig();
  const [command, sub] = args;
  if (command === 'migrate') {
    const applied = await runMigrations(config.DATABASE_URL);
    process.stdout.write(
      applied.length
        ? `Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}\n`
        : 'Database is up to date.\n',
    );
    return 0;
  }
  if (command === 'api-key' && sub === 'create') {
    const role = flag(args, 'role') as Role | undefined;
    const name = flag(args, 'name');
    if (!role || !Object.values(Role).includes(role) || !name) {
      process.stderr.write(`api-key create needs --role (${Object.values(Role).join('|')}) and --name\n`);
      return 2;
    }
    const expiry = expiryFromFlags(
      {
        ...(args.includes('--expires-in-days') ? { expiresInDays: flag(args, 'expires-in-days') ?? '' } : {}),
        ...(args.includes('--expires-at') ? { expiresAt: flag(args, 'expires-at') ?? '' } : {}),
      },
      new Date(),
    );
    if (expiry.error !== undefined) {
      process.stderr.write(`${expiry.error}\n`);
      return 2;
    }
    const expiresAt = expiry.expiresAt;
    const { key, record } = await withApiKeys((keys) => keys.create(name, role, expiresAt));
    const expires = expiresAt ? `, expires ${expiresAt.toISOString()}` : '';
    process.stdout.write(`Created ${role} key "${name}" (id ${record.id}${expires}). It is shown once; store it now:\n${key}\n`);
    return 0;
  }
  if (command === 'api-key' && sub === 'list') {
    const list = await withApiKeys((keys) => keys.list());
    for (const k of list) {
      const state = apiKeyState(k, new Date());
      const facts = [
        state === 'active' ? null : state,
        k.expiresAt && state !== 'expired' ? `expires ${k.expiresAt.toISOString()}` : null,
        `last used ${k.lastUsedAt ? k.lastUsedAt.toISOString() : 'never'}`,
      ].filter((f) => f !== null);
      process.stdout.write(`${k.id}  ${k.role.padEnd(19)} ${k.name}  (${facts.join(', ')})\n`);
    }
    return 0;
  }
  const revokeId = args[2];
  if (command === 'api-key' && sub === 'revoke' && revokeId) {
    const revoked = await withApiKeys((keys) => keys.revoke(revokeId));
    process.stdout.write(revoked ? 'Revoked.\n' : 'No active key with that id.\n');
    return revoked ? 0 : 1;
  }
  if (command === 'credentials' && sub === 're-encrypt') {
    const dryRun = args.includes('--dry-run');
    const report = await withService(StoreCredentialsReencryptionService, (service) => service.run({ dryRun }));
    printReencryption(report, dryRun);
    return report.failed.length > 0 ? 1 : 0;
  }
  if (command === 'user' && sub === 'create') {
    const role = flag(args, 'role') as Role | undefined;
    const email = flag(args, 'email');
    if (!role || !Object.values(Role).includes(role) || !email || !email.includes('@')) {
      process.stderr.write(`user create needs --email and --role (${Object.values(Role).join('|')})\n`);
      return 2;
    }
    const given = await passwordFromStdin();
    if (given !== null && given.length < MIN_PASSWORD_LENGTH) {
      process.stderr.write(`The password must have at least ${MIN_PASSWORD_LENGTH} characters\n`);
      return 2;
    }
    const password = given ?? randomBytes(18).toString('base64url');
    const user = await withService(UserService, (users) => users.create(email, role, password));
    process.stdout.write(`Created ${role} user ${user.email} (id ${user.id}).\n`);
    if (given === null) {
      process.stdout.write(`Generated password, shown once; store it now:\n${password}\n`);
    }
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
