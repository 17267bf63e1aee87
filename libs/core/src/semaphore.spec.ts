import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('runs at most max at once, in arrival order, and keeps going after a failure', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const job = (n: number) =>
      semaphore.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(n);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        if (n === 1) throw new Error('boom');
        return n;
      });
    const results = [1, 2, 3, 4, 5].map((n) => job(n).catch((error: Error) => error.message));
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await settle();
    expect(order).toEqual([1, 2]);
    while (releases.length) {
      releases.shift()!();
      await settle();
    }
    expect(await Promise.all(results)).toEqual(['boom', 2, 3, 4, 5]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });
});
