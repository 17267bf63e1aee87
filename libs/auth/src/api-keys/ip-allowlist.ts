import { BlockList, isIP } from 'node:net';

/** IPv4-mapped IPv6 (::ffff:1.2.3.4) is the IPv4 address it carries. */
export function normalizeIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1] : ip;
}

/** Why an allowlist entry is not an IP or CIDR range, or null when it is. */
export function allowlistEntryError(entry: string): string | null {
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return `${entry} is not an IP address or CIDR range`;
  if (bits === undefined) return null;
  const prefix = Number(bits);
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && prefix <= max ? null : `${entry} has a prefix length outside 0..${max}`;
}

/** True when `ip` is one of the entries (addresses or CIDR ranges); an empty list allows every IP. */
export function ipAllowed(entries: string[], ip: string): boolean {
  if (entries.length === 0) return true;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  const candidate = normalizeIp(ip);
  return list.check(candidate, isIP(candidate) === 6 ? 'ipv6' : 'ipv4');
}
