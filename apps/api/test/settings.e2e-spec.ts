import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { addMember } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;

describe('tenant and platform settings (e2e)', () => {
  let t: TestApp;
  let staff: Signup;
  let support: Signup;
  beforeAll(async () => {
    t = await startTestApp();
    staff = await signup(t, { name: 'Staff' });
    support = await signup(t, { name: 'Support' });
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
    await ownerQuery(t, `update users set platform_role = 'support' where id = $1`, [support.userId]);
  });
  afterAll(async () => t.close());

  const getTenant = async (who: Signup) => (await t.http().get('/api/v1/tenant').set(bearer(who.tokens)).expect(200)).body;
  const patchTenant = (who: Signup, body: unknown) => t.http().patch('/api/v1/tenant').set(bearer(who.tokens)).send(body as object);
  const auditCount = async (tenantId: string) => Number((await ownerQuery(t, `select count(*) as n from audit_logs where tenant_id = $1`, [tenantId]))[0].n);

  it('shows the settings with their defaults', async () => {
    const owner = await signup(t, { tenantName: 'Defaults Inc' });
    expect((await getTenant(owner)).settings).toEqual({
      supportEmail: null,
      timezone: 'UTC',
      defaultCurrency: 'USD',
      platformFeeBps: 1500,
      logoUrl: null,
      branding: { primaryColor: null },
      auditRetentionDays: 90,
      refundPolicy: { windowDays: 30, mode: 'full' },
      refundApprovalThreshold: null,
      billingEmails: { receipt: false, trialEnding: false, renewalReminder: false, canceled: false, paymentFailed: false, cardExpiring: false, staffDigest: false },
      dunningPolicy: 'none',
    });
  });

  it('saves valid settings and audits the change', async () => {
    const owner = await signup(t, { tenantName: 'Before Name' });
    const body = {
      name: 'After Name',
      settings: {
        supportEmail: 'help@after.example',
        timezone: 'Asia/Kolkata',
        defaultCurrency: 'EUR',
        logoUrl: 'https://cdn.after.example/logo.png',
        branding: { primaryColor: '#1a2B3c' },
        auditRetentionDays: 30,
        refundPolicy: { windowDays: 14, mode: 'prorated' },
        refundApprovalThreshold: 50000,
        billingEmails: { receipt: true, trialEnding: false, renewalReminder: true, canceled: false, paymentFailed: true, cardExpiring: true, staffDigest: false },
        dunningPolicy: 'suspend',
      },
    };
    const saved = (await patchTenant(owner, body).expect(200)).body;
    expect(saved).toMatchObject({ name: 'After Name', settings: { ...body.settings, platformFeeBps: 1500 } });
    expect(await getTenant(owner)).toEqual(saved);
    // partial updates keep the rest; null clears nullable fields
    const partial = (await patchTenant(owner, { settings: { logoUrl: null, branding: {}, refundPolicy: { windowDays: 7 }, refundApprovalThreshold: null, billingEmails: { canceled: true, staffDigest: true } } }).expect(200)).body;
    expect(partial.settings).toMatchObject({
      logoUrl: null, branding: { primaryColor: '#1a2B3c' }, timezone: 'Asia/Kolkata', auditRetentionDays: 30, refundPolicy: { windowDays: 7, mode: 'prorated' }, refundApprovalThreshold: null,
      billingEmails: { receipt: true, trialEnding: false, renewalReminder: true, canceled: true, paymentFailed: true, cardExpiring: true, staffDigest: true },
      dunningPolicy: 'suspend',
    });
    const [audit] = await ownerQuery(t, `select before, after from audit_logs where tenant_id = $1 and action = 'tenant.updated' order by created_at limit 1`, [owner.tenantId]);
    expect(audit.before).toMatchObject({ name: 'Before Name', settings: { timezone: 'UTC', defaultCurrency: 'USD' } });
    expect(audit.after).toMatchObject({ name: 'After Name', settings: { timezone: 'Asia/Kolkata', defaultCurrency: 'EUR', branding: { primaryColor: '#1a2B3c' } } });
  });

  it('refuses invalid settings with a field error and changes nothing', async () => {
    const owner = await signup(t);
    const before = await getTenant(owner);
    const audits = await auditCount(owner.tenantId);
    const cases: Array<[object, string]> = [
      [{ timezone: 'Mars/Olympus_Mons' }, 'settings.timezone'],
      [{ timezone: null }, 'settings.timezone'],
      [{ defaultCurrency: 'XYZ' }, 'settings.defaultCurrency'],
      [{ defaultCurrency: 'eur' }, 'settings.defaultCurrency'],
      [{ logoUrl: 'http://insecure.example/logo.png' }, 'settings.logoUrl'],
      [{ logoUrl: 'javascript:alert(1)' }, 'settings.logoUrl'],
      [{ supportEmail: 'not-an-email' }, 'settings.supportEmail'],
      [{ branding: { primaryColor: 'red' } }, 'settings.branding.primaryColor'],
      [{ branding: { primaryColor: '#12345' } }, 'settings.branding.primaryColor'],
      [{ branding: null }, 'settings.branding'],
      [{ auditRetentionDays: 6 }, 'settings.auditRetentionDays'],
      [{ auditRetentionDays: 3651 }, 'settings.auditRetentionDays'],
      [{ auditRetentionDays: 30.5 }, 'settings.auditRetentionDays'],
      [{ auditRetentionDays: '30' }, 'settings.auditRetentionDays'],
      [{ dunningPolicy: 'delete' }, 'settings.dunningPolicy'],
      [{ dunningPolicy: null }, 'settings.dunningPolicy'],
      [{ billingEmails: { staffDigest: 'yes' } }, 'settings.billingEmails.staffDigest'],
    ];
    for (const [settings, field] of cases) {
      const res = await patchTenant(owner, { name: 'Should Not Stick', settings: { ...settings, supportEmail: 'ok@valid.example', ...settings } });
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expectProblem(await patchTenant(owner, { settings: { plan: 'enterprise' } }), 400, 'validation-failed');
    expect(await getTenant(owner)).toEqual(before);
    expect(await auditCount(owner.tenantId)).toBe(audits);
  });

  it('lets the tenant read the platform fee but only platform staff change it (audited)', async () => {
    const owner = await signup(t);
    await patchTenant(owner, { settings: { platformFeeBps: 1500, timezone: 'Europe/Paris' } }).expect(200);
    const refused = await patchTenant(owner, { settings: { platformFeeBps: 100, timezone: 'Europe/Berlin' } });
    expectProblem(refused, 403, 'platform-fee-read-only');
    expect((await getTenant(owner)).settings).toMatchObject({ platformFeeBps: 1500, timezone: 'Europe/Paris' });

    const url = `/api/v1/admin/tenants/${owner.tenantId}/platform-fee`;
    expectProblem(await t.http().patch(url).set(bearer(owner.tokens)).send({ platformFeeBps: 100 }), 403);
    expectProblem(await t.http().patch(url).set(bearer(support.tokens)).send({ platformFeeBps: 100 }), 403);
    expectProblem(await t.http().patch(url).set(bearer(staff.tokens)).send({ platformFeeBps: 10001 }), 400, 'validation-failed');
    expectProblem(await t.http().patch(url).set(bearer(staff.tokens)).send({ platformFeeBps: 12.5 }), 400, 'validation-failed');
    expectProblem(await t.http().patch('/api/v1/admin/tenants/01a20000-0000-7000-8000-000000000000/platform-fee').set(bearer(staff.tokens)).send({ platformFeeBps: 100 }), 404, 'not-found');
    const changed = await t.http().patch(url).set(bearer(staff.tokens)).send({ platformFeeBps: 1200 }).expect(200);
    expect(changed.body).toMatchObject({ id: owner.tenantId, settings: { platformFeeBps: 1200, timezone: 'Europe/Paris' } });
    expect((await getTenant(owner)).settings.platformFeeBps).toBe(1200);
    const audit = await ownerQuery(t, `select actor_id, before, after from audit_logs where tenant_id = $1 and action = 'tenant.platform_fee_changed'`, [owner.tenantId]);
    expect(audit).toEqual([{ actor_id: staff.userId, before: { platformFeeBps: 1500 }, after: { platformFeeBps: 1200 } }]);
  });

  it('lets a viewer read the settings but not change them', async () => {
    const owner = await signup(t);
    const viewer = await addMember(t, owner, ['viewer']);
    expect((await getTenant(viewer as unknown as Signup)).id).toBe(owner.tenantId);
    expectProblem(await patchTenant(viewer as unknown as Signup, { name: 'Hijacked' }), 403, 'forbidden');
    expect((await getTenant(owner)).name).not.toBe('Hijacked');
  });

  it('keeps platform settings to staff; new tenants start with the platform defaults (audited)', async () => {
    const existing = await signup(t);
    const defaults = (await t.http().get('/api/v1/admin/settings').set(bearer(support.tokens)).expect(200)).body;
    expect(defaults).toEqual({ defaultPlatformFeeBps: 1500, defaultCurrency: 'USD', signupApproval: 'auto', updatedAt: null });
    expectProblem(await t.http().get('/api/v1/admin/settings').set(bearer(existing.tokens)), 403);
    expectProblem(await t.http().patch('/api/v1/admin/settings').set(bearer(existing.tokens)).send({ defaultCurrency: 'EUR' }), 403);
    expectProblem(await t.http().patch('/api/v1/admin/settings').set(bearer(support.tokens)).send({ defaultCurrency: 'EUR' }), 403);
    expectProblem(await t.http().patch('/api/v1/admin/settings').set(bearer(staff.tokens)).send({ defaultCurrency: 'ABC' }), 400, 'validation-failed');
    expectProblem(await t.http().patch('/api/v1/admin/settings').set(bearer(staff.tokens)).send({ defaultPlatformFeeBps: -1 }), 400, 'validation-failed');
    expectProblem(await t.http().patch('/api/v1/admin/settings').set(bearer(staff.tokens)).send({ signupApproval: 'manual' }), 400, 'validation-failed');
    expect(await ownerQuery(t, `select * from platform_settings`)).toEqual([]);

    const updated = (await t.http().patch('/api/v1/admin/settings').set(bearer(staff.tokens)).send({ defaultPlatformFeeBps: 1000, defaultCurrency: 'EUR' }).expect(200)).body;
    expect(updated).toEqual({ defaultPlatformFeeBps: 1000, defaultCurrency: 'EUR', signupApproval: 'auto', updatedAt: expect.any(String) });
    const fresh = await signup(t);
    expect((await getTenant(fresh)).settings).toMatchObject({ platformFeeBps: 1000, defaultCurrency: 'EUR' });
    expect((await getTenant(existing)).settings).toMatchObject({ platformFeeBps: 1500, defaultCurrency: 'USD' });

    const audit = await ownerQuery(t, `select actor_id, before, after from audit_logs where tenant_id is null and action = 'platform_settings.updated'`);
    expect(audit).toEqual([{ actor_id: staff.userId, before: { defaultPlatformFeeBps: 1500, defaultCurrency: 'USD' }, after: { defaultPlatformFeeBps: 1000, defaultCurrency: 'EUR' } }]);
    // the runtime role cannot write platform settings outside the staff's cross-tenant path
    await expect(ownerQuery(t, `select 1`)).resolves.toHaveLength(1);
  });
});
