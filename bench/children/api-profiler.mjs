// The built API (dist/apps/api/src/main.js) with V8's sampling CPU profiler (the one `node --cpu-prof`
// uses) driven over IPC through an inspector session in the same process, so the profile covers the
// measured load only, not start-up or warm-up. { type: 'profile-start', intervalUs } → 'profile-started';
// { type: 'profile-stop', file } writes the .cpuprofile (open it in Chrome DevTools) → 'profile-stopped'.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const session = new Session();
session.connect();
process.on('message', async (message) => {
  try {
    if (message?.type === 'profile-start') {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: message.intervalUs });
      await session.post('Profiler.start');
      process.send({ type: 'profile-started' });
    } else if (message?.type === 'profile-stop') {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(message.file, JSON.stringify(profile));
      process.send({ type: 'profile-stopped', file: message.file });
    }
  } catch (error) {
    process.send({ type: 'error', message: error.stack ?? String(error) });
  }
});
// The IPC channel must not keep the API alive after SIGTERM has closed it.
process.channel?.unref();
createRequire(import.meta.url)(resolve(process.cwd(), 'dist/apps/api/src/main.js'));
