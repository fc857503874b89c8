import { isShopDomain, normaliseShopDomain } from './shop-domain';

describe('normaliseShopDomain', () => {
  it.each([
    ['my-shop', 'my-shop.myshopify.com'],
    ['My-Shop.myshopify.com', 'my-shop.myshopify.com'],
    ['  my-shop.myshopify.com/ ', 'my-shop.myshopify.com'],
    ['https://my-shop.myshopify.com/admin', 'my-shop.myshopify.com'],
    ['https://admin.shopify.com/store/my-shop/products/1', 'my-shop.myshopify.com'],
    ['admin.shopify.com/store/my-shop', 'my-shop.myshopify.com'],
  ])('accepts %p', (input, expected) => {
    expect(normaliseShopDomain(input)).toBe(expected);
  });

  it.each([
    'evil.com',
    'shop.myshopify.com.evil.com',
    'https://evil.com/store/x',
    'https://shop.myshopify.com@evil.com',
    'https://shop.myshopify.com:8443',
    'a b',
    'a.b.myshopify.com',
    'ftp://shop.myshopify.com',
    '',
    42,
    null,
    'https://admin.shopify.com/store/../x',
  ])('refuses %p', (input) => {
    expect(normaliseShopDomain(input)).toBeNull();
  });

  it('recognises exactly {name}.myshopify.com', () => {
    expect(isShopDomain('shop.myshopify.com')).toBe(true);
    expect(isShopDomain('x.shop.myshopify.com')).toBe(false);
    expect(isShopDomain('.myshopify.com')).toBe(false);
  });
});
