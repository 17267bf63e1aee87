import { blockedAddressReason } from './blocked-addresses';

describe('blockedAddressReason', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['10.0.0.1', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['169.254.169.254', /link-local.*metadata/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.127.255.255', /carrier-grade NAT/],
    ['0.0.0.0', /this network/],
    ['0.1.2.3', /this network/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['255.255.255.255', /reserved/],
    ['198.18.0.1', /reserved/],
    ['192.0.2.10', /documentation/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fc00::1', /private/],
    ['fd12:3456::1', /private/],
    ['fe80::1', /link-local/],
    ['febf::1', /link-local/],
    ['ff02::1', /multicast/],
    ['2001:db8::1', /documentation/],
    ['::ffff:127.0.0.1', /loopback.*IPv4 inside IPv6/],
    ['::ffff:7f00:1', /loopback.*IPv4 inside IPv6/],
    ['::ffff:10.1.2.3', /private.*IPv4 inside IPv6/],
    ['::ffff:169.254.169.254', /link-local.*IPv4 inside IPv6/],
    ['64:ff9b::a9fe:a9fe', /link-local.*IPv4 inside IPv6/],
    ['::127.0.0.1', /loopback/],
    ['2002:7f00:1::', /6to4/],
  ])('refuses %s', (address, reason) => {
    expect(blockedAddressReason(address)).toMatch(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'accepts the public address %s',
    (address) => {
      expect(blockedAddressReason(address)).toBeNull();
    },
  );

  it('refuses something that is not an IP address', () => {
    expect(blockedAddressReason('example.com')).toBe('not an IP address');
  });
});
