// `npm run bench [-- --scenario=http|list|write|jobs|ingest|bounds|profile] [--quick] [--runs=N] [--no-build]`: builds the
// server, runs the scenarios against a dedicated database and Redis prefix, writes bench/results/<scenario>-<date>.json
// and prints where the issue 8 and 9 targets each scenario answers stand.
import { runBounds } from './scenarios/bounds.mjs';
import { runHttp } from './scenarios/http.mjs';
import { runIngest } from './scenarios/ingest.mjs';
import { runJobs } from './scenarios/jobs.mjs';
import { runList } from './scenarios/list.mjs';
import { runProfile } from './scenarios/profile.mjs';
import { runWrite } from './scenarios/write.mjs';
import { stopAllChildren } from './lib/proc.mjs';
import { machine, writeResult } from './lib/results.mjs';
import { benchEnv, build, cleanUp, loadEnvFile, prepareDatabase } from './lib/stack.mjs';
import { evaluateTargets } from './lib/targets.mjs';

const SCENARIOS = { http: runHttp, list: runList, write: runWrite, jobs: runJobs, ingest: runIngest, bounds: runBounds, profile: runProfile };

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.includes('--quick');
const runs = Number(option('runs') ?? (quick ? 3 : 5));
const chosen = option('scenario')?.split(',') ?? Object.keys(SCENARIOS);
const unknown = chosen.filter((name) => !SCENARIOS[name]);
if (unknown.length || !Number.isInteger(runs) || runs < 1) {
  console.error(`usage: npm run bench -- [--scenario=${Object.keys(SCENARIOS).join('|')}[,...]] [--quick] [--runs=N] [--no-build]`);
  process.exit(2);
}

loadEnvFile();
const env = benchEnv();
let cleaning = null;
const finish = async () => {
  cleaning ??= (async () => {
    await stopAllChildren();
    await cleanUp(env);
  })();
  return cleaning;
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void finish().then(() => process.exit(130)));

let failed = false;
const started = Date.now();
try {
  if (!args.includes('--no-build')) build();
  prepareDatabase(env);
  for (const name of chosen) {
    console.log(`\n== ${name} (${name === 'profile' ? 'one profiled load run' : `${runs} interleaved runs`}${quick ? ', quick' : ''})`);
    const t0 = Date.now();
    const result = await SCENARIOS[name]({ env, runs, quick });
    const targets = evaluateTargets(name, result);
    const file = writeResult(name, { ...result, targets, quick, machine: machine(), date: new Date().toISOString(), elapsedSeconds: Math.round((Date.now() - t0) / 1000) });
    console.log(`medians: ${JSON.stringify(result.medians)}`);
    console.log(`ratios:  ${JSON.stringify(result.ratios)}`);
    for (const t of targets) console.log(`target:  ${t.label}: ${t.target}; measured ${t.measured ?? '–'}${t.detail ? ` (${t.detail})` : ''} → ${t.met === null ? 'not measured' : t.met ? 'met' : 'NOT met'}`);
    console.log(`written: ${file}`);
  }
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await finish();
  console.log(`\nbench finished in ${Math.round((Date.now() - started) / 1000)} s`);
}
process.exit(failed ? 1 : 0);
