// Medians across runs and ratios against a baseline, so each table row reads the same way.

export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (0..100) of raw samples, nearest-rank. */
export function percentile(samples, p) {
  if (!samples.length) return null;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const round = (value, digits = 2) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));

/** Median of every numeric metric over the runs of one variant. */
export function medianOfRuns(runs) {
  const keys = new Set(runs.flatMap((run) => Object.keys(run).filter((k) => typeof run[k] === 'number')));
  return Object.fromEntries([...keys].map((key) => [key, round(median(runs.map((run) => run[key])), 3)]));
}

export const ratio = (a, b) => (a === null || b === null || b === 0 ? null : round(a / b, 3));
