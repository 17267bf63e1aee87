import type { ResponseOf } from '@app/api-client';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { usePagedList } from './use-paged-list';

export type BillingDisputePage = ResponseOf<'/api/v1/billing/disputes', 'get'>;
export type BillingDispute = BillingDisputePage['data'][number];

export const DISPUTE_STATUSES = ['needs_response', 'under_review', 'won', 'lost', 'warning_needs_response', 'warning_under_review', 'warning_closed'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export interface DisputeFilters {
  status: DisputeStatus[];
  /** Only those still needing evidence. */
  needsResponse: boolean;
}

/** Disputes matching the filters, newest first, page by page (each page counts those of the business needing evidence). */
export function useBillingDisputes(filters: DisputeFilters) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingDisputeList(tenantId, filters),
    fetchPage: (page) =>
      unwrap(
        api.GET('/api/v1/billing/disputes', {
          params: { query: { status: filters.status.length ? filters.status : undefined, needsResponse: filters.needsResponse || undefined, ...page } },
        }),
      ),
  });
}
