// `npm start`: build, prepare the database (embedded PostgreSQL if none answers), seed the demo,
// then serve API + worker + SPA on http://localhost:3000.
import { ensurePostgres, loadEnvFile, redisAnswers, run, serve } from './stack.mjs';

loadEnvFile();
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 22) {
  // Still starts today, but nothing tests it any more and several dependencies declare node >= 22.12.
  console.warn(`Node.js ${process.versions.node} is past its end of life and not supported: use Node.js 22 (22.12+) or 24.`);
}
const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!(await redisAnswers(redisUrl))) {
  console.error(`Redis is not answering at ${redisUrl}; start one with: redis-server --daemonize yes --port 6379 (or set REDIS_URL)`);
  process.exit(1);
}
await run(process.execPath, ['scripts/build.mjs'], env);
const pg = await ensurePostgres(env);
await run(process.execPath, ['dist/apps/api/src/prepare.js', '--seed'], env);
const url = env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`;
console.log(`\nBack office: ${url}   API: ${url}/api/v1   Docs: ${url}/api/docs   Emails: var/mail/\nPress Ctrl-C to stop.\n`);
serve(env, { onStop: async () => pg?.stop() });
