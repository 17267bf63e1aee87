import { createServer } from 'node:net';
import Redis from 'ioredis';
import { checkService } from './service-check';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('checkService', () => {
  it('times a probe that answers', async () => {
    const check = await checkService(() => new Promise((r) => setTimeout(r, 20)));
    expect(check.ok).toBe(true);
    expect(check.latencyMs).toBeGreaterThanOrEqual(15);
  });

  it('reports a Redis that does not answer as down instead of hanging', async () => {
    const redis = new Redis(`redis://127.0.0.1:${await closedPort()}`, {
      maxRetriesPerRequest: null,
      lazyConnect: false,
      // disconnect() leaves a timer this long for a socket that never closes; the default 2 s could hold the Jest worker.
      disconnectTimeout: 10,
    });
    redis.on('error', () => undefined);
    try {
      const check = await checkService(() => redis.ping());
      expect(check).toEqual({ ok: false, latencyMs: expect.any(Number), error: 'no answer within 2000 ms' });
    } finally {
      redis.disconnect();
    }
  });

  it('reports a failing probe with its error', async () => {
    expect(await checkService(() => Promise.reject(new Error('boom')))).toMatchObject({ ok: false, error: 'boom' });
  });
});
