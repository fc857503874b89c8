import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBase64,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { IsTrustProxy, parseTrustProxy, type TrustProxy } from './trust-proxy';

export const APP_ROLES = ['all', 'api', 'worker'] as const;
export type AppRole = (typeof APP_ROLES)[number];
export const NODE_ENVS = ['production', 'development', 'test', 'demo'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

// An origin as browsers send it: scheme, host, optional port; no path, no trailing slash, no wildcard.
const ORIGIN = String.raw`https?://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?`;
const CORS_ORIGINS_PATTERN = new RegExp(String.raw`^\s*${ORIGIN}\s*(?:,\s*${ORIGIN}\s*)*$`);

// Only used when NODE_ENV is test or demo, where no real credentials are stored.
const INSECURE_DEV_KEY = Buffer.alloc(32, 7).toString('base64');
const INSECURE_DEV_SESSION_SECRET = 'gantry-insecure-session-secret-for-test-and-demo-only';

/** Every environment variable the application reads, validated once at boot. */
export class AppConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'production';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/gantry';

  // Connections each process may hold (TypeORM's pg pool); PostgreSQL's max_connections must cover every process's.
  @Transform(({ value }: { value: unknown }) => Number(value))
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number of connections (1–500)' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be a whole number of connections (1–500)' })
  @Max(500, { message: 'DATABASE_POOL_SIZE must be a whole number of connections (1–500)' })
  DATABASE_POOL_SIZE = 20;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false })
  REDIS_URL = 'redis://127.0.0.1:6379/0';

  // Key prefix for every Redis key we write (Bull queues included); tests give each worker its own.
  @Matches(/^[a-z0-9_-]{1,40}$/i)
  REDIS_PREFIX = 'gantry';

  @Transform(({ value }: { value: unknown }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  // The interface the API listens on: every one by default (containers); the demo passes 127.0.0.1.
  @Matches(/^[A-Za-z0-9.:-]+$/, { message: 'HOST must be an address or host name to listen on (e.g. 127.0.0.1, 0.0.0.0, ::)' })
  HOST = '0.0.0.0';

  // The proxies whose X-Forwarded-For is believed (Express's `trust proxy`): req.ip, which the per-address sign-in
  // limit counts, is read through them. Behind a balancer on another host, name its range or hop count; otherwise
  // every user counts as the balancer's one address.
  @IsTrustProxy()
  TRUST_PROXY = 'loopback';

  @IsIn(APP_ROLES)
  APP_ROLE: AppRole = 'all';

  @IsUrl({ require_tld: false, require_protocol: true })
  APP_URL = 'http://localhost:3000';

  // Browser origins allowed to call the API cross-origin (with credentials): exact origins, comma-separated. Unset, CORS
  // stays closed: the admin is served from the API's own origin and needs none.
  @IsOptional()
  @Matches(CORS_ORIGINS_PATTERN, {
    message: 'CORS_ORIGINS must be exact origins separated by commas, e.g. https://admin.example.com,http://localhost:5173 (no path, no *)',
  })
  CORS_ORIGINS?: string;

  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.NODE_ENV === 'development' || c.ENCRYPTION_KEY !== undefined)
  @IsBase64(undefined, { message: 'ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)' })
  ENCRYPTION_KEY?: string;

  // Keys ENCRYPTION_KEY held before a rotation: still read (each stored value names its key), never written with. Kept
  // until `npm run cli -- credentials re-encrypt` has moved every value to ENCRYPTION_KEY.
  @IsOptional()
  @Matches(/^\s*[A-Za-z0-9+/]{43}=\s*(?:,\s*[A-Za-z0-9+/]{43}=\s*)*$/, {
    message: 'ENCRYPTION_KEYS_PREVIOUS must be former ENCRYPTION_KEY values (32 bytes, base64 each), separated by commas',
  })
  ENCRYPTION_KEYS_PREVIOUS?: string;

  // Signs the admin's session cookie; a fixed value is used only when NODE_ENV is test or demo.
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.NODE_ENV === 'development' || c.SESSION_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters (openssl rand -base64 32)' })
  SESSION_SECRET?: string;

  @IsOptional()
  @IsString()
  SHOPIFY_API_KEY?: string;

  @IsOptional()
  @IsString()
  SHOPIFY_API_SECRET?: string;

  @Matches(/^\d{4}-\d{2}$|^unstable$/, { message: 'SHOPIFY_API_VERSION must look like 2026-07' })
  SHOPIFY_API_VERSION = '2026-07';

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  SHOPIFY_SANDBOX_URL?: string;

  // Expiring offline tokens (1 h, with a rotating refresh token): required for public apps from 2027 (research §5.2).
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? !['0', 'false', 'no'].includes(value.toLowerCase()) : value))
  @IsBoolean()
  SHOPIFY_EXPIRING_TOKENS = true;

  @IsOptional()
  @Matches(/^gk_[A-Za-z0-9_-]{20,}$/, { message: 'BOOTSTRAP_ADMIN_KEY must look like gk_ followed by at least 20 characters' })
  BOOTSTRAP_ADMIN_KEY?: string;

  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false })
  SMTP_URL?: string;

  // The sender of alert mails (e.g. failed wholesale exports).
  @IsString()
  MAIL_FROM = 'Gantry <alerts@gantry.invalid>';

  // JOOR's v2 API base; the demo and tests point it at the sandbox (http://127.0.0.1:4100/joor/v2).
  @IsUrl({ require_tld: false, require_protocol: true })
  JOOR_API_URL = 'https://api.jooraccess.com/v2';

  // Minutes between reconciliations of every connected store's orders (0: only on demand, POST /stores/:id/order-import).
  @Transform(({ value }: { value: unknown }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(1440)
  ORDER_RECONCILE_MINUTES = 15;

  // Days raw webhook bodies and sync-run item details are kept before the hourly retention job prunes them.
  @Transform(({ value }: { value: unknown }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(3650)
  RETENTION_DAYS = 30;

  // Who is told when a customer data request's export is ready (comma-separated e-mail addresses; unset: nobody).
  @IsOptional()
  @Matches(/^\s*[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+\s*(?:,\s*[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+\s*)*$/, {
    message: 'PRIVACY_ALERT_EMAILS must be e-mail addresses separated by commas',
  })
  PRIVACY_ALERT_EMAILS?: string;

  // Largest webhook body accepted (Shopify's biggest orders run to several MB); larger ones answer 413.
  @Matches(/^\d+(kb|mb)$/)
  WEBHOOK_BODY_LIMIT = '20mb';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  // The built admin (vite build → dist/admin), served at /admin; relative paths are taken from the working directory.
  @IsString()
  @MinLength(1)
  ADMIN_DIR = 'dist/admin';

  // Largest JSON body accepted by the API; larger ones answer 413.
  @Matches(/^\d+(kb|mb)$/)
  BODY_LIMIT = '1mb';

  get encryptionKey(): Buffer {
    return Buffer.from(this.ENCRYPTION_KEY ?? INSECURE_DEV_KEY, 'base64');
  }

  /** ENCRYPTION_KEYS_PREVIOUS as keys (empty when unset). */
  get previousEncryptionKeys(): Buffer[] {
    return (this.ENCRYPTION_KEYS_PREVIOUS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key.length > 0)
      .map((key) => Buffer.from(key, 'base64'));
  }

  get sessionSecret(): string {
    return this.SESSION_SECRET ?? INSECURE_DEV_SESSION_SECRET;
  }

  /** CORS_ORIGINS as a list (empty: CORS closed). Browsers send origins in lower case, scheme and host alike. */
  get corsOrigins(): string[] {
    return (this.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().toLowerCase())
      .filter((origin) => origin.length > 0);
  }

  /** PRIVACY_ALERT_EMAILS as a list (empty when unset). */
  get privacyAlertEmails(): string[] {
    return (this.PRIVACY_ALERT_EMAILS ?? '')
      .split(',')
      .map((address) => address.trim())
      .filter((address) => address.length > 0);
  }

  /** TRUST_PROXY as Express's `trust proxy` takes it (validated at boot, so never null here). */
  get trustProxy(): TrustProxy {
    return parseTrustProxy(this.TRUST_PROXY) ?? ['loopback'];
  }

  get runsApi(): boolean {
    return this.APP_ROLE !== 'worker';
  }

  get runsWorker(): boolean {
    return this.APP_ROLE !== 'api';
  }
}

/** Names of variables that hold secrets: never logged. */
export const SECRET_ENV_KEYS = [
  'DATABASE_URL',
  'REDIS_URL',
  'ENCRYPTION_KEY',
  'ENCRYPTION_KEYS_PREVIOUS',
  'SESSION_SECRET',
  'SHOPIFY_API_SECRET',
  'BOOTSTRAP_ADMIN_KEY',
  'SMTP_URL',
];

export class ConfigValidationError extends Error {}

/** Validates the environment; throws one error naming every bad variable (never its value). */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const provided: Record<string, string> = {};
  for (const key of [
    ...known,
    'ENCRYPTION_KEY',
    'ENCRYPTION_KEYS_PREVIOUS',
    'SESSION_SECRET',
    'SHOPIFY_API_KEY',
    'SHOPIFY_API_SECRET',
    'SHOPIFY_SANDBOX_URL',
    'BOOTSTRAP_ADMIN_KEY',
    'SMTP_URL',
    'CORS_ORIGINS',
    'PRIVACY_ALERT_EMAILS',
  ]) {
    const value = env[key];
    if (value !== undefined && value !== '') {
      provided[key] = value;
    }
  }
  const config = plainToInstance(AppConfig, provided);
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  - ${e.property}: ${[...new Set(Object.values(e.constraints ?? {}))].join('; ')}`);
    throw new ConfigValidationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
