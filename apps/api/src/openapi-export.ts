import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApiDocument } from './openapi';

/** Writes the OpenAPI document to openapi.json (committed; the SPA client is generated from it). */
async function main(): Promise<void> {
  process.env.OPENAPI_EXPORT = '1';
  const { createApp } = await import('./app.factory');
  const app = await createApp({ silent: true, serveWeb: false });
  const document = buildOpenApiDocument(app);
  await app.close();
  const target = resolve(process.argv[2] ?? 'openapi.json');
  writeFileSync(target, JSON.stringify(document, null, 2) + '\n');
  console.log(`wrote ${target}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
