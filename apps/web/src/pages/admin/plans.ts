import type { TenantPlan } from '@app/api-client';

/** The plans the API accepts (an enum in the OpenAPI document). */
export const PLANS: TenantPlan[] = ['free', 'starter', 'pro', 'enterprise'];
