import { PLAN_LIMITS } from '@app/limits';

/** The plan keys a platform plan can grant: exactly the plans libs/limits knows. */
export const PLAN_KEYS = Object.keys(PLAN_LIMITS);

/** Lowest to highest; a tenant with several live plan subscriptions gets the highest. */
export function higherPlan(a: string, b: string): string {
  return PLAN_KEYS.indexOf(b) > PLAN_KEYS.indexOf(a) ? b : a;
}
