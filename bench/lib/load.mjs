import { resolve } from 'node:path';
import { bench, cpuMs, nextMessage, startNode, stopChild } from './proc.mjs';

/** CPU time per pid of a group given as pids or as a function listing them now (pools open and close connections). */
async function cpuSnapshot(pids) {
  const list = typeof pids === 'function' ? await pids() : pids;
  return new Map(list.map((pid) => [pid, cpuMs(pid)]));
}

/** CPU used between two snapshots: processes that appeared count from zero, processes that ended are left out. */
export function cpuBetween(before, after) {
  let total = 0;
  for (const [pid, now] of after) if (now > 0) total += now - (before.get(pid) ?? 0);
  return total;
}

/** One load generator child reused for every run of a scenario (its start-up stays out of the numbers). */
export async function startLoadGenerator() {
  const child = startNode(resolve(bench, 'children/autocannon.mjs'), { ipc: true });
  return {
    /**
     * Runs autocannon with `options` and returns its summary plus the CPU used during the run by the
     * load generator and by each group of measured processes ({ name: [pid, ...] or async () => [pid, ...] }).
     */
    async run(options, measured = {}) {
      const started = nextMessage(child, 'started');
      const done = nextMessage(child, 'done');
      child.send({ type: 'run', options });
      await started;
      const t0 = performance.now();
      const before = await Promise.all(Object.values(measured).map(cpuSnapshot));
      const message = await done;
      const wallMs = performance.now() - t0;
      const after = await Promise.all(Object.values(measured).map(cpuSnapshot));
      const cpu = Object.fromEntries(Object.keys(measured).map((name, i) => [name, cpuBetween(before[i], after[i])]));
      return { ...message.result, wallMs, cpuMs: cpu, loadGeneratorCpuMs: message.cpuMs };
    },
    stop: () => stopChild(child),
  };
}
