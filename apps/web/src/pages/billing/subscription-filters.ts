import { BILLING_INTERVALS, SUBSCRIPTION_STATUSES, type SubscriptionFilters } from '../../api/billing-subscriptions';
import { dayParam, listParam, oneOfParam } from '../../components/use-url-filters';

/** The subscriptions list's filters read from its query string (?status=active,trialing&interval=month&…). */
export function parseSubscriptionFilters(params: URLSearchParams): SubscriptionFilters {
  const cancel = params.get('cancelAtPeriodEnd');
  return {
    status: listParam(params, 'status', SUBSCRIPTION_STATUSES),
    interval: oneOfParam(params, 'interval', BILLING_INTERVALS),
    renewsFrom: dayParam(params, 'renewsFrom'),
    renewsTo: dayParam(params, 'renewsTo'),
    search: params.get('q')?.trim() ?? '',
    cancelAtPeriodEnd: cancel === 'true' ? true : cancel === 'false' ? false : null,
  };
}

export function serializeSubscriptionFilters(filters: SubscriptionFilters): Record<string, string | null> {
  return {
    status: filters.status.join(','),
    interval: filters.interval,
    renewsFrom: filters.renewsFrom,
    renewsTo: filters.renewsTo,
    q: filters.search,
    cancelAtPeriodEnd: filters.cancelAtPeriodEnd === null ? null : String(filters.cancelAtPeriodEnd),
  };
}

export const isFiltered = (filters: SubscriptionFilters) =>
  filters.status.length > 0 || filters.interval !== null || filters.renewsFrom !== null || filters.renewsTo !== null || filters.search !== '' || filters.cancelAtPeriodEnd !== null;

export const SUBSCRIPTION_STATUS_LABELS: Record<string, string> = {
  trialing: 'Trialing',
  active: 'Active',
  past_due: 'Past due',
  canceled: 'Canceled',
  unpaid: 'Unpaid',
  paused: 'Paused',
  incomplete: 'Incomplete',
};

export const INTERVAL_LABELS: Record<string, string> = { month: 'Monthly', year: 'Annual', week: 'Weekly', day: 'Daily' };
