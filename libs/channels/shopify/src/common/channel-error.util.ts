import { ChannelAdapterException, ChannelErrorCode, DomainErrorCode, DomainException } from '@gantry/core';

/** Runs a live call for an HTTP request: channel failures become problems the API answers with, not 500s. */
export async function asDomainErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ChannelAdapterException)) {
      throw error;
    }
    if (error.code === ChannelErrorCode.AUTH_REVOKED) {
      throw DomainException.conflict(`Shopify refused the store's access: connect it again (${error.message})`);
    }
    if (error.code === ChannelErrorCode.INVALID_DATA || error.code === ChannelErrorCode.NOT_FOUND) {
      throw DomainException.invalid(error.message);
    }
    throw new DomainException(DomainErrorCode.UNAVAILABLE, `Shopify is unavailable: ${error.message}`);
  }
}
