import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@app/core';
import { leaseSize, RateLimiterService } from './rate-limiter.service';

/** Real Redis, a prefix of this test's own: two limiters stand for two API processes sharing it. */
describe('RateLimiterService leases', () => {
  const config = { redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', redisPrefix: `bo-test-rl-${randomUUID()}` } as AppConfig;
  const limiters: RateLimiterService[] = [];
  const start = async () => {
    const limiter = new RateLimiterService(config);
    await limiter.onModuleInit();
    limiters.push(limiter);
    return limiter;
  };

  afterAll(async () => {
    const keys = await limiters[0].redis.keys(`${config.redisPrefix}:*`);
    if (keys.length) await limiters[0].redis.unlink(...keys);
    await Promise.all(limiters.map((l) => l.onApplicationShutdown()));
  });

  it('sizes leases as a small part of the limit, one request under 100 a minute', () => {
    expect([1, 5, 99, 100, 600, 1000, 1_000_000].map(leaseSize)).toEqual([1, 1, 1, 2, 12, 20, 25]);
  });

  it('answers a lease without Redis and reports what is left of the window exactly', async () => {
    const limiter = await start();
    const evals = jest.spyOn(limiter.redis, 'eval');
    const remaining: number[] = [];
    for (let i = 0; i < 30; i++) remaining.push((await limiter.consume('user', 'alone', 600)).remaining);
    expect(remaining).toEqual(Array.from({ length: 30 }, (_, i) => 599 - i));
    // 30 requests in leases of 12: three round trips.
    expect(evals).toHaveBeenCalledTimes(3);
  });

  it('never answers more than the limit across processes, and refuses once it is reached without asking again', async () => {
    const [a, b] = [await start(), await start()];
    const allowed = { a: 0, b: 0 };
    for (let i = 0; i < 150; i++) {
      if ((await a.consume('user', 'shared', 100)).allowed) allowed.a++;
      if ((await b.consume('user', 'shared', 100)).allowed) allowed.b++;
    }
    expect(allowed.a + allowed.b).toBe(100);
    expect(allowed.a).toBe(50);
    const evals = jest.spyOn(a.redis, 'eval');
    const refused = await a.consume('user', 'shared', 100);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.resetSeconds).toBeGreaterThan(0);
    expect(evals).not.toHaveBeenCalled();
  });

  it('counts a small limit request by request, so every process sees each request', async () => {
    const [a, b] = [await start(), await start()];
    expect((await a.consume('login', 'ip', 3)).remaining).toBe(2);
    expect((await b.consume('login', 'ip', 3)).remaining).toBe(1);
    expect((await a.consume('login', 'ip', 3)).remaining).toBe(0);
    expect((await b.consume('login', 'ip', 3)).allowed).toBe(false);
    expect((await a.consume('login', 'ip', 3)).allowed).toBe(false);
  });

  it('gives back what is left of a lease when the limit changes (a key\'s own limit learnt after its first request)', async () => {
    const limiter = await start();
    const first = await limiter.consume('key', 'learnt', 1000);
    expect(first.remaining).toBe(999);
    expect((await limiter.consume('key', 'learnt', 2)).allowed).toBe(true);
    expect((await limiter.consume('key', 'learnt', 2)).allowed).toBe(false);
    expect(await limiter.redis.get(`${config.redisPrefix}:rl:key:learnt`)).toBe('2');
  });

  it('starts a new window when the old one ends', async () => {
    const limiter = await start();
    const key = `window-${randomUUID()}`;
    await limiter.consume('user', key, 2);
    await limiter.consume('user', key, 2);
    expect((await limiter.consume('user', key, 2)).allowed).toBe(false);
    await limiter.redis.pexpire(`${config.redisPrefix}:rl:user:${key}`, 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // This process still believes in the old window until its end; a minute later it asks Redis again.
    expect((await limiter.consume('user', key, 2, Date.now() + 61_000)).allowed).toBe(true);
  });
});
