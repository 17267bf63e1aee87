import { QueueName } from '@app/queue';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { loadConfig } from '@app/core';
import { bearer, expectProblem, login, ownerQuery, signup, startTestApp, TestApp } from './harness';

const COOKIE = 'bo_queue_dashboard';

async function staff(t: TestApp, role: 'super_admin' | 'support') {
  const user = await signup(t);
  await ownerQuery(t, `update users set platform_role = $2 where id = $1`, [user.userId, role]);
  return { ...user, tokens: await login(t, user.email) };
}

async function openSession(t: TestApp, accessToken: string): Promise<string> {
  const res = await t.http().post('/api/v1/admin/queues/session').set(bearer(accessToken)).send({}).expect(201);
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
  return header.split(';')[0];
}

describe('queue dashboard (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('refuses a browser without a dashboard cookie (401 problem+json)', async () => {
    expectProblem(await t.http().get('/admin/queues'), 401, 'unauthorized');
    expectProblem(await t.http().get('/admin/queues/api/queues'), 401, 'unauthorized');
    expectProblem(await t.http().get('/admin/queues/static/favicon-32x32.png'), 401, 'unauthorized');
  });

  it('a tenant owner cannot open a dashboard session (403) and gets no cookie', async () => {
    const owner = await signup(t);
    const res = await t.http().post('/api/v1/admin/queues/session').set(bearer(owner.tokens)).send({});
    expectProblem(res, 403);
    expect(res.headers['set-cookie']).toBeUndefined();
    expectProblem(await t.http().post('/api/v1/admin/queues/session').send({}), 401);
  });

  it('a super admin opens a short, HttpOnly, SameSite=Strict session and sees the dashboard and our queues (audited)', async () => {
    const admin = await staff(t, 'super_admin');
    const res = await t.http().post('/api/v1/admin/queues/session').set(bearer(admin.tokens)).send().expect(201);
    expect(res.body.url).toBe('/admin/queues/');
    const expiresIn = new Date(res.body.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(14 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60_000);
    const setCookie: string = ([] as string[]).concat(res.headers['set-cookie'])[0];
    expect(setCookie).toMatch(new RegExp(`^${COOKIE}=[\\w-]+\\.[\\w-]+\\.[\\w-]+;`));
    expect(setCookie).toContain('Max-Age=900');
    expect(setCookie).toContain('Path=/admin/queues');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0];

    const page = await t.http().get('/admin/queues').set('Cookie', cookie).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<base href="/admin/queues/"');
    // Helmet's CSP stays on; the page only loads its own scripts, which CSP 'self' allows.
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const scripts = [...page.text.matchAll(/<script defer src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src).toMatch(/^static\//);
      const asset = await t.http().get(`/admin/queues/${src}`).set('Cookie', cookie).expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    }

    const api = await t.http().get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(Object.values(QueueName).sort());

    const [audit] = await ownerQuery(t, `select actor_id, tenant_id, entity_type from audit_logs where action = 'queue_dashboard.session_opened' and actor_id = $1`, [admin.userId]);
    expect(audit).toEqual({ actor_id: admin.userId, tenant_id: null, entity_type: 'queue_dashboard' });
  });

  it('support staff get a read-only dashboard: looking works, changing a queue needs platform.jobs:write', async () => {
    const support = await staff(t, 'support');
    const cookie = await openSession(t, support.tokens.accessToken);
    await t.http().get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
    expectProblem(await t.http().put('/admin/queues/api/queues/email/pause').set('Cookie', cookie), 403, 'forbidden');

    const admin = await staff(t, 'super_admin');
    const adminCookie = await openSession(t, admin.tokens.accessToken);
    await t.http().put('/admin/queues/api/queues/email/pause').set('Cookie', adminCookie).expect(200);
    await t.http().put('/admin/queues/api/queues/email/resume').set('Cookie', adminCookie).expect(200);
  });

  it('refuses expired, forged and wrong-audience cookies, and ends access when the role or session goes', async () => {
    const admin = await staff(t, 'super_admin');
    const [session] = await ownerQuery(t, `select id from auth_sessions where user_id = $1 and revoked_at is null order by created_at desc limit 1`, [admin.userId]);
    const secret = loadConfig().jwtSecret;
    const claims = { sub: admin.userId, sid: session.id };
    const expired = new JwtService({ secret }).sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }, { audience: 'queue-dashboard' });
    const forged = new JwtService({ secret: 'another-secret-of-at-least-thirty-two-chars' }).sign(claims, { audience: 'queue-dashboard', expiresIn: 600 });
    const otherAudience = new JwtService({ secret }).sign(claims, { audience: 'something-else', expiresIn: 600 });
    for (const token of [expired, forged, otherAudience, admin.tokens.accessToken, 'garbage']) {
      expectProblem(await t.http().get('/admin/queues/api/queues').set('Cookie', `${COOKIE}=${token}`), 401, 'unauthorized');
    }

    const cookie = await openSession(t, admin.tokens.accessToken);
    await t.http().get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
    await ownerQuery(t, `update users set platform_role = null where id = $1`, [admin.userId]);
    expectProblem(await t.http().get('/admin/queues/api/queues').set('Cookie', cookie), 401);

    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [admin.userId]);
    await t.http().get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
    await ownerQuery(t, `update auth_sessions set revoked_at = now() where user_id = $1`, [admin.userId]);
    expectProblem(await t.http().get('/admin/queues').set('Cookie', cookie), 401);
  });

  it('an impersonation token cannot open the dashboard', async () => {
    const admin = await staff(t, 'super_admin');
    const target = await signup(t);
    const imp = await t.http().post(`/api/v1/admin/tenants/${target.tenantId}/impersonate`).set(bearer(admin.tokens)).send({}).expect(200);
    expectProblem(await t.http().post('/api/v1/admin/queues/session').set(bearer(imp.body.accessToken)).send({}), 403);
  });

  it('with the SPA served, its fallback does not swallow /admin/queues', async () => {
    const webDist = mkdtempSync(join(tmpdir(), 'bo-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>spa</title>');
    const previous = process.env.WEB_DIST;
    process.env.WEB_DIST = webDist;
    const { createApp } = await import('../src/app.factory');
    const app = await createApp({ silent: true, serveWeb: true });
    try {
      await app.getHttpAdapter().getInstance().ready();
      const http = () => request(app.getHttpServer());
      expect((await http().get('/members').expect(200)).text).toContain('<title>spa</title>');
      expectProblem(await http().get('/admin/queues'), 401);
      const unknown = await http().get('/admin/queues/no-such-page');
      expect(unknown.text).not.toContain('<title>spa</title>');
      expectProblem(unknown, 404);
    } finally {
      await app.close();
      process.env.WEB_DIST = previous;
    }
  });
});
