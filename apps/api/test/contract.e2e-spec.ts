import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ModulesContainer } from '@nestjs/core';
import { PERMISSIONS_KEY, PUBLIC_KEY } from '@app/rbac';
import { buildOpenApiDocument } from '../src/openapi';
import { startTestApp, TestApp } from './harness';

const ROOT = resolve(__dirname, '../../..');
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('API contract (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('the committed openapi.json is what the code produces (run `npm run openapi` after changing routes)', () => {
    const committed = JSON.parse(readFileSync(resolve(ROOT, 'openapi.json'), 'utf8'));
    const current = JSON.parse(JSON.stringify(buildOpenApiDocument(t.app)));
    expect(current).toEqual(committed);
  });

  it('documents every operation with a summary, a success response, errors and its security', () => {
    const document = buildOpenApiDocument(t.app);
    const problems: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of HTTP_METHODS) {
        const operation = (item as Record<string, any>)[method];
        if (!operation) continue;
        const name = `${method.toUpperCase()} ${path}`;
        const codes = Object.keys(operation.responses ?? {});
        if (!operation.summary) problems.push(`${name}: no summary`);
        if (!codes.some((c) => c.startsWith('2'))) problems.push(`${name}: no 2xx response`);
        if (!path.includes('/health/') && !codes.some((c) => c.startsWith('4'))) problems.push(`${name}: no 4xx response`);
        if (!Array.isArray(operation.security)) problems.push(`${name}: security not stated`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lints clean with Redocly', () => {
    const result = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', 'openapi.json', '--format=summary'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    expect(result.stdout + result.stderr).not.toMatch(/error\s+\S+: \d+/);
    expect(result.status).toBe(0);
  });

  it('every route is either @Public() or declares its permissions', () => {
    const unguarded: string[] = [];
    let count = 0;
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
        if (!type) continue;
        for (const name of Object.getOwnPropertyNames(type.prototype)) {
          const handler = type.prototype[name];
          if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata('method', handler) === undefined) continue;
          count++;
          const isPublic = Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, type);
          const permissions = Reflect.getMetadata(PERMISSIONS_KEY, handler) ?? Reflect.getMetadata(PERMISSIONS_KEY, type);
          if (!isPublic && !Array.isArray(permissions)) unguarded.push(`${type.name}.${name}`);
        }
      }
    }
    expect(count).toBeGreaterThan(20);
    expect(unguarded).toEqual([]);
  });
});
