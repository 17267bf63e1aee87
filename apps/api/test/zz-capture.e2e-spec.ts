import { writeFileSync } from 'node:fs';
import { ownerQuery, startTestApp, TestApp } from './harness';

const strip = (h: Record<string, string>) => { const { date, 'x-request-id': id, ...rest } = h; return { ...rest, 'x-request-id': id ? (id.startsWith('cap-') ? id : 'GENERATED') : undefined }; };

describe('capture', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ env: { METRICS_TOKEN: '', OUTBOX_LAG_READY_SECONDS: '300', CORS_ORIGINS: 'http://allowed.test' } }); });
  afterAll(async () => t.close());
  it('captures', async () => {
    const out: Record<string, unknown> = {};
    const cap = async (name: string, res: any, body = true) => { out[name] = { status: res.status, headers: strip(res.headers), body: body ? res.text : undefined }; };
    await cap('live', await t.http().get('/api/v1/health/live'));
    await cap('live-id', await t.http().get('/api/v1/health/live').set('x-request-id', 'cap-12345678'));
    await cap('live-badid', await t.http().get('/api/v1/health/live').set('x-request-id', 'bad id!'));
    await cap('live-q', await t.http().get('/api/v1/health/live?x=1'));
    await cap('live-nul', await t.http().get('/api/v1/health/live?x=%00'));
    await cap('live-head', await t.http().head('/api/v1/health/live'));
    await cap('live-origin-ok', await t.http().get('/api/v1/health/live').set('origin', 'http://allowed.test'));
    await cap('live-origin-bad', await t.http().get('/api/v1/health/live').set('origin', 'http://evil.test'));
    await cap('live-preflight', await t.http().options('/api/v1/health/live').set('origin', 'http://allowed.test').set('access-control-request-method', 'GET'));
    await cap('pre-noacrm', await t.http().options('/api/v1/roles').set('origin', 'http://allowed.test'));
    await cap('pre-noorigin', await t.http().options('/api/v1/roles').set('access-control-request-method', 'PATCH'));
    await cap('pre-acrh', await t.http().options('/api/v1/roles').set('origin', 'http://allowed.test').set('access-control-request-method', 'PATCH').set('access-control-request-headers', 'authorization,content-type'));
    await cap('pre-evil', await t.http().options('/nowhere').set('origin', 'http://evil.test').set('access-control-request-method', 'GET'));
    await cap('roles-origin', await t.http().get('/api/v1/roles').set('origin', 'http://allowed.test'));
    await cap('openapi-json', await t.http().get('/api/openapi.json'), false);
    await cap('docs', await t.http().get('/api/docs'), false);
    await cap('nowhere', await t.http().get('/nowhere'));
    await cap('live-post', await t.http().post('/api/v1/health/live').send({}));
    await cap('live-slash', await t.http().get('/api/v1/health/live/'));
    await cap('live-auth', await t.http().get('/api/v1/health/live').set('authorization', 'Bearer garbage'));
    await ownerQuery(t, `update outbox set dispatched_at = now() where dispatched_at is null`);
    const r = await t.http().get('/api/v1/health/ready');
    out['ready'] = { status: r.status, headers: strip(r.headers as any), body: r.body };
    await ownerQuery(t, `insert into outbox (id, queue, job_name, payload, created_at, available_at) values (gen_random_uuid(), 'system', 'system.health-ping', '{"at":"x"}', now() - interval '10 minutes', now() - interval '10 minutes')`);
    const f = await t.http().get('/api/v1/health/ready');
    out['ready-fail'] = { status: f.status, headers: strip(f.headers as any), body: f.body };
    const m = await t.http().get('/metrics');
    out['metrics'] = { status: m.status, headers: strip(m.headers as any) };
    await cap('metrics-origin', await t.http().get('/metrics').set('origin', 'http://allowed.test'), false);
    await cap('notfound', await t.http().get('/api/v1/nothing'));
    await cap('roles-anon', await t.http().get('/api/v1/roles'));
    writeFileSync(process.env.CAPTURE_OUT!, JSON.stringify(out, null, 1));
  });
});
