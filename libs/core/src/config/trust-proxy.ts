import { isIP } from 'node:net';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** What Express's `trust proxy` is given: a hop count, or the addresses, ranges and names of trusted proxies. */
export type TrustProxy = number | string[];

/** The names Express (proxy-addr) knows for address ranges. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_HOPS = 10;

/**
 * TRUST_PROXY as Express takes it, or null when it is not one of the accepted forms: a hop count (1–10), or
 * addresses, CIDR ranges and the names loopback, linklocal, uniquelocal separated by commas. `true` (and anything else
 * that trusts every peer) is not accepted: X-Forwarded-For would then be whatever the client writes, and so would
 * the address that per-address rate limits count.
 */
export function parseTrustProxy(value: string): TrustProxy | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed);
    return hops >= 1 && hops <= MAX_HOPS ? hops : null;
  }
  const entries = trimmed.split(',').map((entry) => entry.trim());
  return entries.every(isTrustedProxyEntry)
    ? entries.map((entry) => (RANGE_NAMES.includes(entry.toLowerCase()) ? entry.toLowerCase() : entry))
    : null;
}

function isTrustedProxyEntry(entry: string): boolean {
  if (RANGE_NAMES.includes(entry.toLowerCase())) {
    return true;
  }
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) {
    return false;
  }
  if (prefix === undefined) {
    return true;
  }
  // No /0: it would trust every peer, as `true` does (and Express refuses it).
  return /^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128);
}

const FORMS =
  'loopback (the default), a hop count (1–10), or addresses, CIDR ranges and loopback/linklocal/uniquelocal separated by commas';

/** Validates TRUST_PROXY with parseTrustProxy; refuses `true` with the reason. */
export function IsTrustProxy(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isTrustProxy',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseTrustProxy(value) !== null,
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'string' && ['true', '*', 'all'].includes(args.value.trim().toLowerCase())
            ? `TRUST_PROXY=true is refused: it trusts X-Forwarded-For from any client, so anyone could choose the address that sign-in limits count; give the balancer's address range or hop count instead (${FORMS})`
            : `TRUST_PROXY must be ${FORMS}`,
      },
    });
  };
}
