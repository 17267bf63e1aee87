import { resolve } from 'node:path';
import { bench, cpuOf, nextMessage, startNode, stopChild } from './proc.mjs';

/** One load generator child reused for every run of a scenario (its start-up stays out of the numbers). */
export async function startLoadGenerator() {
  const child = startNode(resolve(bench, 'children/autocannon.mjs'), { ipc: true });
  return {
    /**
     * Runs autocannon with `options` and returns its summary plus the CPU used during the run by the
     * load generator and by each group of measured pids ({ name: [pid, ...] }).
     */
    async run(options, measured = {}) {
      const started = nextMessage(child, 'started');
      const done = nextMessage(child, 'done');
      child.send({ type: 'run', options });
      await started;
      const t0 = performance.now();
      const before = Object.fromEntries(Object.entries(measured).map(([name, pids]) => [name, cpuOf(pids)]));
      const message = await done;
      const wallMs = performance.now() - t0;
      const cpu = Object.fromEntries(Object.entries(measured).map(([name, pids]) => [name, cpuOf(pids) - before[name]]));
      return { ...message.result, wallMs, cpuMs: cpu, loadGeneratorCpuMs: message.cpuMs };
    },
    stop: () => stopChild(child),
  };
}
