import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { bearer, expectProblem, login, ownerQuery, PASSWORD, signup, signupTokenSentTo, startTestApp, TestApp, Tokens, uniqueEmail } from './harness';
import { invitationTokenSentTo, roleIds } from './team.fixtures';
import { totpCodeAt, totpStepWithTimeLeft } from './totp.fixtures';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Account-security steps that must hold when requests race: counted attempts, one-time secrets, TOTP steps. */
describe('account security (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const openTokens = async (userId: string, purpose: string) =>
    (await ownerQuery(t, `select count(*)::int as n from user_tokens where user_id = $1 and purpose = $2 and used_at is null`, [userId, purpose]))[0].n;

  /** Replaces the user's open tokens of a purpose with one whose raw value the test knows. */
  async function plantToken(userId: string, purpose: 'password_reset' | 'email_verification'): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await ownerQuery(t, `update user_tokens set used_at = now() where user_id = $1 and purpose = $2 and used_at is null`, [userId, purpose]);
    await ownerQuery(t, `insert into user_tokens (id, user_id, purpose, token_hash, expires_at) values ($1, $2, $3, $4, now() + interval '15 minutes')`, [
      randomUUID(),
      userId,
      purpose,
      sha256(token),
    ]);
    return token;
  }

  it('checks at most 5 of 12 parallel wrong passwords, for a known and an unknown email alike', async () => {
    const owner = await signup(t);
    for (const email of [owner.email, uniqueEmail('ghost')]) {
      const answers = await Promise.all(Array.from({ length: 12 }, () => t.http().post('/api/v1/auth/login').send({ email, password: 'wrong-password-1' })));
      expect(answers.filter((r) => r.status === 401)).toHaveLength(5);
      const locked = answers.filter((r) => r.status !== 401);
      expect(locked).toHaveLength(7);
      for (const res of locked) expectProblem(res, 429, 'login-locked');
      expectProblem(await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }), 429, 'login-locked');
    }
  });

  it('resets the failure count on a successful sign-in', async () => {
    const owner = await signup(t);
    for (let i = 0; i < 4; i++) expectProblem(await t.http().post('/api/v1/auth/login').send({ email: owner.email, password: 'wrong-password-1' }), 401, 'invalid-credentials');
    await login(t, owner.email);
    for (let i = 0; i < 4; i++) expectProblem(await t.http().post('/api/v1/auth/login').send({ email: owner.email, password: 'wrong-password-1' }), 401, 'invalid-credentials');
    await login(t, owner.email);
  });

  it('keeps one password-reset link of three requested at once, and a link works once even when used twice at once', async () => {
    const owner = await signup(t);
    const forgot = () => t.http().post('/api/v1/auth/password/forgot').send({ email: owner.email });
    for (const res of await Promise.all([forgot(), forgot(), forgot()])) expect(res.status).toBe(202);
    expect(await openTokens(owner.userId, 'password_reset')).toBe(1);

    const earlier = await plantToken(owner.userId, 'password_reset');
    await forgot().expect(202);
    expectProblem(await t.http().post('/api/v1/auth/password/reset').send({ token: earlier, password: 'N3w-password-long' }), 410, 'token-invalid');

    const token = await plantToken(owner.userId, 'password_reset');
    const reset = (password: string) => t.http().post('/api/v1/auth/password/reset').send({ token, password });
    const answers = await Promise.all([reset('N3w-password-one'), reset('N3w-password-two')]);
    expect(answers.map((r) => r.status).sort()).toEqual([204, 410]);
    expect(await openTokens(owner.userId, 'password_reset')).toBe(0);
  });

  it('keeps one verification link of three resent at once, and verifies once when used twice at once', async () => {
    const owner = await signup(t);
    // A confirmed signup is verified already; an unverified address is what asks for links.
    await ownerQuery(t, `update users set email_verified_at = null where id = $1`, [owner.userId]);
    const resend = () => t.http().post('/api/v1/auth/email/resend').set(bearer(owner.tokens)).send({});
    for (const res of await Promise.all([resend(), resend(), resend()])) expect(res.status).toBe(202);
    expect(await openTokens(owner.userId, 'email_verification')).toBe(1);

    const token = await plantToken(owner.userId, 'email_verification');
    const verify = () => t.http().post('/api/v1/auth/email/verify').send({ token });
    const answers = await Promise.all([verify(), verify()]);
    expect(answers.map((r) => r.status).sort()).toEqual([204, 410]);
    expect(await ownerQuery(t, `select action from audit_logs where entity_id = $1 and action = 'user.email_verified'`, [owner.userId])).toHaveLength(1);
  });

  it('accepts an invitation once when its link is used twice at once', async () => {
    const owner = await signup(t);
    const email = uniqueEmail('twice');
    await t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email, roleIds: [(await roleIds(t, owner.tokens)).viewer] }).expect(201);
    const token = await invitationTokenSentTo(t, email);
    const accept = () => t.http().post('/api/v1/invitations/accept').send({ token, name: 'Twice', password: PASSWORD });
    const answers = await Promise.all([accept(), accept()]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 410]);
    expect(await ownerQuery(t, `select 1 from users where email = $1`, [email])).toHaveLength(1);
    expect(await ownerQuery(t, `select 1 from memberships m join users u on u.id = m.user_id where m.tenant_id = $1 and u.email = $2`, [owner.tenantId, email])).toHaveLength(1);
  });

  it('keeps one live invitation of three sent to one address at once', async () => {
    const owner = await signup(t);
    const email = uniqueEmail('thrice');
    const viewer = (await roleIds(t, owner.tokens)).viewer;
    const invite = () => t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email, roleIds: [viewer] });
    for (const res of await Promise.all([invite(), invite(), invite()])) expect(res.status).toBe(201);
    const live = await ownerQuery(t, `select 1 from invitations where tenant_id = $1 and email = $2 and accepted_at is null and revoked_at is null`, [owner.tenantId, email]);
    expect(live).toHaveLength(1);
  });

  it('rotates a refresh token once when it is presented twice at once (the second counts as reuse)', async () => {
    const owner = await signup(t);
    const refresh = () => t.http().post('/api/v1/auth/refresh').send({ refreshToken: owner.tokens.refreshToken });
    const answers = await Promise.all([refresh(), refresh()]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
    const live = await ownerQuery(t, `select 1 from refresh_tokens rt join auth_sessions s on s.id = rt.session_id where s.user_id = $1 and rt.rotated_at is null and s.revoked_at is null`, [owner.userId]);
    expect(live).toHaveLength(0);
  });

  it('accepts each TOTP code once: enable, sign-in (also twice at once) and disable', async () => {
    const owner = await signup(t);
    const secret = (await t.http().post('/api/v1/auth/totp/setup').set(bearer(owner.tokens)).send({}).expect(201)).body.secret;
    const step = await totpStepWithTimeLeft(5);
    const enableCode = totpCodeAt(secret, step - 1);
    await t.http().post('/api/v1/auth/totp/enable').set(bearer(owner.tokens)).send({ code: enableCode }).expect(204);
    const signIn = (totpCode: string) => t.http().post('/api/v1/auth/login').send({ email: owner.email, password: PASSWORD, totpCode });
    expectProblem(await signIn(enableCode), 401, 'invalid-totp');

    const code = totpCodeAt(secret, step);
    const answers = await Promise.all([signIn(code), signIn(code)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
    expectProblem(await signIn(code), 401, 'invalid-totp');
    const tokens: Tokens = answers.find((r) => r.status === 200)!.body;
    // An older code, still inside the window, is refused once a newer one was used.
    expectProblem(await t.http().post('/api/v1/auth/totp/disable').set(bearer(tokens)).send({ code: enableCode }), 400, 'validation-failed');
    expectProblem(await t.http().post('/api/v1/auth/totp/disable').set(bearer(tokens)).send({ code }), 400, 'validation-failed');
    await t.http().post('/api/v1/auth/totp/disable').set(bearer(tokens)).send({ code: totpCodeAt(secret, step + 1) }).expect(204);
    await login(t, owner.email);
  });

  it('checks at most 5 of 12 parallel wrong codes when turning two-factor on', async () => {
    const owner = await signup(t);
    const secret = (await t.http().post('/api/v1/auth/totp/setup').set(bearer(owner.tokens)).send({}).expect(201)).body.secret;
    const step = await totpStepWithTimeLeft(5);
    const wrong = String((Number(totpCodeAt(secret, step)) + 500000) % 1000000).padStart(6, '0');
    const enable = (code: string) => t.http().post('/api/v1/auth/totp/enable').set(bearer(owner.tokens)).send({ code });
    const answers = await Promise.all(Array.from({ length: 12 }, () => enable(wrong)));
    expect(answers.filter((r) => r.status === 400)).toHaveLength(5);
    for (const res of answers.filter((r) => r.status !== 400)) expectProblem(res, 429, 'totp-locked');
    expectProblem(await enable(totpCodeAt(secret, step)), 429, 'totp-locked');
  });

  it('treats an address written decomposed (NFD) or in another case as the same account', async () => {
    const local = `rene-${randomBytes(4).toString('hex')}`;
    const nfc = `${local}\u00e9@example.test`;
    const nfd = `${local}e\u0301@example.test`.toUpperCase();
    const owner = await signup(t, { email: nfc });
    // Signup answers alike for every address; the existing account's owner gets the notice instead.
    await t.http().post('/api/v1/auth/signup').send({ email: nfd, password: PASSWORD, name: 'Twin', tenantName: 'Twin Co' }).expect(202);
    expect(await ownerQuery(t, `select email from users where email like $1`, [`${local}%`])).toEqual([{ email: nfc }]);
    expect(await ownerQuery(t, `select count(*)::int as n from signup_requests where email like $1 and confirmed_at is null`, [`${local}%`])).toEqual([{ n: 0 }]);
    expect(await ownerQuery(t, `select to_address from email_messages where template_key = 'signup-existing-account' and to_address like $1`, [`${local}%`])).toEqual([{ to_address: nfc }]);
    await login(t, nfd);
    await t.http().post('/api/v1/auth/password/forgot').send({ email: nfd }).expect(202);
    expect(await openTokens(owner.userId, 'password_reset')).toBe(1);

    const other = await signup(t);
    const viewer = (await roleIds(t, other.tokens)).viewer;
    const invited = await t.http().post('/api/v1/invitations').set(bearer(other.tokens)).send({ email: nfd, roleIds: [viewer] }).expect(201);
    expect(invited.body.email).toBe(nfc);
    const members = (await t.http().get(`/api/v1/members?q=${encodeURIComponent(nfd)}`).set(bearer(owner.tokens)).expect(200)).body.data;
    expect(members.map((m: { email: string }) => m.email)).toEqual([nfc]);
  });

  it('refuses a second account for the same address confirmed twice at once', async () => {
    const email = uniqueEmail('race');
    await t.http().post('/api/v1/auth/signup').send({ email, password: PASSWORD, name: 'Race', tenantName: 'Race Co' }).expect(202);
    const first = await signupTokenSentTo(t, email);
    // Two signups racing each other can both leave an open link: plant the second one.
    const second = randomBytes(32).toString('base64url');
    await ownerQuery(t, `insert into signup_requests (id, email, name, tenant_name, password_hash, token_hash, expires_at)
      select $1, email, name, tenant_name, password_hash, $2, now() + interval '1 hour' from signup_requests where email = $3 limit 1`, [randomUUID(), sha256(second), email]);
    const answers = await Promise.all([first, second].map((token) => t.http().post('/api/v1/auth/signup/confirm').send({ token })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    expectProblem(answers.find((r) => r.status === 409)!, 409, 'email-taken');
    expect(await ownerQuery(t, `select count(*)::int as n from users where email = $1`, [email])).toEqual([{ n: 1 }]);
  });
});
