// `npm run openapi`: regenerate openapi.json from the code and the SPA's typed client from it.
import { execFileSync } from 'node:child_process';

const opts = { stdio: 'inherit' };
execFileSync(process.execPath, ['scripts/build.mjs', '--server-only'], opts);
execFileSync(process.execPath, ['dist/apps/api/src/openapi-export.js', 'openapi.json'], opts);
execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', 'openapi.json', '--redocly', 'libs/api-client/redocly.yaml', '-o', 'libs/api-client/src/schema.d.ts'], opts);
