// The built API (dist/apps/api/src/main.js) with an event-loop delay monitor in its own process: the
// bench resets it before a request and reads the largest delay after the answer (IPC), so the number
// is the time that request kept this process's event loop from running anything else.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
process.on('message', (message) => {
  if (message?.type === 'reset') {
    histogram.reset();
    process.send({ type: 'reset-done' });
  } else if (message?.type === 'read') {
    process.send({ type: 'delay', maxMs: histogram.count ? histogram.max / 1e6 : 0 });
  }
});
// The IPC channel must not keep the API alive after SIGTERM has closed it.
process.channel?.unref();
createRequire(import.meta.url)(resolve(process.cwd(), 'dist/apps/api/src/main.js'));
