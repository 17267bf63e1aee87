// Prints the latest bench/results/*.json as the Markdown tables of bench/README.md.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve(new URL('.', import.meta.url).pathname, 'results');
const latest = new Map();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) latest.set(file.replace(/-\d{4}-\d{2}-\d{2}\.json$/, ''), file);

const cell = (v) => (v === null || v === undefined ? '–' : String(v));
const columns = {
  http: ['requestsPerSecond', 'latencyP50Ms', 'latencyP99Ms', 'serverCpuPercent', 'serverCpuMsPer1kRequests', 'postgresCpuPercent', 'loadGeneratorCpuPercent'],
  list: ['requestsPerSecond', 'latencyP50Ms', 'latencyP99Ms', 'apiCpuPercent', 'clientCpuPercent', 'postgresCpuPercent'],
  bounds: ['status', 'delayMsP50', 'delayMsP90', 'delayMsMax', 'requestBytes', 'responseBytes'],
  jobs: ['jobsPerSecond', 'drainSeconds', 'workerCpuPercent', 'workerCpuMsPerJob', 'postgresCpuPercent', 'postgresCpuMsPerJob'],
};

for (const [scenario, file] of latest) {
  const result = JSON.parse(readFileSync(resolve(dir, file), 'utf8'));
  const cols = columns[scenario] ?? Object.keys(Object.values(result.medians)[0]);
  console.log(`### ${scenario} — ${file} (median of ${result.settings.runs} runs${result.quick ? ', quick' : ''})\n`);
  console.log(`| variant | ${cols.join(' | ')} |`);
  console.log(`|---|${cols.map(() => '---:').join('|')}|`);
  for (const [name, medians] of Object.entries(result.medians)) console.log(`| ${name} | ${cols.map((c) => cell(medians[c])).join(' | ')} |`);
  console.log('\n| ratio | ' + [...new Set(Object.values(result.ratios).flatMap(Object.keys))].join(' | ') + ' |');
  const ratioCols = [...new Set(Object.values(result.ratios).flatMap(Object.keys))];
  console.log(`|---|${ratioCols.map(() => '---:').join('|')}|`);
  for (const [name, values] of Object.entries(result.ratios)) console.log(`| ${name} | ${ratioCols.map((c) => cell(values[c])).join(' | ')} |`);
  console.log('');
}
