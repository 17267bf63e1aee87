import { useMutation, useQuery } from '@tanstack/react-query';
import type { ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { saveFile } from './save-file';

export type BillingMetrics = ResponseOf<'/api/v1/billing/metrics', 'get'>;
export type BillingMetricsMonth = BillingMetrics['months'][number];
export type BillingCurrencyMetrics = BillingMetricsMonth['currencies'][number];

/** Months YYYY-MM (UTC), both ends included. */
export interface MetricsRange {
  from: string;
  to: string;
}

export function useBillingMetrics(range: MetricsRange) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.billingMetrics(tenantId, range),
    queryFn: () => unwrap(api.GET('/api/v1/billing/metrics', { params: { query: range } })),
    enabled: Boolean(tenantId),
  });
}

/** Downloads the same metrics as CSV through the authenticated client (a bare link would carry no token). */
export function useDownloadMetricsCsv() {
  return useMutation({
    mutationFn: async (range: MetricsRange) => {
      const blob = await unwrap(api.GET('/api/v1/billing/metrics.csv', { params: { query: range }, parseAs: 'blob' }));
      saveFile(blob, `billing-metrics-${range.from}-to-${range.to}.csv`);
    },
  });
}
