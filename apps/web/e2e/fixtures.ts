import { test as base, expect, type APIRequestContext, type Page, type Route } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { AccessibilityWatch, describeViolations } from './accessibility';

/**
 * Every spec's `test`: an automatic fixture checks each page state the spec reaches, in every browser
 * context it opens, with axe-core (WCAG 2.1 A/AA), and fails the test on a serious or critical violation.
 */
export const test = base.extend<{ accessibility: AccessibilityWatch }>({
  accessibility: [
    async ({ context, browser }, use, testInfo) => {
      const watch = new AccessibilityWatch();
      await watch.watch(context);
      const newContext = browser.newContext;
      browser.newContext = async (options) => {
        const opened = await newContext.call(browser, options);
        await watch.watch(opened);
        return opened;
      };
      try {
        await use(watch);
      } finally {
        browser.newContext = newContext;
      }
      const { violations, errors } = await watch.finish();
      testInfo.annotations.push({ type: 'accessibility', description: `${watch.states} page states checked with axe-core` });
      expect(errors.join('\n'), 'axe-core could not check a page').toBe('');
      expect(describeViolations(violations), 'axe-core (WCAG 2.1 A/AA) found serious or critical violations').toBe('');
    },
    { auto: true },
  ],
});
export { expect };

/**
 * Routes the page's next `method …urlEnd` request through a fetch-and-fulfil, so its JSON body is read
 * before the page acts on it (reading it from `waitForResponse` fails when the page navigates away on
 * that response: the body is gone by then). Resolves once the route is in place; `body` resolves with
 * the parsed response.
 */
export async function captureNextJson<T>(page: Page, method: string, urlEnd: string): Promise<{ body: Promise<T> }> {
  let settle!: { resolve: (value: T) => void; reject: (error: Error) => void };
  const body = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  const matches = (url: URL) => url.pathname.endsWith(urlEnd);
  const handler = async (route: Route) => {
    if (route.request().method() !== method) return route.fallback();
    try {
      await page.unroute(matches, handler);
      const response = await route.fetch();
      const text = await response.text();
      await route.fulfill({ response, body: text });
      settle.resolve(JSON.parse(text) as T);
    } catch (error) {
      settle.reject(error as Error);
    }
  };
  await page.route(matches, handler);
  return { body };
}

export const DEMO_PASSWORD = 'Passw0rd!demo';
export const NEW_PASSWORD = 'Sup3r-secret-pass';
const API = '/api/v1';

/** An address no other test (or earlier run) uses. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@e2e.test`;
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function decodeBody(headers: string, body: string): string {
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** The decoded bodies of a raw .eml: the whole message and each MIME part, per its transfer encoding. */
function emailTexts(raw: string): string[] {
  const texts: string[] = [];
  // MIME parts first: the top-level body of a multipart message still holds the encoded parts.
  const parts = [...raw.split(/\r?\n--[^\r\n]+\r?\n/).slice(1), raw];
  for (const part of parts) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    texts.push(decodeBody(part.slice(0, split.index), part.slice(split.index + split[0].length)));
  }
  return texts;
}

function mailDir(): string {
  return path.resolve(process.env.MAIL_DIR ?? path.resolve(__dirname, '../../../var/e2e-mail'));
}

/** Waits for the newest email to `recipient` that contains a link to `linkPath`; returns that link's path and query. */
export async function readEmailLink(recipient: string, linkPath: string, timeoutMs = 20_000): Promise<string> {
  const pattern = new RegExp(`${linkPath.replace(/[/]/g, '\\/')}\\?token=[A-Za-z0-9_\\-.~%]+`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let files: string[] = [];
    try {
      files = readdirSync(mailDir()).filter((name) => name.endsWith('.eml'));
    } catch {
      // The directory appears with the first email.
    }
    const candidates = files
      .map((name) => path.join(mailDir(), name))
      .map((file) => ({ file, mtime: statSync(file).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { file } of candidates) {
      const raw = readFileSync(file, 'utf8');
      const to = /^To:[ \t]*(\S.*)$/im.exec(raw)?.[1] ?? '';
      if (!to.toLowerCase().includes(recipient.toLowerCase())) continue;
      for (const text of emailTexts(raw)) {
        const match = pattern.exec(text);
        if (match) return match[0];
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No email to ${recipient} with a ${linkPath} link in ${mailDir()}`);
}

interface Tokens {
  accessToken: string;
}

export async function apiLogin(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await request.post(`${API}/auth/login`, { data: { email, password } });
  expect(response.ok(), await response.text()).toBeTruthy();
  return ((await response.json()) as Tokens).accessToken;
}

/** A tenant of one test: its owner signs in with `ownerEmail` and NEW_PASSWORD; `token` is the owner's access token. */
export interface TestTenant {
  id: string;
  name: string;
  ownerEmail: string;
  token: string;
}

/**
 * Signs up a fresh tenant through the API (signup, then the emailed confirmation link), so that a test
 * never shares a tenant, and so its events, members or settings, with a test running beside it.
 */
export async function signUpTenant(request: APIRequestContext, label: string): Promise<TestTenant> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `E2E ${label} ${suffix}`;
  const ownerEmail = uniqueEmail(label.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  const signup = await request.post(`${API}/auth/signup`, { data: { name: `${label} Owner`, email: ownerEmail, password: NEW_PASSWORD, tenantName: name } });
  expect(signup.status(), await signup.text()).toBe(202);
  const token = new URL(await readEmailLink(ownerEmail, '/confirm-signup'), 'http://x').searchParams.get('token');
  const confirmed = await request.post(`${API}/auth/signup/confirm`, { data: { token } });
  expect(confirmed.ok(), await confirmed.text()).toBeTruthy();
  const result = (await confirmed.json()) as { tenant: { id: string; name: string }; tokens: Tokens };
  expect(result.tenant.name).toBe(name);
  return { id: result.tenant.id, name, ownerEmail, token: result.tokens.accessToken };
}

/** Invites `email` into the tenant with the given role keys and accepts the invitation, all through the API. */
export async function createMemberThroughApi(request: APIRequestContext, tenant: TestTenant, email: string, roleKeys: string[]) {
  const headers = { Authorization: `Bearer ${tenant.token}` };
  const roles = (await (await request.get(`${API}/roles`, { headers })).json()) as { data: { id: string; key: string }[] };
  const roleIds = roles.data.filter((role) => roleKeys.includes(role.key)).map((role) => role.id);
  expect(roleIds).toHaveLength(roleKeys.length);
  const invited = await request.post(`${API}/invitations`, { headers, data: { email, roleIds } });
  expect(invited.ok(), await invited.text()).toBeTruthy();
  const link = await readEmailLink(email, '/accept-invitation');
  const invitationToken = new URL(link, 'http://x').searchParams.get('token');
  const accepted = await request.post(`${API}/invitations/accept`, {
    data: { token: invitationToken, name: 'E2E Member', password: NEW_PASSWORD },
  });
  expect(accepted.ok(), await accepted.text()).toBeTruthy();
}

/**
 * Runs SQL as the owner role in the database of the e2e server on E2E_PORT (serve-e2e.mjs names it),
 * for rows no route creates. Row-level security does not bind the owner.
 */
export async function ownerQuery<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const file = path.resolve(__dirname, `../../../var/e2e-server-${process.env.E2E_PORT ?? 3100}.json`);
  const { databaseOwnerUrl } = JSON.parse(readFileSync(file, 'utf8')) as { databaseOwnerUrl: string };
  const client = new Client({ connectionString: databaseOwnerUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
