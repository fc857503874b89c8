import { nonJsonMediaType } from './non-json-body.middleware';

describe('nonJsonMediaType', () => {
  it('is null for a request without a body, whatever its content type', () => {
    expect(nonJsonMediaType({})).toBeNull();
    expect(nonJsonMediaType({ 'content-length': '0', 'content-type': 'text/plain' })).toBeNull();
  });

  it('is null for JSON, with or without parameters', () => {
    expect(nonJsonMediaType({ 'content-length': '2', 'content-type': 'application/json' })).toBeNull();
    expect(nonJsonMediaType({ 'content-length': '2', 'content-type': 'Application/JSON; charset=utf-8' })).toBeNull();
  });

  it('names the media type of a body that is not JSON, chunked or not', () => {
    expect(nonJsonMediaType({ 'content-length': '9', 'content-type': 'application/x-www-form-urlencoded' })).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(nonJsonMediaType({ 'transfer-encoding': 'chunked', 'content-type': 'text/plain; charset=utf-8' })).toBe('text/plain');
    expect(nonJsonMediaType({ 'content-length': '3' })).toBe('none');
  });
});
