/** What each plan allows; null means unlimited. Billing maps plans to prices; limits live here. */
export interface PlanLimits {
  members: number | null;
  apiCallsPerMonth: number | null;
  journeys: number | null;
  storageMb: number | null;
}

export type LimitMetric = keyof PlanLimits;

export const PLAN_LIMITS: Record<string, PlanLimits> = {
  free: { members: 10, apiCallsPerMonth: 10_000, journeys: 3, storageMb: 500 },
  starter: { members: 25, apiCallsPerMonth: 100_000, journeys: 20, storageMb: 5_000 },
  pro: { members: 100, apiCallsPerMonth: 1_000_000, journeys: 200, storageMb: 50_000 },
  enterprise: { members: null, apiCallsPerMonth: null, journeys: null, storageMb: null },
};

export const LIMIT_LABELS: Record<LimitMetric, string> = {
  members: 'Members (active members plus open invitations)',
  apiCallsPerMonth: 'API calls with API keys this calendar month (UTC)',
  journeys: 'Journeys',
  storageMb: 'Storage (MB)',
};

export function limitsOf(plan: string): PlanLimits {
  return PLAN_LIMITS[plan] ?? PLAN_LIMITS.free;
}
