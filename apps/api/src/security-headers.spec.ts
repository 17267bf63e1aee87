import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { inlineScriptHashes } from './inline-script-hashes';
import { registerSecurityHeaders } from './security-headers';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const scriptSrc = (policy: string) => /(?:^|;)script-src ([^;]*)/.exec(policy)?.[1].split(' ') ?? [];

describe('inlineScriptHashes', () => {
  it('hashes every inline script a browser runs, and nothing else', () => {
    const html = `<html><head><script>var a = 1;</script><script type="module">import "x";</script>
      <script src="app.js"></script><script type="application/json">{"a":1}</script><SCRIPT type='text/javascript'>b()</SCRIPT></head></html>`;
    expect(inlineScriptHashes(html).sort()).toEqual([sha256('var a = 1;'), sha256('import "x";'), sha256('b()')].sort());
    expect(inlineScriptHashes('<p>no scripts</p>')).toEqual([]);
  });
});

describe('registerSecurityHeaders', () => {
  const app = Fastify();
  beforeAll(async () => {
    registerSecurityHeaders(app);
    app.get('/page', async (_req, reply) => reply.type('text/html; charset=utf-8').send('<html><script>start()</script><script src="/x.js"></script></html>'));
    app.get('/plain', async (_req, reply) => reply.type('text/html').send('<html><p>hi</p></html>'));
    app.get('/api/v1/thing', async () => ({ secret: 'x' }));
    app.get('/api/v1/cacheable', async (_req, reply) => reply.header('cache-control', 'public, max-age=60').send({ ok: true }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('script-src never allows inline scripts; an HTML page gets the hashes of exactly its own', async () => {
    const page = await app.inject('/page');
    const policy = String(page.headers['content-security-policy']);
    expect(scriptSrc(policy)).not.toContain("'unsafe-inline'");
    expect(scriptSrc(policy)).toEqual(["'self'", sha256('start()')]);
    expect(policy).toContain("script-src-attr 'none'");
    expect(scriptSrc(String((await app.inject('/plain')).headers['content-security-policy']))).toEqual(["'self'"]);
    // Answers that are not pages allow no script at all (default-src 'none', no script-src).
    expect((await app.inject('/api/v1/thing')).headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('API answers are no-store unless the route chose its own Cache-Control; pages outside the API are left alone', async () => {
    expect((await app.inject('/api/v1/thing')).headers['cache-control']).toBe('no-store');
    expect((await app.inject('/api/v1/missing')).headers['cache-control']).toBe('no-store');
    expect((await app.inject('/admin/queues/api/queues')).headers['cache-control']).toBe('no-store');
    expect((await app.inject('/api/v1/cacheable')).headers['cache-control']).toBe('public, max-age=60');
    expect((await app.inject('/page')).headers['cache-control']).toBeUndefined();
  });
});
