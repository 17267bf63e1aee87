import { JOB_OPTIONS, JobName } from '@app/queue';
import { FakeSmtp, waitFor } from './net-helpers';
import { bearer, expectProblem, markEmailVerified, ownerQuery, PASSWORD, signup, startTestApp, TestApp, tokenFromMail, uniqueEmail, waitForMail } from './harness';
import { addMember, auditActions, roleIds } from './team.fixtures';

/** Polls the email_messages row until `done` holds for it. */
async function waitForEmailRow(t: TestApp, id: string, done: (row: any) => boolean, timeoutMs = 15000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let row: any;
  while (Date.now() < deadline) {
    [row] = await ownerQuery(t, `select * from email_messages where id = $1`, [id]);
    if (row && done(row)) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`email message ${id} did not reach the expected state: ${JSON.stringify(row)}`);
}

describe('email templates (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: true });
  });
  afterAll(async () => t.close());

  const invite = async (owner: { tokens: any }, email: string) => {
    const roles = await roleIds(t, owner.tokens);
    return t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email, roleIds: [roles.viewer] }).expect(201);
  };

  it('lists the catalog with each template\'s variables and default content', async () => {
    const owner = await signup(t);
    const res = await t.http().get('/api/v1/email-templates').set(bearer(owner.tokens)).expect(200);
    const keys = res.body.data.map((tpl: any) => tpl.key);
    expect(keys).toContain('invitation');
    // platform emails (sent to a user whatever their tenants) are not the tenant's to change
    expect(keys).not.toContain('password-reset');
    expect(keys).not.toContain('verify-email');
    const invitation = res.body.data.find((tpl: any) => tpl.key === 'invitation');
    expect(invitation).toMatchObject({
      overridden: false,
      updatedAt: null,
      subject: 'You are invited to {{tenantName}}',
      defaultContent: { subject: 'You are invited to {{tenantName}}' },
    });
    expect(invitation.variables.map((v: any) => v.name)).toEqual(['tenantName', 'inviterName', 'link']);
    expect(invitation.variables[0]).toEqual({ name: 'tenantName', description: expect.any(String), sample: 'Acme Coaching' });
    expect((await t.http().get('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).expect(200)).body.key).toBe('invitation');
    expectProblem(await t.http().get('/api/v1/email-templates/password-reset').set(bearer(owner.tokens)), 404, 'not-found');
    expectProblem(await t.http().put('/api/v1/email-templates/verify-email').set(bearer(owner.tokens)).send({ subject: 'x', text: '{{link}}' }), 404, 'not-found');
    expectProblem(await t.http().get('/api/v1/email-templates/no-such-template').set(bearer(owner.tokens)), 404, 'not-found');
  });

  it('sends invitations with the tenant\'s own template, and the default again after a reset (audited)', async () => {
    const owner = await signup(t, { name: 'Olivia', tenantName: 'Studio Nova' });
    const override = {
      subject: 'Come work with us at {{tenantName}}',
      text: 'Hey there! {{inviterName}} wants you on the {{tenantName}} team.\n{{#if link}}Join here: {{link}}{{/if}}',
      html: '<h1>{{tenantName}}</h1><p>{{inviterName}} wants you on the team: <a href="{{link}}">join</a></p>',
    };
    const saved = await t.http().put('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).send(override).expect(200);
    expect(saved.body).toMatchObject({ ...override, overridden: true, updatedAt: expect.any(String) });

    const email = uniqueEmail('invitee');
    await invite(owner, email);
    const mail = await waitForMail(t, email, /Hey there!/);
    expect(mail).toMatch(/Subject: Come work with us at Studio Nova/);
    expect(mail).toContain('Olivia wants you on the Studio Nova team.');
    expect(mail).toContain('<h1>Studio Nova</h1>');
    // the link in the tenant's template is the real one: it accepts the invitation
    const token = tokenFromMail(mail.slice(mail.indexOf('Join here:')));
    await t.http().post('/api/v1/invitations/accept').send({ token, name: 'Ivy', password: PASSWORD }).expect(200);

    const [message] = await ownerQuery(t, `select * from email_messages where to_address = $1`, [email]);
    expect(message).toMatchObject({ tenant_id: owner.tenantId, template_key: 'invitation', subject: 'Come work with us at Studio Nova' });
    const sent = await waitForEmailRow(t, message.id, (row) => row.status === 'sent');
    expect(sent).toMatchObject({ attempts: 1, last_error: null, provider_message_id: expect.stringMatching(/^<.+@backoffice>$/) });
    expect(sent.sent_at).toBeInstanceOf(Date);

    await t.http().delete('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).expect(204);
    const reset = (await t.http().get('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).expect(200)).body;
    expect(reset).toMatchObject({ overridden: false, subject: 'You are invited to {{tenantName}}' });
    const second = uniqueEmail('invitee');
    await invite(owner, second);
    expect(await waitForMail(t, second, /accept-invitation/)).toContain('Olivia invited you to join Studio Nova.');
    // resetting again changes nothing and records nothing
    await t.http().delete('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).expect(204);

    const actions = await auditActions(t, owner.tenantId, 'invitation');
    expect(actions).toEqual(['email_template.updated', 'email_template.reset']);
    const [audit] = await ownerQuery(t, `select before, after from audit_logs where tenant_id = $1 and action = 'email_template.updated'`, [owner.tenantId]);
    expect(audit).toEqual({ before: null, after: override });
  });

  it('keeps one tenant\'s template away from another tenant', async () => {
    const a = await signup(t, { tenantName: 'Alpha' });
    const b = await signup(t, { tenantName: 'Beta' });
    await t.http().put('/api/v1/email-templates/invitation').set(bearer(b.tokens)).send({ subject: 'Beta secret {{tenantName}}', text: 'Beta only {{link}}' }).expect(200);
    const seen = (await t.http().get('/api/v1/email-templates/invitation').set(bearer(a.tokens)).expect(200)).body;
    expect(seen.overridden).toBe(false);
    expect(JSON.stringify(seen)).not.toContain('Beta');
    const email = uniqueEmail('alpha-invitee');
    await invite(a, email);
    expect(await waitForMail(t, email, /accept-invitation/)).toContain('You are invited to Alpha');
  });

  it('refuses unknown variables and broken templates with 422 and stores nothing', async () => {
    const owner = await signup(t);
    const unknown = await t.http().put('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).send({
      subject: 'Hi {{firstName}}',
      text: '{{inviterName}} {{company}} {{link}}',
      html: '<p>{{#if discount}}{{discount}}{{/if}}</p>',
    });
    expectProblem(unknown, 422, 'template-unknown-variables');
    expect(unknown.body.unknownVariables).toEqual(['company', 'discount', 'firstName']);
    expect(unknown.body.detail).toContain('company, discount, firstName');

    const broken = await t.http().put('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).send({ subject: 'Hi', text: 'Hello {{link' });
    expectProblem(broken, 422, 'template-invalid');
    expect(broken.body.detail).toMatch(/^text: Parse error on line 1/);
    expect(broken.body.errors).toEqual([{ field: 'text', message: expect.stringContaining('Parse error') }]);

    const helper = await t.http().put('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).send({ subject: 'Hi', text: '{{> footer}}' });
    expectProblem(helper, 422, 'template-invalid');
    const raw = await t.http().put('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).send({ subject: 'Hi', text: '{{link}}', html: '{{{inviterName}}}' });
    expectProblem(raw, 422, 'template-invalid');
    expectProblem(await t.http().put('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).send({ subject: '', text: 'x' }), 400, 'validation-failed');
    expectProblem(await t.http().put('/api/v1/email-templates/nope').set(bearer(owner.tokens)).send({ subject: 'x', text: 'x' }), 404, 'not-found');

    expect(await ownerQuery(t, `select * from email_templates where tenant_id = $1`, [owner.tenantId])).toEqual([]);
    expect(await auditActions(t, owner.tenantId, 'invitation')).toEqual([]);
    expect((await t.http().get('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).expect(200)).body.overridden).toBe(false);
  });

  it('previews saved and draft content with sample data, escaping variables in html only', async () => {
    const owner = await signup(t);
    const saved = await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(owner.tokens)).send({}).expect(200);
    expect(saved.body).toEqual({
      subject: 'You are invited to Acme Coaching',
      text: 'Grace Hopper invited you to join Acme Coaching.\n\nAccept within 48 hours:\nhttps://backoffice.example/accept-invitation?token=sample',
      html: expect.stringContaining('<p>Grace Hopper invited you to join Acme Coaching.</p>'),
    });

    const draft = await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(owner.tokens)).send({
      subject: 'From {{inviterName}}',
      html: '<p>{{inviterName}} &mdash; {{tenantName}}</p>',
      variables: { inviterName: '<script>alert("x")</script> & Co' },
    }).expect(200);
    expect(draft.body).toEqual({
      subject: 'From <script>alert("x")</script> & Co',
      text: expect.stringContaining('<script>alert("x")</script> & Co invited you to join Acme Coaching.'),
      html: '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co &mdash; Acme Coaching</p>',
    });
    expect((await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(owner.tokens)).send({ html: null }).expect(200)).body.html).toBeNull();

    expectProblem(await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(owner.tokens)).send({ text: '{{nope}}' }), 422, 'template-unknown-variables');
    expectProblem(await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(owner.tokens)).send({ subject: '{{#if}}' }), 422, 'template-invalid');
    expectProblem(await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(owner.tokens)).send({ variables: { nope: 'x' } }), 400, 'validation-failed');
    expectProblem(await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(owner.tokens)).send({ variables: { link: 5 } }), 400, 'validation-failed');
    expect(await ownerQuery(t, `select * from email_templates where tenant_id = $1`, [owner.tenantId])).toEqual([]);
  });

  it('escapes variables in the html part of a real email and leaves the text part as written', async () => {
    const owner = await signup(t, { name: '<b>Eve & "Co"</b>', tenantName: 'Escapes Ltd' });
    const email = uniqueEmail('escaped');
    await invite(owner, email);
    const mail = await waitForMail(t, email, /accept-invitation/);
    expect(mail).toContain('<b>Eve & "Co"</b> invited you to join Escapes Ltd.');
    expect(mail).toContain('<p>&lt;b&gt;Eve &amp; &quot;Co&quot;&lt;/b&gt; invited you to join Escapes Ltd.</p>');
  });

  it('sends a test email to the caller or a verified member through the queue (audited), and lists emails', async () => {
    const owner = await signup(t, { tenantName: 'Test Sender' });
    const member = await addMember(t, owner, ['viewer']);
    await markEmailVerified(t, owner.userId);
    await t.http().put('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).send({ subject: 'Join {{tenantName}}', text: 'From {{inviterName}}: {{link}}' }).expect(200);
    const res = await t.http().post('/api/v1/email-templates/invitation/send-test').set(bearer(owner.tokens)).send({}).expect(202);
    expect(res.body).toEqual({ emailMessageId: expect.any(String), to: owner.email });
    const mail = await waitForMail(t, owner.email, /\[Test\] Join Acme Coaching/);
    expect(mail).toContain('From Grace Hopper: https://backoffice.example/accept-invitation?token=sample');
    await waitForEmailRow(t, res.body.emailMessageId, (row) => row.status === 'sent');

    await t.http().delete('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).expect(204);
    const other = member.email;
    const toOther = await t.http().post('/api/v1/email-templates/invitation/send-test').set(bearer(owner.tokens)).send({ to: other }).expect(202);
    expect(toOther.body.to).toBe(other);
    expect(await waitForMail(t, other, /\[Test\] You are invited to Acme Coaching/)).toContain('Grace Hopper invited you to join Acme Coaching.');
    expectProblem(await t.http().post('/api/v1/email-templates/invitation/send-test').set(bearer(owner.tokens)).send({ to: 'not-an-email' }), 400, 'validation-failed');
    expect(await auditActions(t, owner.tenantId, 'invitation')).toEqual([
      'email_template.updated',
      'email_template.test_sent',
      'email_template.reset',
      'email_template.test_sent',
    ]);
    const sentToOther = await waitForEmailRow(t, toOther.body.emailMessageId, (row) => row.status === 'sent');
    // sent: nothing to render from is kept
    expect(sentToOther).toMatchObject({ variables_sealed: null, template_sealed: null });

    // an invitation so the log holds more than test emails
    const invitee = uniqueEmail('invitee');
    await invite(owner, invitee);
    const [invitation] = await ownerQuery(t, `select id from email_messages where to_address = $1`, [invitee]);
    await waitForEmailRow(t, invitation.id, (row) => row.status === 'sent');

    // the member's own invitation came first
    const [memberInvitation] = await ownerQuery(t, `select id from email_messages where to_address = $1 and template_key = 'invitation'`, [member.email]);
    const all = (await t.http().get('/api/v1/email-messages').set(bearer(owner.tokens)).expect(200)).body;
    expect(all.data.map((m: any) => m.id)).toEqual([invitation.id, toOther.body.emailMessageId, res.body.emailMessageId, memberInvitation.id]);
    expect(all.data[1]).toEqual({
      id: toOther.body.emailMessageId,
      to: other,
      templateKey: 'invitation',
      subject: '[Test] You are invited to Acme Coaching',
      status: 'sent',
      attempts: 1,
      lastError: null,
      providerMessageId: expect.any(String),
      sentAt: expect.any(String),
      failedAt: null,
      createdAt: expect.any(String),
    });
    const first = (await t.http().get('/api/v1/email-messages?limit=2').set(bearer(owner.tokens)).expect(200)).body;
    expect(first.data).toHaveLength(2);
    const next = (await t.http().get(`/api/v1/email-messages?limit=2&cursor=${first.nextCursor}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(next.data.map((m: any) => m.id)).toEqual([res.body.emailMessageId, memberInvitation.id]);
    expect(next.nextCursor).toBeNull();
    const filtered = (await t.http().get('/api/v1/email-messages?template=invitation&status=sent&limit=1').set(bearer(owner.tokens)).expect(200)).body;
    expect(filtered.data.map((m: any) => m.id)).toEqual([invitation.id]);
    expect((await t.http().get('/api/v1/email-messages?template=password-reset').set(bearer(owner.tokens)).expect(200)).body.data).toEqual([]);
    expect((await t.http().get('/api/v1/email-messages?status=failed').set(bearer(owner.tokens)).expect(200)).body.data).toEqual([]);
    expectProblem(await t.http().get('/api/v1/email-messages?status=lost').set(bearer(owner.tokens)), 400, 'validation-failed');
    expectProblem(await t.http().get('/api/v1/email-messages?cursor=abc').set(bearer(owner.tokens)), 400, 'validation-failed');
  });

  it('records platform emails without a tenant, invisible to tenants', async () => {
    const owner = await signup(t);
    await t.http().post('/api/v1/auth/password/forgot').send({ email: owner.email }).expect((res) => expect(res.status).toBeLessThan(300));
    await waitForMail(t, owner.email, /Reset your password/);
    const rows = await ownerQuery(t, `select id, tenant_id from email_messages where to_address = $1 and template_key = 'password-reset'`, [owner.email]);
    expect(rows).toEqual([{ id: expect.any(String), tenant_id: null }]);
    // the worker updates a platform row on the cross-tenant path
    await waitForEmailRow(t, rows[0].id, (row) => row.status === 'sent');
    const listed = (await t.http().get('/api/v1/email-messages').set(bearer(owner.tokens)).expect(200)).body.data;
    expect(listed.some((m: any) => m.templateKey === 'password-reset')).toBe(false);
  });

  it('sends test emails only to the caller\'s own verified address or a verified member, never to any other address', async () => {
    const owner = await signup(t);
    const send = (body: object) => t.http().post('/api/v1/email-templates/invitation/send-test').set(bearer(owner.tokens)).send(body);
    // not verified (a confirmed signup is; this owner lost it): not even to oneself
    await ownerQuery(t, `update users set email_verified_at = null where id = $1`, [owner.userId]);
    expectProblem(await send({}), 422, 'test-recipient-not-allowed');
    await markEmailVerified(t, owner.userId);
    const other = await signup(t);
    await markEmailVerified(t, other.userId);
    for (const to of [uniqueEmail('outsider'), other.email, 'victim@example.org']) {
      const res = await send({ to });
      expectProblem(res, 422, 'test-recipient-not-allowed');
      expect(res.body.errors).toEqual([{ field: 'to', message: expect.any(String) }]);
    }
    // a member who left is no longer a recipient
    const member = await addMember(t, owner, ['viewer']);
    await t.http().patch(`/api/v1/members/${member.membershipId}`).set(bearer(owner.tokens)).send({ active: false }).expect(200);
    expectProblem(await send({ to: member.email }), 422, 'test-recipient-not-allowed');
    expect((await send({ to: owner.email.toUpperCase() }).expect(202)).body.to).toBe(owner.email);
    const queued = await ownerQuery(t, `select to_address from email_messages where tenant_id = $1`, [owner.tenantId]);
    expect(queued.map((r) => r.to_address).filter((to) => to !== member.email)).toEqual([owner.email]);
  });

  it('keeps secret variables (links with tokens) out of subjects: refused at save, preview and send-test, hidden when rendered', async () => {
    const owner = await signup(t, { name: 'Olivia', tenantName: 'Secret Subjects' });
    await markEmailVerified(t, owner.userId);
    const variables = (await t.http().get('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).expect(200)).body.variables;
    expect(variables.find((v: any) => v.name === 'link')).toMatchObject({ secret: true });
    for (const subject of ['Join: {{link}}', '{{#if link}}Join{{/if}}', '{{#if tenantName}}{{ link }}{{/if}}']) {
      const saved = await t.http().put('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).send({ subject, text: '{{link}}' });
      expectProblem(saved, 422, 'template-secret-in-subject');
      expect(saved.body.secretVariables).toEqual(['link']);
      expectProblem(await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(owner.tokens)).send({ subject }), 422, 'template-secret-in-subject');
    }
    // in the body it is where it belongs
    await t.http().put('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).send({ subject: 'Join {{tenantName}}', text: 'Open {{link}}', html: '<a href="{{link}}">join</a>' }).expect(200);

    // An override saved before the rule: test sends refuse it, real emails hide the link in the subject.
    await ownerQuery(t, `update email_templates set subject = 'Accept {{link}} now' where tenant_id = $1 and key = 'invitation'`, [owner.tenantId]);
    expectProblem(await t.http().post('/api/v1/email-templates/invitation/send-test').set(bearer(owner.tokens)).send({}), 422, 'template-secret-in-subject');
    const invitee = uniqueEmail('invitee');
    await invite(owner, invitee);
    const mail = await waitForMail(t, invitee, /accept-invitation/);
    expect(mail).toMatch(/Subject: Accept \[link hidden\] now/);
    await t.http().post('/api/v1/invitations/accept').send({ token: tokenFromMail(mail.slice(mail.indexOf('Open '))), name: 'Ivy', password: PASSWORD }).expect(200);
    // the email log stores and shows the subject without the link
    const [message] = await ownerQuery(t, `select id, subject from email_messages where to_address = $1`, [invitee]);
    expect(message.subject).toBe('Accept [link hidden] now');
    await waitForEmailRow(t, message.id, (row) => row.status === 'sent');
    const log = (await t.http().get('/api/v1/email-messages').set(bearer(owner.tokens)).expect(200)).body;
    expect(JSON.stringify(log)).not.toContain('token=');
    expect(log.data.find((m: any) => m.id === message.id).subject).toBe('Accept [link hidden] now');
  });

  it('refuses a template nested too deep or too large before parsing it (4xx), and renders one at the limits', async () => {
    const owner = await signup(t);
    const viewer = await addMember(t, owner, ['viewer']);
    const nested = (depth: number) => '{{#if link}}'.repeat(depth) + '{{tenantName}}' + '{{/if}}'.repeat(depth);
    // the request: 1,000 nested blocks (about 19 KB) in a viewer's preview
    const deep = await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(viewer.tokens)).send({ text: nested(1000) });
    expectProblem(deep, 422, 'template-too-complex');
    expect(deep.body.detail).toMatch(/nested at most 8 deep/);
    for (const body of [{ html: `<p>${'{{#unless tenantName}}'.repeat(9)}x${'{{/unless}}'.repeat(9)}</p>` }, { subject: '{{#if tenantName}}{{else if inviterName}}'.repeat(5) + '{{/if}}'.repeat(5) }]) {
      expectProblem(await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(viewer.tokens)).send(body), 422, 'template-too-complex');
    }
    expectProblem(await t.http().put('/api/v1/email-templates/invitation').set(bearer(owner.tokens)).send({ subject: 'x', text: nested(9) }), 422, 'template-too-complex');
    const atLimit = await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(viewer.tokens)).send({ text: nested(8), html: nested(8) }).expect(200);
    expect(atLimit.body).toMatchObject({ text: 'Acme Coaching', html: 'Acme Coaching' });
  });

  it('bounds preview variables: length, count and type are checked before rendering (400)', async () => {
    const owner = await signup(t);
    const preview = (variables: unknown) => t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(owner.tokens)).send({ variables });
    expectProblem(await preview({ tenantName: ' '.repeat(30_000) }), 400, 'validation-failed');
    expectProblem(await preview(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`v${i}`, 'x']))), 400, 'validation-failed');
    expectProblem(await preview(['x']), 400, 'validation-failed');
    // within the bounds, a long run of spaces in the subject renders as it is
    const spaces = ' '.repeat(1_990);
    const ok = await preview({ tenantName: `A${spaces}B` }).expect(200);
    expect(ok.body.subject).toBe(`You are invited to A${spaces}B`);
  });

  it('lets a viewer read and preview templates but not change or send them', async () => {
    const owner = await signup(t);
    const viewer = await addMember(t, owner, ['viewer']);
    await t.http().get('/api/v1/email-templates').set(bearer(viewer.tokens)).expect(200);
    await t.http().get('/api/v1/email-messages').set(bearer(viewer.tokens)).expect(200);
    await t.http().post('/api/v1/email-templates/invitation/preview').set(bearer(viewer.tokens)).send({}).expect(200);
    expectProblem(await t.http().put('/api/v1/email-templates/invitation').set(bearer(viewer.tokens)).send({ subject: 'x', text: 'y' }), 403, 'forbidden');
    expectProblem(await t.http().delete('/api/v1/email-templates/invitation').set(bearer(viewer.tokens)), 403, 'forbidden');
    expectProblem(await t.http().post('/api/v1/email-templates/invitation/send-test').set(bearer(viewer.tokens)).send({}), 403, 'forbidden');
    expectProblem(await t.http().get('/api/v1/email-templates'), 401);
  });
});

describe('email delivery failures (e2e, SMTP)', () => {
  let t: TestApp;
  let smtp: FakeSmtp;
  const saved = { ...JOB_OPTIONS[JobName.SendEmail] };
  beforeAll(async () => {
    // Two quick attempts instead of eight over minutes.
    Object.assign(JOB_OPTIONS[JobName.SendEmail], { attempts: 2, backoffMs: 50 });
    smtp = new FakeSmtp();
    await smtp.start();
    t = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    Object.assign(JOB_OPTIONS[JobName.SendEmail], saved);
    delete process.env.SMTP_URL;
  });

  /** A test send to the caller's own (verified) address, which the fake SMTP server treats by its name. */
  const sendTest = async (label: string) => {
    const user = await signup(t, { email: uniqueEmail(label) });
    await markEmailVerified(t, user.userId);
    const id = (await t.http().post('/api/v1/email-templates/invitation/send-test').set(bearer(user.tokens)).send({}).expect(202)).body.emailMessageId as string;
    return { user, id, to: user.email };
  };

  it('delivers over SMTP and records the message id', async () => {
    const { id, to } = await sendTest('smtp-ok');
    const row = await waitForEmailRow(t, id, (r) => r.status === 'sent');
    expect(row.attempts).toBe(1);
    // the signup's verification email went to the same address first
    const delivered = smtp.delivered.find((m) => m.to.includes(to) && m.data.includes('[Test]'));
    expect(delivered?.data).toContain('[Test] You are invited to Acme Coaching');
    expect(delivered?.data).toContain(`Message-ID: ${row.provider_message_id}`);
  });

  it('records a bounce (permanent 5xx) as failed with the reason, without retrying', async () => {
    const { user: owner, id } = await sendTest('bounce');
    const row = await waitForEmailRow(t, id, (r) => r.status === 'failed');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/550 5\.1\.1 .*User unknown/);
    expect(row.failed_at).toBeInstanceOf(Date);
    // a bounce is final: what the email was rendered from is gone
    expect(row).toMatchObject({ variables_sealed: null, template_sealed: null });
    await new Promise((r) => setTimeout(r, 500));
    expect((await ownerQuery(t, `select attempts from email_messages where id = $1`, [id]))[0].attempts).toBe(1);
    const listed = (await t.http().get('/api/v1/email-messages?status=failed').set(bearer(owner.tokens)).expect(200)).body.data;
    expect(listed).toEqual([expect.objectContaining({ id, status: 'failed', lastError: expect.stringContaining('550') })]);
  });

  it('retries a temporary failure and records it as failed once the attempts are spent', async () => {
    const { id } = await sendTest('busy');
    const row = await waitForEmailRow(t, id, (r) => r.status === 'failed');
    expect(row.attempts).toBe(2);
    expect(row.last_error).toMatch(/451 4\.3\.0/);
    // its dead letter may still be replayed: the sealed content stays (housekeeping removes it after 7 days)
    expect(row.variables_sealed).toEqual(expect.any(String));
    // Discarding the dead letter means it will never be sent: the content goes at once.
    await waitFor(async () => (await ownerQuery(t, `select 1 from dead_letters where job_name = $1 and payload->>'emailMessageId' = $2`, [JobName.SendEmail, id])).length > 0, 'its dead letter', 15_000);
    const [letter] = await ownerQuery(t, `select id from dead_letters where job_name = $1 and payload->>'emailMessageId' = $2`, [JobName.SendEmail, id]);
    const staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
    await t.http().post(`/api/v1/admin/dead-letters/${letter.id}/discard`).set(bearer(staff.tokens)).send({ reason: 'The address is wrong' }).expect(200);
    expect((await ownerQuery(t, `select variables_sealed, template_sealed, status from email_messages where id = $1`, [id]))[0]).toEqual({ variables_sealed: null, template_sealed: null, status: 'failed' });
  });
});
