import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../src/openapi';
import { bearer, expectProblem, login, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { fillPath, listRoutes, RouteInfo } from './routes';

type Schema = Record<string, any>;

/** Every string without maxLength (enums excepted) and array without maxItems reachable from a schema. */
function unbounded(document: OpenAPIObject, schema: Schema | undefined, where: string, seen = new Set<string>()): string[] {
  if (!schema) return [];
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    if (seen.has(name)) return [];
    seen.add(name);
    return unbounded(document, document.components!.schemas![name] as Schema, `${where} (${name})`, seen);
  }
  const found: string[] = [];
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) found.push(...unbounded(document, part, where, seen));
  if (schema.type === 'string' && schema.maxLength === undefined && !schema.enum) found.push(`${where}: string without maxLength`);
  if (schema.type === 'array') {
    if (schema.maxItems === undefined) found.push(`${where}: array without maxItems`);
    found.push(...unbounded(document, schema.items, `${where}[]`, seen));
  }
  for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) found.push(...unbounded(document, property, `${where}.${key}`, seen));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') found.push(...unbounded(document, schema.additionalProperties, `${where}.*`, seen));
  return found;
}

const isProblem = (res: { status: number; headers: Record<string, string> }) => res.status >= 400 && res.status < 500 && /application\/problem\+json/.test(res.headers['content-type'] ?? '');

describe('bounded work per request on every route (e2e)', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    routes = listRoutes(t.app);
    const owner = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [owner.userId]);
    token = (await login(t, owner.email)).accessToken;
  });
  afterAll(async () => t.close());

  const send = (route: RouteInfo, url = fillPath(route.path)) => (t.http() as any)[route.method](url).set(bearer(token));

  it('every request body and query string property in the OpenAPI document has maxLength / maxItems', () => {
    const document = buildOpenApiDocument(t.app);
    const found: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item as Record<string, any>)) {
        const label = `${method.toUpperCase()} ${path}`;
        for (const parameter of operation.parameters ?? []) if (parameter.in === 'query') found.push(...unbounded(document, parameter.schema, `${label} ?${parameter.name}`));
        found.push(...unbounded(document, operation.requestBody?.content?.['application/json']?.schema, `${label} body`));
      }
    }
    expect(found).toEqual([]);
  });

  it('a public route refuses a 470 KB body of unknown keys with 413, before parsing', async () => {
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 45_000 }, (_, i) => [`k${i}`, 1])));
    expect(body.length).toBeGreaterThan(400_000);
    const res = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(body);
    expectProblem(res, 413, 'payload-too-large');
    // the same body is within an authenticated route's limit, and refused by the field count instead
    const authed = await t.http().post('/api/v1/roles').set(bearer(token)).set('content-type', 'application/json').send(body);
    expectProblem(authed, 400, 'validation-failed');
    expect(authed.body.errors).toEqual([{ field: '(body)', message: 'must have at most 200 fields' }]);
  });

  it('validation answers at most 10 field errors and says how many it left out', async () => {
    const res = await t.http().post('/api/v1/roles').set(bearer(token)).send(Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`unknown${i}`, true])));
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors).toHaveLength(10);
    expect(res.body.detail).toMatch(/more errors left out/);
  });

  it('deep JSON, NUL characters and long strings are a 400 naming the field', async () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const deepRes = await t.http().post('/api/v1/roles').set(bearer(token)).set('content-type', 'application/json').send(deep);
    expectProblem(deepRes, 400, 'validation-failed');
    expect(deepRes.body.errors[0].message).toBe('is nested deeper than 32 levels');
    const nul = await t.http().post('/api/v1/roles').set(bearer(token)).send({ name: 'Editors\u0000', permissions: [] });
    expectProblem(nul, 400, 'validation-failed');
    expect(nul.body.errors).toEqual([{ field: 'name', message: 'must not contain NUL characters' }]);
    const nulKey = await t.http().post('/api/v1/roles').set(bearer(token)).send({ ['na\u0000me']: 'x' });
    expect(nulKey.body.errors).toEqual([{ field: '(body)', message: 'has a field name that must not contain NUL characters' }]);
    const nested = await t.http().patch('/api/v1/tenant').set(bearer(token)).send({ settings: { supportEmail: 'x'.repeat(100_001) } });
    expect(nested.body.errors).toEqual([{ field: 'settings.supportEmail', message: 'must be at most 100000 characters' }]);
    const many = await t.http().patch('/api/v1/tenant').set(bearer(token)).send({ name: Array.from({ length: 20 }, () => Array.from({ length: 1000 }, () => 0)) });
    expect(many.body.errors).toEqual([{ field: '(body)', message: 'must hold at most 2000 values' }]);
    const query = await t.http().get('/api/v1/members?q=a%00b').set(bearer(token));
    expectProblem(query, 400, 'validation-failed');
    expect(query.body.errors).toEqual([{ field: 'query.q', message: 'must not contain NUL characters' }]);
    const path = await t.http().get('/api/v1/email-templates/invitation%00').set(bearer(token));
    expectProblem(path, 400, 'validation-failed');
    expect(path.body.errors[0].field).toBe('path.key');
  });

  it('every route answers oversized, deep, NUL-carrying and huge-array input with a small 4xx problem', async () => {
    const manyKeys = JSON.stringify(Object.fromEntries(Array.from({ length: 45_000 }, (_, i) => [`k${i}`, 1])));
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const hugeArray = JSON.stringify({ permissions: Array.from({ length: 100_000 }, () => 1) });
    const failures: string[] = [];
    for (const route of routes) {
      const attempts: Array<[string, () => any]> = [
        ['NUL in a query parameter', () => send(route, `${fillPath(route.path)}?limit=1%00&cursor=%00`)],
        ['many query parameters', () => send(route, `${fillPath(route.path)}?${Array.from({ length: 300 }, (_, i) => `q${i}=1`).join('&')}`)],
      ];
      if (route.path.includes('{')) attempts.push(['NUL in the path', () => send(route, fillPath(route.path, {}, 'x%00y'))]);
      if (route.method !== 'get') {
        attempts.push(
          ['45,000 unknown keys', () => send(route).set('content-type', 'application/json').send(manyKeys)],
          ['10,000-deep JSON', () => send(route).set('content-type', 'application/json').send(deep)],
          ['NUL in a body field', () => send(route).send({ name: 'a\u0000b', email: 'a\u0000@example.test', token: '\u0000'.repeat(30), key: '\u0000' })],
          ['100,000-item array', () => send(route).set('content-type', 'application/json').send(hugeArray)],
        );
      }
      for (const [label, attempt] of attempts) {
        const res = await attempt();
        const size = Buffer.byteLength(res.text ?? '');
        if (!isProblem(res) || size > 2048) failures.push(`${route.method.toUpperCase()} ${route.path} [${label}] → ${res.status} ${res.headers['content-type']} ${size} bytes`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('only JSON bodies are accepted: form-encoded and text bodies get 415 on every route that takes a body', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.method !== 'get')) {
      for (const [type, body] of [
        ['application/x-www-form-urlencoded', 'email=a%40example.test&password=x&name=Editors'],
        ['text/plain', '{"name":"Editors","permissions":[]}'],
        ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nEditors\r\n--x--\r\n'],
      ]) {
        const res = await send(route).set('content-type', type).send(body);
        if (res.status !== 415 || res.body.type !== 'https://problems.backoffice.dev/unsupported-media-type' || !isProblem(res)) {
          failures.push(`${route.method.toUpperCase()} ${route.path} [${type}] → ${res.status} ${res.headers['content-type']}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // a JSON body with a charset or a structured +json type is still JSON
    await t.http().post('/api/v1/auth/login').set('content-type', 'application/json; charset=utf-8').send('{"email":"nobody@example.test","password":"wrong-password-1"}').expect(401);
    await t.http().post('/api/v1/auth/login').set('content-type', 'application/merge-patch+json').send('{"email":"nobody@example.test","password":"wrong-password-1"}').expect(401);
  });
});
