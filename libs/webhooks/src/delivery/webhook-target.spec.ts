import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postPinned } from './pinned-post';
import { type HostLookup, type ResolvedAddress, resolveWebhookTarget, UnsafeWebhookUrlError } from './webhook-target';

const strict = { allowPrivate: false };
const fixedLookup = (...addresses: ResolvedAddress[]): HostLookup => async () => addresses;

async function reason(url: string, policy: { allowPrivate: boolean; lookup?: HostLookup } = strict): Promise<string> {
  try {
    await resolveWebhookTarget(url, policy);
  } catch (error) {
    if (error instanceof UnsafeWebhookUrlError) return error.reason;
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe('resolveWebhookTarget', () => {
  it('refuses what is not http(s) or carries credentials', async () => {
    expect(await reason('not a url')).toBe('the URL is not valid');
    expect(await reason('ftp://example.com/x')).toMatch(/only http and https/);
    expect(await reason('file:///etc/passwd')).toMatch(/only http and https/);
    expect(await reason('https://user:pw@example.com/', { ...strict, lookup: fixedLookup({ address: '93.184.216.34', family: 4 }) })).toMatch(/user name or password/);
  });

  it.each([
    ['http://127.0.0.1/', /127\.0\.0\.1 is a loopback/],
    ['http://10.0.0.1/', /private/],
    ['http://169.254.169.254/latest/meta-data', /link-local/],
    ['http://[::1]/', /loopback/],
    ['http://[::ffff:127.0.0.1]/', /loopback.*IPv4 inside IPv6/],
    ['http://2130706433/', /loopback/],
    ['http://0x7f.1/', /loopback/],
    ['https://100.64.1.1/', /carrier-grade NAT/],
    ['https://0.0.0.0/', /this network/],
  ])('refuses the address literal %s', async (url, expected) => {
    expect(await reason(url)).toMatch(expected);
  });

  it('refuses a host name when any of its addresses is private, and names it', async () => {
    const lookup = fixedLookup({ address: '93.184.216.34', family: 4 }, { address: '10.1.2.3', family: 4 });
    expect(await reason('https://mixed.example/', { ...strict, lookup })).toBe('mixed.example resolves to 10.1.2.3, a private address');
    expect(await reason('https://localhost/')).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback/);
  });

  it('refuses a host that does not resolve', async () => {
    expect(await reason('https://nowhere.example/', { ...strict, lookup: async () => { throw new Error('ENOTFOUND'); } })).toMatch(/does not resolve/);
  });

  it('accepts public https, requires https unless private addresses are allowed', async () => {
    const lookup = fixedLookup({ address: '93.184.216.34', family: 4 });
    const target = await resolveWebhookTarget('https://hooks.example/path?q=1', { ...strict, lookup });
    expect(target).toMatchObject({ host: 'hooks.example', address: { address: '93.184.216.34', family: 4 } });
    expect(await reason('http://hooks.example/', { ...strict, lookup })).toBe('only https URLs are accepted');
    const local = await resolveWebhookTarget('http://127.0.0.1:8080/x', { allowPrivate: true });
    expect(local.address).toEqual({ address: '127.0.0.1', family: 4 });
  });

  it('checks again at send time: a name that now resolves to a private address (DNS rebinding) is refused', async () => {
    const answers: ResolvedAddress[][] = [[{ address: '93.184.216.34', family: 4 }], [{ address: '169.254.169.254', family: 4 }]];
    const lookup: HostLookup = async () => answers.shift()!;
    await expect(resolveWebhookTarget('https://rebind.example/', { ...strict, lookup })).resolves.toBeDefined();
    expect(await reason('https://rebind.example/', { ...strict, lookup })).toMatch(/rebind\.example resolves to 169\.254\.169\.254, a link-local/);
  });
});

describe('postPinned', () => {
  let server: Server;
  let port: number;
  const seen: Array<{ headers: IncomingHttpHeaders; body: string; url?: string }> = [];
  let reply: (res: import('node:http').ServerResponse) => void = (res) => res.end('ok');
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body, url: req.url });
        reply(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('connects to the checked address only, whatever DNS would answer later', async () => {
    let lookups = 0;
    const lookup: HostLookup = async () => {
      lookups++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    // receiver.invalid cannot resolve through real DNS: reaching the server proves the pinned address was used.
    const target = await resolveWebhookTarget(`http://receiver.invalid:${port}/hook?x=1`, { allowPrivate: true, lookup });
    const result = await postPinned(target, { 'Content-Type': 'application/json', 'X-Test': 'yes' }, '{"a":1}', { timeoutMs: 2000 });
    expect(result).toMatchObject({ status: 200, body: 'ok', error: null });
    expect(lookups).toBe(1);
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ body: '{"a":1}', url: '/hook?x=1' });
    expect(last.headers).toMatchObject({ host: `receiver.invalid:${port}`, 'x-test': 'yes', 'content-length': '7' });
  });

  it('does not follow redirects, truncates the response and times out', async () => {
    const target = await resolveWebhookTarget(`http://127.0.0.1:${port}/`, { allowPrivate: true });
    reply = (res) => res.writeHead(302, { Location: 'http://169.254.169.254/' }).end();
    const before = seen.length;
    expect(await postPinned(target, {}, '{}', { timeoutMs: 2000 })).toMatchObject({ status: 302 });
    expect(seen.length).toBe(before + 1);

    reply = (res) => res.end('x'.repeat(10_000));
    const long = await postPinned(target, {}, '{}', { timeoutMs: 2000, maxResponseBytes: 4096 });
    expect(long.body).toHaveLength(4096);

    reply = (res) => void setTimeout(() => res.end('late'), 1500).unref();
    const slow = await postPinned(target, {}, '{}', { timeoutMs: 200 });
    expect(slow).toMatchObject({ status: null, error: 'timed out after 200 ms' });
    expect(slow.durationMs).toBeLessThan(1000);
  });

  it('reports a refused connection as an error without a status', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const target = await resolveWebhookTarget(`http://127.0.0.1:${freePort}/`, { allowPrivate: true });
    const result = await postPinned(target, {}, '{}', { timeoutMs: 2000 });
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});
