/** Plans a tenant can be on (billing maps them to prices). */
export const TENANT_PLANS = ['free', 'starter', 'pro', 'enterprise'] as const;
