import { ChannelAdapterException, ChannelErrorCode, type ChannelCredentials } from '@gantry/core';

/** What a JOOR store keeps (encrypted by the core): the static API token JOOR support issues. */
export interface JoorCredentials {
  apiToken: string;
}

/** The token of a store's credentials; AUTH_REVOKED when there is none (the store must be connected again). */
export function joorTokenOf(credentials: ChannelCredentials): string {
  const token = credentials.apiToken;
  if (typeof token !== 'string' || token === '') {
    throw new ChannelAdapterException(ChannelErrorCode.AUTH_REVOKED, 'The store holds no JOOR API token: connect it again');
  }
  return token;
}
