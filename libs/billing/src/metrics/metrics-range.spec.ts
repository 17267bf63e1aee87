import { ProblemException } from '@app/core';
import { metricsRange } from './metrics-range';

const now = new Date('2026-03-15T12:00:00Z');
const months = (query: { from?: string; to?: string }) => metricsRange(query, now).months;

describe('metricsRange', () => {
  it('defaults to the current month and the five before it, across a year end', () => {
    expect(months({})).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(metricsRange({}, now).boundaries.map((d) => d.toISOString())).toEqual([
      '2025-10-01T00:00:00.000Z', '2025-11-01T00:00:00.000Z', '2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z',
    ]);
  });

  it('fills the missing end: five months before `to`, or up to the current month from `from`', () => {
    expect(months({ to: '2025-02' })).toEqual(['2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02']);
    expect(months({ from: '2026-01' })).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(months({ from: '2026-05' })).toEqual(['2026-05']);
  });

  it('refuses a reversed range and more than 24 months', () => {
    expect(() => months({ from: '2026-02', to: '2026-01' })).toThrow(ProblemException);
    expect(() => months({ from: '2024-01', to: '2026-01' })).toThrow(ProblemException);
    expect(months({ from: '2024-02', to: '2026-01' })).toHaveLength(24);
  });
});
