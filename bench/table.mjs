// Prints the latest bench/results/*.json as the Markdown tables of bench/README.md: each scenario's
// medians and ratios, the counted work per request, the CPU profile summary, and issues 8 and 9's targets.
// `--quick` reads the --quick runs' files in bench/results/tmp/ instead.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { profileMarkdown } from './lib/cpu-profile.mjs';
import { COUNT_COLUMNS } from './lib/results.mjs';
import { evaluateTargets, TARGETS } from './lib/targets.mjs';

const dir = resolve(new URL('.', import.meta.url).pathname, process.argv.includes('--quick') ? 'results/tmp' : 'results');
const latest = new Map();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) latest.set(file.replace(/-\d{4}-\d{2}-\d{2}\.json$/, ''), file);

const cell = (v) => (v === null || v === undefined ? '–' : String(v));
const columns = {
  http: ['requestsPerSecond', 'latencyP50Ms', 'latencyP99Ms', 'serverCpuPercent', 'serverCpuMsPer1kRequests', 'postgresCpuPercent', 'loadGeneratorCpuPercent'],
  list: ['requestsPerSecond', 'latencyP50Ms', 'latencyP99Ms', 'serverCpuPercent', 'serverCpuMsPerRequest', 'clientCpuPercent', 'postgresCpuPercent'],
  write: ['requestsPerSecond', 'latencyP50Ms', 'latencyP99Ms', 'serverCpuPercent', 'serverCpuMsPerRequest', 'postgresCpuPercent', 'postgresCpuMsPerRequest'],
  bounds: ['status', 'delayMsP50', 'delayMsP90', 'delayMsMax', 'requestBytes', 'responseBytes'],
  jobs: ['jobsPerSecond', 'drainSeconds', 'workerCpuPercent', 'workerCpuMsPerJob', 'postgresCpuPercent', 'postgresCpuMsPerJob'],
  ingest: ['requestsPerSecond', 'latencyP50Ms', 'latencyP99Ms', 'offeredRate', 'serverCpuPercent', 'serverCpuMsPerRequest', 'postgresCpuPercent', 'postgresCpuMsPerRequest'],
};
const DRAIN_COLUMNS = ['eventsPerSecond', 'drainSeconds', 'workerCpuPercent', 'workerCpuMsPerEvent', 'postgresCpuPercent', 'postgresCpuMsPerEvent'];
const results = new Map([...latest].map(([scenario, file]) => [scenario, JSON.parse(readFileSync(resolve(dir, file), 'utf8'))]));

function printCounts(scenario, result) {
  const fields = Object.keys(COUNT_COLUMNS);
  console.log(`Counted per request (${Object.values(result.counts)[0].requests} requests one at a time, API under children/api-counters.mjs):\n`);
  console.log(`| request | ${Object.values(COUNT_COLUMNS).join(' | ')} |`);
  console.log(`|---|${fields.map(() => '---:').join('|')}|`);
  const background = [];
  for (const [route, c] of Object.entries(result.counts)) {
    console.log(`| ${route} | ${fields.map((f) => cell(c[f])).join(' | ')} |`);
    if (fields.some((f) => c.background?.[f])) background.push([route, c.background]);
  }
  for (const [route, b] of background) console.log(`| ${route} · outside requests, same window | ${fields.map((f) => cell(b[f])).join(' | ')} |`);
  if (!background.length) console.log(`\nNothing ran outside requests during the counts (no timers or housekeeping touching PostgreSQL or Redis).`);
  console.log('');
}

function printTables(mediansByVariant, ratios, cols) {
  console.log(`| variant | ${cols.join(' | ')} |`);
  console.log(`|---|${cols.map(() => '---:').join('|')}|`);
  for (const [name, medians] of Object.entries(mediansByVariant)) console.log(`| ${name} | ${cols.map((c) => cell(medians[c])).join(' | ')} |`);
  const ratioCols = [...new Set(Object.values(ratios).flatMap(Object.keys))];
  if (ratioCols.length) {
    console.log(`\n| ratio | ${ratioCols.join(' | ')} |`);
    console.log(`|---|${ratioCols.map(() => '---:').join('|')}|`);
    for (const [name, values] of Object.entries(ratios)) console.log(`| ${name} | ${ratioCols.map((c) => cell(values[c])).join(' | ')} |`);
  }
  console.log('');
}

for (const [scenario, result] of results) {
  const file = latest.get(scenario);
  if (scenario === 'profile') {
    console.log(`### profile — ${file}${result.quick ? ' (quick)' : ''}\n`);
    console.log(`${result.settings.route}, ${result.settings.concurrency} connections, ${result.load.requests} requests in ${result.settings.durationSeconds} s (${Math.round(result.load.requestsPerSecond)} req/s); API CPU ${result.load.apiCpuUsPerRequest} µs/request from /proc (all threads), ${result.summary.activeUsPerRequest} µs/request sampled on the main thread.\n`);
    console.log(`${profileMarkdown(result.summary)}\n`);
    continue;
  }
  console.log(`### ${scenario} — ${file} (median of ${result.settings.runs} runs${result.quick ? ', quick' : ''})\n`);
  printTables(result.medians, result.ratios, columns[scenario] ?? Object.keys(Object.values(result.medians)[0]));
  if (result.drain) {
    console.log(`Drain of ${result.settings.drainEvents} stored + enqueued events:\n`);
    printTables(result.drain.medians, result.drain.ratios, DRAIN_COLUMNS);
  }
  if (result.counts && Object.keys(result.counts).length) printCounts(scenario, result);
}

console.log('### issue 8 and 9 targets\n');
console.log("| issue | scenario | target | measured | met | from |");
console.log('|---|---|---|---:|---|---|');
const scenarios = [...new Set(TARGETS.map((t) => t.scenario))];
for (const scenario of scenarios) {
  const result = results.get(scenario);
  for (const t of evaluateTargets(scenario, result ?? {})) {
    const measured = t.measured === null ? '–' : `${t.measured}${t.detail ? ` (${t.detail})` : ''}`;
    const met = t.met === null ? 'not measured' : t.met ? 'yes' : 'no';
    console.log(`| ${t.issue} | ${t.label} | ${t.target} | ${measured} | ${met} | ${result ? `${latest.get(scenario)}${result.quick ? ' (quick)' : ''}` : 'no results file'} |`);
  }
}
