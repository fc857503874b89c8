import { getHmac } from '@shopify/shopify-api/test-helpers';
import { WebhookSignature } from './webhook-signature';

describe('WebhookSignature', () => {
  it('matches the HMAC the Shopify library computes for a webhook body', () => {
    const body = '{"id":9007199254740993}';
    expect(WebhookSignature.sign(body, 'secret')).toBe(getHmac(body, 'secret'));
  });
});
