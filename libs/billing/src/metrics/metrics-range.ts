import { Problems } from '@app/core';
import type { BillingMetricsQueryDto } from './metrics.dto';

/** At most this many months in one answer. */
export const MAX_METRICS_MONTHS = 24;
/** Months shown when the query names neither end: the current one and the five before it. */
const DEFAULT_MONTHS = 6;

/** The months of a metrics answer (UTC) and their boundaries: boundaries[k] starts months[k], the last one ends the range. */
export interface MetricsRange {
  months: string[];
  boundaries: Date[];
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthStart = (index: number) => new Date(Date.UTC(Math.floor(index / 12), index % 12, 1));
const monthName = (index: number) => monthStart(index).toISOString().slice(0, 7);

/** The range the query asks for (400 when reversed or longer than 24 months), defaults filled in from `now`. */
export function metricsRange(query: BillingMetricsQueryDto, now = new Date()): MetricsRange {
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const to = query.to ? monthIndex(query.to) : query.from ? Math.max(current, monthIndex(query.from)) : current;
  const from = query.from ? monthIndex(query.from) : to - (DEFAULT_MONTHS - 1);
  if (from > to) throw Problems.validation([{ field: 'from', message: 'from must not be after to' }]);
  if (to - from + 1 > MAX_METRICS_MONTHS) throw Problems.validation([{ field: 'to', message: `at most ${MAX_METRICS_MONTHS} months from from to to` }]);
  const months: string[] = [];
  const boundaries: Date[] = [];
  for (let m = from; m <= to; m++) {
    months.push(monthName(m));
    boundaries.push(monthStart(m));
  }
  boundaries.push(monthStart(to + 1));
  return { months, boundaries };
}
