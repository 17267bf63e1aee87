import type { EntityManager } from 'typeorm';
import { newId } from '@app/core';
import type { StripeAccountState } from '../gateway/stripe-gateway';

/**
 * Writes the state of a tenant's connected account, unless what we hold is newer (`at`: the event's
 * time; null for the state Stripe answered at creation, which never overwrites an event's).
 */
export async function upsertStripeAccount(manager: EntityManager, tenantId: string, state: StripeAccountState, at: Date | null): Promise<boolean> {
  const rows = await manager.query(
    `insert into stripe_accounts as a (id, tenant_id, account_id, charges_enabled, payouts_enabled, details_submitted, requirements, livemode, stripe_updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (account_id) do update
        set charges_enabled = excluded.charges_enabled, payouts_enabled = excluded.payouts_enabled,
            details_submitted = excluded.details_submitted, requirements = excluded.requirements,
            livemode = excluded.livemode, stripe_updated_at = excluded.stripe_updated_at, updated_at = now()
      where excluded.stripe_updated_at is not null
        and (a.stripe_updated_at is null or a.stripe_updated_at <= excluded.stripe_updated_at)
     returning a.id`,
    [newId(), tenantId, state.id, state.chargesEnabled, state.payoutsEnabled, state.detailsSubmitted, JSON.stringify(state.requirements), state.livemode, at?.toISOString() ?? null],
  );
  return rows.length > 0;
}
