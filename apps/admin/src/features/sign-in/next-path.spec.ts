import { nextPath } from './next-path';

describe('nextPath', () => {
  it('goes back to the admin page that was asked for', () => {
    expect(nextPath('/admin/stores/6e7f8a9b')).toBe('/stores/6e7f8a9b');
    expect(nextPath('/admin/activity?storeId=1')).toBe('/activity?storeId=1');
  });

  it('never leaves the admin', () => {
    expect(nextPath('https://evil.example/admin/x')).toBe('/stores');
    expect(nextPath('//evil.example/admin/x')).toBe('/stores');
    expect(nextPath('/admin//evil.example')).toBe('/stores');
    expect(nextPath('/admin/\\evil.example')).toBe('/stores');
    expect(nextPath('/api/v1/stores')).toBe('/stores');
  });

  it('does not loop back to the sign-in page', () => {
    expect(nextPath('/admin/sign-in?next=x')).toBe('/stores');
    expect(nextPath('/admin/')).toBe('/stores');
    expect(nextPath(null)).toBe('/stores');
  });
});
