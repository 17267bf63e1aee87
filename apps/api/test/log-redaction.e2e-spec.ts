import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSecretName } from '@app/core';
import { buildOpenApiDocument } from '../src/openapi';
import { startTestApp, TestApp } from './harness';
import { waitFor } from './net-helpers';
import { fillPath } from './routes';

interface Operation {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

/** The pages our emails link to with a token in the URL (served by the SPA; they must not leak either way). */
const EMAILED_LINKS = ['/accept-invitation', '/reset-password', '/verify-email'];

describe('request logs never hold tokens (e2e)', () => {
  let t: TestApp;
  let logFile: string;
  beforeAll(async () => {
    logFile = join(mkdtempSync(join(tmpdir(), 'bo-log-')), 'api.log');
    t = await startTestApp({ env: { LOG_LEVEL: 'info', LOG_FILE: logFile } });
  });
  afterAll(async () => t.close());

  const logLines = (): Array<{ req?: { id: string; url: string }; [key: string]: unknown }> => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    } catch {
      return [];
    }
  };

  it('no invitation, reset or verification token travels in an API URL', () => {
    const document = buildOpenApiDocument(t.app);
    const inQuery: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item) as Array<[string, Operation]>) {
        for (const parameter of operation.parameters ?? []) {
          if (parameter.in === 'query' && isSecretName(parameter.name)) inQuery.push(`${method.toUpperCase()} ${path} ?${parameter.name}`);
        }
      }
    }
    expect(inQuery).toEqual([]);
  });

  it('over every route, and the emailed links: no secret query value, Authorization or cookie reaches the log', async () => {
    const document = buildOpenApiDocument(t.app);
    const schemas = (document.components?.schemas ?? {}) as Record<string, { properties?: Record<string, unknown> }>;
    const marker = () => `SECRET${randomBytes(12).toString('hex')}`;
    const secrets: string[] = [];
    const requestIds: string[] = [];
    const sent: Array<{ method: string; url: string; body?: Record<string, string> }> = EMAILED_LINKS.map((url) => ({ method: 'get', url }));
    const bodyRoutes: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item) as Array<[string, Operation]>) {
        const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref?.split('/').pop();
        const secretFields = Object.keys((ref && schemas[ref]?.properties) || {}).filter(isSecretName);
        if (secretFields.length) bodyRoutes.push(`${method.toUpperCase()} ${path}`);
        sent.push({ method, url: fillPath(path), body: secretFields.length ? Object.fromEntries(secretFields.map((f) => [f, 'x'])) : undefined });
      }
    }
    // The routes that take a token (in the body now) are among those swept.
    expect(bodyRoutes).toEqual(expect.arrayContaining(['POST /api/v1/invitations/lookup', 'POST /api/v1/invitations/accept', 'POST /api/v1/auth/password/reset', 'POST /api/v1/auth/email/verify', 'POST /api/v1/auth/refresh']));

    for (const request of sent) {
      const values = Array.from({ length: 8 }, marker);
      secrets.push(...values);
      const requestId = `log-redaction-${randomBytes(6).toString('hex')}`;
      // Probes are not logged at all (autoLogging ignores them).
      if (!request.url.startsWith('/api/v1/health') && !EMAILED_LINKS.includes(request.url)) requestIds.push(requestId);
      const query = `token=${values[0]}&code=${values[1]}&api_key=${values[2]}&client_secret=${values[3]}&refreshToken=${values[4]}&limit=5`;
      const body = request.body ? Object.fromEntries(Object.keys(request.body).map((field) => [field, values[5]])) : {};
      let call = (t.http() as any)[request.method](`${request.url}?${query}`)
        .set('x-request-id', requestId)
        .set('Authorization', `Bearer ${values[6]}`)
        .set('Cookie', `bo_queue_dashboard=${values[7]}; other=${values[7]}`);
      if (request.method !== 'get' && request.method !== 'delete') call = call.send(body);
      await call;
    }

    // Lines are written asynchronously: wait for the line of every request sent (not just as many lines).
    await waitFor(() => {
      const logged = new Set(logLines().map((line) => line.req?.id));
      return requestIds.every((id) => logged.has(id));
    }, 'every request to be logged');
    const lines = logLines();
    const byId = new Map(lines.filter((line) => line.req).map((line) => [line.req!.id, line]));
    for (const id of requestIds) expect(byId.get(id)?.req?.url).toMatch(/token=\[REDACTED\]&code=\[REDACTED\]&api_key=\[REDACTED\]&client_secret=\[REDACTED\]&refreshToken=\[REDACTED\]&limit=5$/);
    const text = readFileSync(logFile, 'utf8');
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
    expect(text).not.toMatch(/authorization|cookie/i);
  });
});
