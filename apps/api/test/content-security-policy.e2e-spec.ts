import { createHash } from 'node:crypto';
import { bearer, login, ownerQuery, signup, startTestApp, TestApp } from './harness';

const scriptSrc = (policy: string | undefined) => /(?:^|;)\s*script-src ([^;]*)/.exec(policy ?? '')?.[1].trim().split(/\s+/) ?? [];

/** Inline scripts a browser would run (no src, no data type), as CSP hash sources. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attributes]) => !/src=/i.test(attributes) && !/type=["']?application\/(ld\+)?json/i.test(attributes))
    .map(([, , body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
}

describe('Content-Security-Policy of the HTML pages (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  /** The page's CSP allows no inline script but its own (by hash), and every script it loads is served. */
  async function expectStrictPage(path: string, cookie?: string): Promise<void> {
    const get = (url: string) => (cookie ? t.http().get(url).set('Cookie', cookie) : t.http().get(url));
    const page = await get(path).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const sources = scriptSrc(page.headers['content-security-policy']);
    expect(sources[0]).toBe("'self'");
    expect(sources).not.toContain("'unsafe-inline'");
    expect(sources).not.toContain("'unsafe-eval'");
    for (const hash of inlineScripts(page.text)) expect(sources).toContain(hash);
    const base = new URL(/<base href="([^"]+)"/.exec(page.text)?.[1] ?? path, 'http://app.test/');
    const scripts = [...page.text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => new URL(m[1], base));
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.origin).toBe('http://app.test');
      const asset = await get(src.pathname).expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    }
  }

  it('the API docs (Swagger UI) run without inline scripts being allowed', async () => {
    await expectStrictPage('/api/docs');
  });

  it('the queue dashboard runs without inline scripts being allowed', async () => {
    const staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
    const res = await t.http().post('/api/v1/admin/queues/session').set(bearer(await login(t, staff.email))).send({}).expect(201);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'])[0].split(';')[0];
    await expectStrictPage('/admin/queues', cookie);
  });

  it('no answer, HTML or not, allows inline scripts; answers that are not pages allow no script at all', async () => {
    for (const res of [await t.http().get('/api/v1/health/live'), await t.http().get('/api/v1/roles'), await t.http().get('/api/openapi.json'), await t.http().get('/admin/queues'), await t.http().get('/nowhere')]) {
      const policy = res.headers['content-security-policy'];
      const sources = scriptSrc(policy);
      if (String(res.headers['content-type']).startsWith('text/html')) {
        expect(sources).toContain("'self'");
        expect(sources).not.toContain("'unsafe-inline'");
      } else {
        // No script-src: script loads fall back to default-src 'none'.
        expect(sources).toEqual([]);
        expect(policy).toMatch(/^default-src 'none';/);
      }
    }
  });
});
