import type { StripeEvent } from '../gateway/stripe-event';
import { higherPlan, PLAN_KEYS } from './plan-keys';
import { isPlatformPlanEvent } from './platform-plan-subscription.handler';

const event = (metadata: Record<string, string> | null): StripeEvent => ({
  id: 'evt_1', type: 'customer.subscription.updated', created: 1, livemode: false, data: { object: { id: 'sub_1', object: 'subscription', metadata } },
});

describe('platform plan events', () => {
  it('are the platform account\'s objects carrying the plan marker, never a connected account\'s', () => {
    expect(isPlatformPlanEvent(event({ tenant_id: 't', platform_plan: 'true' }), null)).toBe(true);
    expect(isPlatformPlanEvent(event({ tenant_id: 't', platform_plan: 'true' }), 'acct_123')).toBe(false);
    expect(isPlatformPlanEvent(event({ tenant_id: 't' }), null)).toBe(false);
    expect(isPlatformPlanEvent(event(null), null)).toBe(false);
  });

  it('grant the highest plan of several, and the plan keys are exactly those with limits', () => {
    expect(PLAN_KEYS).toEqual(['free', 'starter', 'pro', 'enterprise']);
    expect(['starter', 'enterprise', 'pro'].reduce(higherPlan, 'free')).toBe('enterprise');
    expect([].reduce(higherPlan, 'free')).toBe('free');
  });
});
