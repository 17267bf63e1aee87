import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { bench } from './proc.mjs';

/** Where and on what the numbers were taken, written beside them. */
export function machine() {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    loadAverageAtStart: loadavg().map((v) => Number(v.toFixed(2))),
  };
}

/** Writes bench/results/<scenario>-<date>.json; a --quick run goes to bench/results/tmp/ (not committed), so it never replaces a full run's file. */
export function writeResult(scenario, result) {
  const dir = resolve(bench, result.quick ? 'results/tmp' : 'results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `${scenario}-${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** The counted work per request (bench/lib/counts.mjs) as table columns: field → header. */
export const COUNT_COLUMNS = {
  sqlRoundTrips: 'SQL round trips',
  sqlStatements: 'SQL statements',
  transactions: 'transactions',
  poolCheckouts: 'pool checkouts',
  redisRoundTrips: 'Redis round trips',
};
