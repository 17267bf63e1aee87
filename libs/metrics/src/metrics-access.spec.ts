import { metricsAccess } from './metrics-access';

describe('metricsAccess', () => {
  const token = 'a-metrics-token-0123456789';

  it('with a token, only that bearer token is allowed', () => {
    expect(metricsAccess(token, `Bearer ${token}`, false)).toBe('allowed');
    expect(metricsAccess(token, `bearer ${token}`, true)).toBe('allowed');
    expect(metricsAccess(token, undefined, true)).toBe('unauthorized');
    expect(metricsAccess(token, `Bearer ${token}x`, true)).toBe('unauthorized');
    expect(metricsAccess(token, `Basic ${token}`, true)).toBe('unauthorized');
  });

  it('without a token, the endpoint is open or off as its host decides', () => {
    expect(metricsAccess(null, undefined, true)).toBe('allowed');
    expect(metricsAccess(null, 'Bearer anything', false)).toBe('disabled');
  });
});
