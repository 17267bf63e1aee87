import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { blockedAddressReason } from './blocked-addresses';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (injectable so tests can play DNS rebinding). */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: HostLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** A webhook URL that may not be used; `reason` is safe to show to the tenant. `malformed`: not a URL at all. */
export class UnsafeWebhookUrlError extends Error {
  constructor(
    readonly reason: string,
    readonly malformed = false,
  ) {
    super(reason);
  }
}

/** A URL checked for sending, with the one address the connection must use. */
export interface WebhookTarget {
  url: URL;
  /** Host name without IPv6 brackets. */
  host: string;
  address: ResolvedAddress;
}

export interface TargetPolicy {
  /** WEBHOOKS_ALLOW_PRIVATE: private addresses and plain http are accepted. */
  allowPrivate: boolean;
  lookup?: HostLookup;
}

function parse(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeWebhookUrlError('the URL is not valid', true);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeWebhookUrlError('only http and https URLs are accepted');
  if (url.username || url.password) throw new UnsafeWebhookUrlError('the URL may not carry a user name or password');
  if (!url.hostname) throw new UnsafeWebhookUrlError('the URL has no host');
  return url;
}

/**
 * Resolves a webhook URL and checks every address it resolves to. Unless private addresses are allowed,
 * loopback, private, link-local (metadata), CGNAT, multicast and reserved addresses are refused, and only
 * https is accepted. Used at save and again before each send; the sender then connects to
 * `address` only, so a DNS answer that changes between check and connect (rebinding) cannot redirect it.
 */
export async function resolveWebhookTarget(raw: string, policy: TargetPolicy): Promise<WebhookTarget> {
  const url = parse(raw);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: ResolvedAddress[];
  const literal = isIP(host);
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (policy.lookup ?? systemLookup)(host);
    } catch {
      addresses = [];
    }
    if (!addresses.length) throw new UnsafeWebhookUrlError(`the host ${host} does not resolve`);
  }
  if (!policy.allowPrivate) {
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason) throw new UnsafeWebhookUrlError(literal ? `${host} is ${reason}` : `${host} resolves to ${address}, ${reason}`);
    }
    if (url.protocol !== 'https:') throw new UnsafeWebhookUrlError('only https URLs are accepted');
  }
  return { url, host, address: addresses[0] };
}
