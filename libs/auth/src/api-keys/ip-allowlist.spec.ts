import { allowlistEntryError, ipAllowed, normalizeIp } from './ip-allowlist';

describe('API key IP allowlist', () => {
  it('allows everything when empty', () => {
    expect(ipAllowed([], '203.0.113.9')).toBe(true);
  });

  it('matches single addresses and CIDR ranges, IPv4-mapped IPv6 included', () => {
    const list = ['203.0.113.7', '198.51.100.0/24', '2001:db8::/32'];
    expect(ipAllowed(list, '203.0.113.7')).toBe(true);
    expect(ipAllowed(list, '::ffff:198.51.100.42')).toBe(true);
    expect(ipAllowed(list, '2001:db8::1')).toBe(true);
    expect(ipAllowed(list, '203.0.113.8')).toBe(false);
    expect(ipAllowed(list, '127.0.0.1')).toBe(false);
    expect(normalizeIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
  });

  it('explains entries that are not addresses or ranges', () => {
    expect(allowlistEntryError('10.0.0.0/8')).toBeNull();
    expect(allowlistEntryError('::1')).toBeNull();
    expect(allowlistEntryError('10.0.0.0/33')).toMatch(/prefix/);
    expect(allowlistEntryError('999.1.1.1')).toMatch(/not an IP/);
    expect(allowlistEntryError('1.2.3.4/8/9')).toMatch(/not an IP/);
  });
});
