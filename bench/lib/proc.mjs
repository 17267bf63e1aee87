// Child processes for the benchmarks: start, wait until they answer, read their CPU time, stop them.
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const root = resolve(new URL('../..', import.meta.url).pathname);
export const bench = resolve(root, 'bench');

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ); 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/** User + system CPU time of a process, in milliseconds, from /proc/<pid>/stat (0 when it is gone). */
export function cpuMs(pid, thread) {
  try {
    // /proc/<pid>/stat sums every thread; /proc/<pid>/task/<tid>/stat is one thread (tid = pid: the main thread).
    const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", field 14 utime and 15 stime are at offsets 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export const cpuOf = (pids) => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const children = new Set();

/** Starts a node script as a child; its stderr is kept (last 4 kB) for the error message if it dies. */
export function startNode(script, { args = [], env = process.env, ipc = false, stdout = 'ignore' } = {}) {
  const options = { cwd: root, env, stdio: ['ignore', stdout, 'pipe', ...(ipc ? ['ipc'] : [])] };
  const child = ipc ? fork(script, args, { ...options, execArgv: [] }) : spawn(process.execPath, [script, ...args], options);
  let tail = '';
  child.stderr.on('data', (chunk) => {
    tail = (tail + chunk).slice(-4096);
  });
  child.stderrTail = () => tail;
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function stopChild(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export const stopAllChildren = () => Promise.all([...children].map((child) => stopChild(child)));

/** Resolves once GET url answers 200; rejects if the child exits first or after the timeout. */
export async function waitForHttp(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}\n${child.stderrTail?.()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms\n${child?.stderrTail?.() ?? ''}`);
}

/** Waits for one IPC message of the given type from a forked child. */
export function nextMessage(child, type) {
  return new Promise((resolveMessage, reject) => {
    const onMessage = (message) => {
      if (message?.type === 'error') {
        cleanup();
        reject(new Error(message.message));
      } else if (message?.type === type) {
        cleanup();
        resolveMessage(message);
      }
    };
    const onExit = (code) => {
      cleanup();
      reject(new Error(`child exited with ${code} while waiting for "${type}"\n${child.stderrTail?.()}`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
