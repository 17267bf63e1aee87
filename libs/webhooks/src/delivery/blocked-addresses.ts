import { BlockList, isIP } from 'node:net';

type Rule = [reason: string, ranges: Array<[network: string, prefix: number]>];

const IPV4_RULES: Rule[] = [
  ['a loopback address', [['127.0.0.0', 8]]],
  ['a private address', [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]]],
  ['a link-local address (cloud metadata lives there)', [['169.254.0.0', 16]]],
  ['a carrier-grade NAT address', [['100.64.0.0', 10]]],
  ['a "this network" address', [['0.0.0.0', 8]]],
  ['a multicast address', [['224.0.0.0', 4]]],
  ['a reserved address', [['240.0.0.0', 4], ['192.0.0.0', 24], ['198.18.0.0', 15], ['192.88.99.0', 24]]],
  ['a documentation address', [['192.0.2.0', 24], ['198.51.100.0', 24], ['203.0.113.0', 24]]],
];

const IPV6_RULES: Rule[] = [
  ['a loopback or unspecified address', [['::', 96]]],
  ['a private address', [['fc00::', 7]]],
  ['a link-local address', [['fe80::', 10]]],
  ['a site-local address', [['fec0::', 10]]],
  ['a multicast address', [['ff00::', 8]]],
  ['a documentation address', [['2001:db8::', 32]]],
  ['a discard-only address', [['100::', 64]]],
  ['a 6to4 address', [['2002::', 16]]],
  ['a reserved address', [['2001::', 23]]],
];

function compile(rules: Rule[], family: 'ipv4' | 'ipv6'): Array<{ reason: string; list: BlockList }> {
  return rules.map(([reason, ranges]) => {
    const list = new BlockList();
    for (const [network, prefix] of ranges) list.addSubnet(network, prefix, family);
    return { reason, list };
  });
}

const V4 = compile(IPV4_RULES, 'ipv4');
const V6 = compile(IPV6_RULES, 'ipv6');

/** The 16-bit groups of an IPv6 address (handles `::` and a trailing dotted IPv4 part). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0];
  const last = text.slice(text.lastIndexOf(':') + 1);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(last)) {
    const [a, b, c, d] = last.split('.').map(Number);
    text = text.slice(0, -last.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === null ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16));
}

/** The IPv4 address an IPv6 address carries when it is IPv4-mapped (::ffff:0:0/96) or NAT64 (64:ff9b::/96). */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !nat64) return null;
  return [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff].join('.');
}

/**
 * Why a webhook may not be sent to this IP address (loopback, private, link-local, CGNAT, multicast,
 * reserved...), or null when it is a public address. IPv4 addresses embedded in IPv6 are checked as IPv4.
 */
export function blockedAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return V4.find((rule) => rule.list.check(address, 'ipv4'))?.reason ?? null;
  if (family !== 6) return 'not an IP address';
  const inner = embeddedIpv4(address);
  if (inner) {
    const reason = blockedAddressReason(inner);
    return reason ? `${reason} (IPv4 inside IPv6)` : null;
  }
  return V6.find((rule) => rule.list.check(address, 'ipv6'))?.reason ?? null;
}
