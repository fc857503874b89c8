import { createHmac } from 'node:crypto';
import { OAuthHmac } from './oauth-hmac';

describe('OAuthHmac', () => {
  const params = { shop: 'a.myshopify.com', code: 'abc', timestamp: '1337178173', state: 'x y' };

  it('signs the sorted query string without hmac, as Shopify documents', () => {
    const expected = createHmac('sha256', 'secret').update('code=abc&shop=a.myshopify.com&state=x+y&timestamp=1337178173').digest('hex');
    expect(OAuthHmac.sign({ ...params, hmac: 'ignored' }, 'secret')).toBe(expected);
  });

  it('verifies its own signatures and refuses forged ones', () => {
    const hmac = OAuthHmac.sign(params, 'secret');
    expect(OAuthHmac.verify({ ...params, hmac }, 'secret')).toBe(true);
    expect(OAuthHmac.verify({ ...params, hmac }, 'other')).toBe(false);
    expect(OAuthHmac.verify({ ...params, state: 'changed', hmac }, 'secret')).toBe(false);
  });
});
