import { isShopDomain, normaliseShopDomain, shopDomainProblem } from './shop-domain';

describe('shop domain (as the API checks it)', () => {
  it.each([
    ['my-shop', 'my-shop.myshopify.com'],
    ['My-Shop.myshopify.com', 'my-shop.myshopify.com'],
    ['  my-shop.myshopify.com/ ', 'my-shop.myshopify.com'],
    ['https://my-shop.myshopify.com/admin', 'my-shop.myshopify.com'],
    ['https://admin.shopify.com/store/my-shop/products/1', 'my-shop.myshopify.com'],
    ['admin.shopify.com/store/my-shop', 'my-shop.myshopify.com'],
  ])('accepts %p', (input, expected) => {
    expect(normaliseShopDomain(input)).toBe(expected);
    expect(shopDomainProblem(input)).toBeNull();
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
    'https://admin.shopify.com/store/../x',
  ])('refuses %p', (input) => {
    expect(normaliseShopDomain(input)).toBeNull();
    expect(shopDomainProblem(input)).toBe('Enter a shop name, your-store.myshopify.com or a Shopify admin URL');
  });

  it('asks for a domain when the field is empty, and refuses one too long', () => {
    expect(shopDomainProblem('   ')).toBe('Enter the shop domain, e.g. your-store.myshopify.com');
    expect(shopDomainProblem(`${'a'.repeat(301)}`)).toBe('A shop domain has at most 300 characters');
  });

  it('recognises exactly {name}.myshopify.com', () => {
    expect(isShopDomain('shop.myshopify.com')).toBe(true);
    expect(isShopDomain('x.shop.myshopify.com')).toBe(false);
    expect(isShopDomain('.myshopify.com')).toBe(false);
  });
});
