import type { ApiKey } from './api-key.entity';
import type { ApiKeyResponse } from './dtos/api-key.response';

/** An API key as the API answers it: never its hash. */
export function toApiKeyView(key: ApiKey): ApiKeyResponse {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  };
}
