import type { AppConfig } from '@gantry/core';

/** How long one JOOR call may take before it counts as failed (TEMPORARY). */
export const JOOR_TIMEOUT_MS = 30_000;

/** Where JOOR is and how long to wait for it: JOOR_API_URL (AppConfig, validated at boot) without a trailing slash. */
export class JoorApiConfig {
  constructor(
    /** The v2 base, e.g. https://api.jooraccess.com/v2 or the sandbox's http://127.0.0.1:4100/joor/v2. */
    readonly baseUrl: string,
    readonly timeoutMs: number = JOOR_TIMEOUT_MS,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  static fromAppConfig(config: AppConfig): JoorApiConfig {
    return new JoorApiConfig(config.JOOR_API_URL);
  }
}
