import { retryDelayMs } from './retry-schedule';

const config = { backoffBaseMs: 60_000, maxBackoffMs: 6 * 3600_000, maxAttempts: 20 };
const middle = () => 0.5;

describe('retryDelayMs', () => {
  it('doubles from the base, caps at the maximum and stops after the last attempt', () => {
    expect(retryDelayMs(1, config, middle)).toBe(60_000);
    expect(retryDelayMs(2, config, middle)).toBe(120_000);
    expect(retryDelayMs(9, config, middle)).toBe(256 * 60_000);
    expect(retryDelayMs(10, config, middle)).toBe(6 * 3600_000);
    expect(retryDelayMs(19, config, middle)).toBe(6 * 3600_000);
    expect(retryDelayMs(20, config, middle)).toBeNull();
  });

  it('spreads the default schedule over about three days', () => {
    let total = 0;
    for (let attempt = 1; attempt < config.maxAttempts; attempt++) total += retryDelayMs(attempt, config, middle)!;
    expect(total / 86_400_000).toBeGreaterThan(2.5);
    expect(total / 86_400_000).toBeLessThan(3.2);
  });

  it('jitters by at most 10 % either way', () => {
    expect(retryDelayMs(1, config, () => 0)).toBe(54_000);
    expect(retryDelayMs(1, config, () => 0.9999999)).toBe(66_000);
  });
});
