import { requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  it('ignores key order but not values, method or URL', () => {
    const a = requestFingerprint('POST', '/api/v1/x', { a: 1, b: { c: [1, 2], d: 'x' } });
    expect(requestFingerprint('post', '/api/v1/x', { b: { d: 'x', c: [1, 2] }, a: 1 })).toBe(a);
    expect(requestFingerprint('POST', '/api/v1/x', { a: 2, b: { c: [1, 2], d: 'x' } })).not.toBe(a);
    expect(requestFingerprint('POST', '/api/v1/x', { a: 1, b: { c: [2, 1], d: 'x' } })).not.toBe(a);
    expect(requestFingerprint('PATCH', '/api/v1/x', { a: 1, b: { c: [1, 2], d: 'x' } })).not.toBe(a);
    expect(requestFingerprint('POST', '/api/v1/y', { a: 1, b: { c: [1, 2], d: 'x' } })).not.toBe(a);
    expect(requestFingerprint('POST', '/api/v1/x', undefined)).toBe(requestFingerprint('POST', '/api/v1/x', null));
  });
});
