import { JwtService } from '@nestjs/jwt';
import { authenticator } from 'otplib';
import { loadConfig } from '@app/core';
import { bearer, expectProblem, login, ownerQuery, PASSWORD, signup, signupTokenSentTo, startTestApp, TestApp, tokenFromMail, uniqueEmail, waitForMail } from './harness';
import { totpCodeAt, totpStepWithTimeLeft } from './totp.fixtures';

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: true });
  });
  afterAll(async () => t.close());

  it('signs up an owner of a new active tenant and answers /auth/me', async () => {
    const owner = await signup(t, { name: 'Ada' });
    const me = await t.http().get('/api/v1/auth/me').set(bearer(owner.tokens)).expect(200);
    // the address was proven by the confirmation link
    expect(me.body.user).toMatchObject({ email: owner.email, name: 'Ada', emailVerified: true, totpEnabled: false, platformRole: null });
    expect(me.body.activeTenant).toMatchObject({ id: owner.tenantId, status: 'active', timezone: 'UTC', defaultCurrency: 'USD' });
    // Every member sees dates and money as the tenant shows them, without needing tenant:read.
    await t.http().patch('/api/v1/tenant').set(bearer(owner.tokens)).send({ settings: { timezone: 'Asia/Tokyo', defaultCurrency: 'JPY' } }).expect(200);
    const after = await t.http().get('/api/v1/auth/me').set(bearer(owner.tokens)).expect(200);
    expect(after.body.activeTenant).toMatchObject({ timezone: 'Asia/Tokyo', defaultCurrency: 'JPY' });
    expect(me.body.memberships).toEqual([expect.objectContaining({ tenantId: owner.tenantId, roles: ['owner'] })]);
    expect(me.body.permissions).toContain('members:write');
    const audit = await ownerQuery(t, `select action from audit_logs where tenant_id = $1 order by created_at`, [owner.tenantId]);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['tenant.created', 'user.signed_up']));
  });

  it('answers signup the same for a new and an existing address (no enumeration) and emails the owner instead', async () => {
    const owner = await signup(t);
    const answer = async (email: string) => {
      const res = await t.http().post('/api/v1/auth/signup').send({ email, password: 'Att4cker-chosen-pass', name: 'Mallory', tenantName: 'Lookalike' });
      const { 'x-request-id': _id, date: _date, 'ratelimit-remaining': _left, 'ratelimit-reset': _reset, ...headers } = res.headers;
      return { status: res.status, body: res.body, text: res.text, headers };
    };
    const fresh = uniqueEmail('fresh');
    const forExisting = await answer(owner.email.toUpperCase());
    const forNew = await answer(fresh);
    expect(forExisting).toEqual(forNew);
    expect(forNew.status).toBe(202);
    expect(forNew.text).toBe('');
    // no account, no tenant and no session exist for the new address until its link is opened
    expect(await ownerQuery(t, `select 1 from users where lower(email) = $1`, [fresh])).toEqual([]);
    expectProblem(await t.http().post('/api/v1/auth/login').send({ email: fresh, password: 'Att4cker-chosen-pass' }), 401, 'invalid-credentials');
    // the existing account's owner is told, its password is untouched, and no confirmation link exists for it
    const notice = await waitForMail(t, owner.email, /already has an account/);
    expect(notice).not.toMatch(/token=/);
    expect(await ownerQuery(t, `select 1 from signup_requests where lower(email) = lower($1) and confirmed_at is null`, [owner.email])).toEqual([]);
    await login(t, owner.email);
    expectProblem(await t.http().post('/api/v1/auth/login').send({ email: owner.email, password: 'Att4cker-chosen-pass' }), 401, 'invalid-credentials');
  });

  it('creates the account only through its confirmation link: once, before it expires, and only the newest link', async () => {
    const email = uniqueEmail('confirm');
    const body = { email, password: PASSWORD, name: 'Cleo', tenantName: 'Cleo Coaching' };
    await t.http().post('/api/v1/auth/signup').send(body).expect(202);
    const first = await signupTokenSentTo(t, email);
    await t.http().post('/api/v1/auth/signup').send(body).expect(202);
    const second = await signupTokenSentTo(t, email);
    expect(second).not.toBe(first);
    expectProblem(await t.http().post('/api/v1/auth/signup/confirm').send({ token: first }), 410, 'token-invalid');
    const confirmed = await t.http().post('/api/v1/auth/signup/confirm').send({ token: second }).expect(201);
    expect(confirmed.body).toMatchObject({ user: { email, name: 'Cleo' }, tenant: { name: 'Cleo Coaching', status: 'active' }, tokens: { accessToken: expect.any(String) } });
    expectProblem(await t.http().post('/api/v1/auth/signup/confirm').send({ token: second }), 410, 'token-invalid');
    await login(t, email);
    // a link for an address that got an account meanwhile (an invitation, another link) creates nothing
    const late = uniqueEmail('late');
    await t.http().post('/api/v1/auth/signup').send({ ...body, email: late }).expect(202);
    const lateToken = await signupTokenSentTo(t, late);
    await ownerQuery(t, `insert into users (id, email, name, password_hash) values (gen_random_uuid(), $1, 'Other', 'x')`, [late]);
    expectProblem(await t.http().post('/api/v1/auth/signup/confirm').send({ token: lateToken }), 409, 'email-taken');
    // an expired link is gone
    const old = uniqueEmail('old');
    await t.http().post('/api/v1/auth/signup').send({ ...body, email: old }).expect(202);
    const oldToken = await signupTokenSentTo(t, old);
    await ownerQuery(t, `update signup_requests set expires_at = now() - interval '1 second' where email = $1`, [old]);
    expectProblem(await t.http().post('/api/v1/auth/signup/confirm').send({ token: oldToken }), 410, 'token-invalid');
    expect(await ownerQuery(t, `select 1 from users where email = $1`, [old])).toEqual([]);
  });

  it('rotates refresh tokens and revokes the whole family when an old one is reused', async () => {
    const owner = await signup(t);
    const first = owner.tokens;
    const second = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await t.http().get('/api/v1/auth/me').set(bearer(second)).expect(200);
    const reuse = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expectProblem(reuse, 401, 'unauthorized');
    // the family is revoked: the newest refresh token and the access token stop working too
    expectProblem(await t.http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }), 401);
    expectProblem(await t.http().get('/api/v1/auth/me').set(bearer(second)), 401);
  });

  it('logs out: the session stops working at once', async () => {
    const owner = await signup(t);
    await t.http().post('/api/v1/auth/logout').set(bearer(owner.tokens)).expect(204); // no body at all is fine
    expectProblem(await t.http().get('/api/v1/auth/me').set(bearer(owner.tokens)), 401);
    expectProblem(await t.http().post('/api/v1/auth/refresh').send({ refreshToken: owner.tokens.refreshToken }), 401);
  });

  it('answers wrong passwords and unknown users the same way and locks after 5 failures for both', async () => {
    const owner = await signup(t);
    const unknown = uniqueEmail('ghost');
    for (const email of [owner.email, unknown]) {
      for (let i = 0; i < 5; i++) {
        const res = await t.http().post('/api/v1/auth/login').send({ email, password: 'wrong-password-1' });
        expectProblem(res, 401, 'invalid-credentials');
        expect(res.body.detail).toBe('The email or password is not correct.');
      }
      const locked = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD });
      expectProblem(locked, 429, 'login-locked');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    }
  });

  it('resets a password through the emailed link, once, and signs out every session', async () => {
    const owner = await signup(t);
    await t.http().post('/api/v1/auth/password/forgot').send({ email: owner.email }).expect(202);
    await t.http().post('/api/v1/auth/password/forgot').send({ email: uniqueEmail('nobody') }).expect(202);
    const mail = await waitForMail(t, owner.email, /reset-password/);
    const token = tokenFromMail(mail.slice(mail.indexOf('reset-password')));
    const newPassword = 'N3w-password-long';
    await t.http().post('/api/v1/auth/password/reset').send({ token, password: newPassword }).expect(204);
    expectProblem(await t.http().post('/api/v1/auth/password/reset').send({ token, password: newPassword }), 410, 'token-invalid');
    expectProblem(await t.http().get('/api/v1/auth/me').set(bearer(owner.tokens)), 401);
    expectProblem(await t.http().post('/api/v1/auth/login').send({ email: owner.email, password: PASSWORD }), 401, 'invalid-credentials');
    await login(t, owner.email, newPassword);
  });

  it('verifies an unverified email address from the emailed link', async () => {
    const owner = await signup(t);
    await ownerQuery(t, `update users set email_verified_at = null where id = $1`, [owner.userId]);
    await t.http().post('/api/v1/auth/email/resend').set(bearer(owner.tokens)).send({}).expect(202);
    const mail = await waitForMail(t, owner.email, /verify-email/);
    await t.http().post('/api/v1/auth/email/verify').send({ token: tokenFromMail(mail.slice(mail.indexOf('verify-email'))) }).expect(204);
    const me = await t.http().get('/api/v1/auth/me').set(bearer(owner.tokens)).expect(200);
    expect(me.body.user.emailVerified).toBe(true);
    expectProblem(await t.http().post('/api/v1/auth/email/resend').set(bearer(owner.tokens)), 409, 'already-verified');
  });

  it('sets up, requires and disables TOTP', async () => {
    const owner = await signup(t);
    const setup = (await t.http().post('/api/v1/auth/totp/setup').set(bearer(owner.tokens)).expect(201)).body;
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expectProblem(await t.http().post('/api/v1/auth/totp/enable').set(bearer(owner.tokens)).send({ code: '000000' }), 400, 'validation-failed');
    // Each code works once, so enable, sign-in and disable use codes of three consecutive time steps.
    const step = await totpStepWithTimeLeft(5);
    await t.http().post('/api/v1/auth/totp/enable').set(bearer(owner.tokens)).send({ code: totpCodeAt(setup.secret, step - 1) }).expect(204);
    expectProblem(await t.http().post('/api/v1/auth/login').send({ email: owner.email, password: PASSWORD }), 401, 'totp-required');
    expectProblem(await t.http().post('/api/v1/auth/login').send({ email: owner.email, password: PASSWORD, totpCode: '123456' }), 401, 'invalid-totp');
    const tokens = await login(t, owner.email, PASSWORD, totpCodeAt(setup.secret, step));
    await t.http().post('/api/v1/auth/totp/disable').set(bearer(tokens)).send({ code: totpCodeAt(setup.secret, step + 1) }).expect(204);
    await login(t, owner.email);
  });

  it('lists sessions and revokes another one', async () => {
    const owner = await signup(t);
    const other = await login(t, owner.email);
    const list = (await t.http().get('/api/v1/auth/sessions').set(bearer(owner.tokens)).expect(200)).body.data;
    expect(list).toHaveLength(2);
    const otherSession = list.find((s: { current: boolean }) => !s.current);
    await t.http().delete(`/api/v1/auth/sessions/${otherSession.id}`).set(bearer(owner.tokens)).expect(204);
    expectProblem(await t.http().get('/api/v1/auth/me').set(bearer(other)), 401);
    const stranger = await signup(t);
    const mine = (await t.http().get('/api/v1/auth/sessions').set(bearer(owner.tokens))).body.data[0];
    expectProblem(await t.http().delete(`/api/v1/auth/sessions/${mine.id}`).set(bearer(stranger.tokens)), 404);
  });

  it('refuses tokens that are missing, malformed or signed with another key', async () => {
    expectProblem(await t.http().get('/api/v1/auth/me'), 401);
    expectProblem(await t.http().get('/api/v1/auth/me').set('Authorization', 'Bearer nonsense'), 401);
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMTk0YjAwMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDAiLCJ0aWQiOm51bGwsInNpZCI6IjAxOTRiMDAwLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMCJ9.c2lnbmF0dXJl';
    expectProblem(await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`), 401);
  });

  it('verifies HS256 tokens of its secret only: not another secret, another algorithm or an unsigned token', async () => {
    const owner = await signup(t, { name: 'Keyed' });
    const { iat: _iat, exp: _exp, ...claims } = JSON.parse(Buffer.from(owner.tokens.accessToken.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: expect.any(String), sid: expect.any(String), tid: owner.tenantId });
    const me = (token: string) => t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

    // the app's key is the JWT_SECRET string's bytes: a token signed with the string verifies
    const secret = loadConfig().jwtSecret;
    const resigned = new JwtService({ secret }).sign(claims, { algorithm: 'HS256', expiresIn: 60 });
    expect((await me(resigned).expect(200)).body.user.email).toBe(owner.email);

    const otherSecret = new JwtService({ secret: 'another-secret-of-at-least-thirty-two-characters' }).sign(claims, { algorithm: 'HS256', expiresIn: 60 });
    const otherAlgorithm = new JwtService({ secret }).sign(claims, { algorithm: 'HS512', expiresIn: 60 });
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = encode({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 });
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${body}.`;
    const unsignedWithSignature = `${encode({ alg: 'none', typ: 'JWT' })}.${body}.${resigned.split('.')[2]}`;
    for (const token of [otherSecret, otherAlgorithm, unsigned, unsignedWithSignature]) expectProblem(await me(token), 401);
  });
});
