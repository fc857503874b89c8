import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig, Role } from '@gantry/core';
import { AppModule } from './app.module';
import { ApiKeyService } from './auth/api-key.service';
import { runMigrations } from './database/migration-runner';

const USAGE = `Usage:
  npm run migrate
  npm run cli -- migrate
  npm run cli -- api-key create --role <admin|integration_manager|operator|viewer> --name <name>
  npm run cli -- api-key list
  npm run cli -- api-key revoke <id>`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function withApiKeys<T>(run: (keys: ApiKeyService) => Promise<T>): Promise<T> {
  const context = await NestFactory.createApplicationContext(AppModule.forRole({ api: false, worker: false }), { logger: ['error'] });
  try {
    return await run(context.get(ApiKeyService));
  } finally {
    await context.close();
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
    const { key, record } = await withApiKeys((keys) => keys.create(name, role));
    process.stdout.write(`Created ${role} key "${name}" (id ${record.id}). It is shown once; store it now:\n${key}\n`);
    return 0;
  }
  if (command === 'api-key' && sub === 'list') {
    const list = await withApiKeys((keys) => keys.list());
    for (const k of list) {
      process.stdout.write(`${k.id}  ${k.role.padEnd(19)} ${k.name}${k.revokedAt ? '  (revoked)' : ''}\n`);
    }
    return 0;
  }
  const revokeId = args[2];
  if (command === 'api-key' && sub === 'revoke' && revokeId) {
    const revoked = await withApiKeys((keys) => keys.revoke(revokeId));
    process.stdout.write(revoked ? 'Revoked.\n' : 'No active key with that id.\n');
    return revoked ? 0 : 1;
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
