import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tenant of a platform-account event: `metadata.tenant_id` as before (see BillingFoundation1764800000000). */
const BY_METADATA = `(select t.id from tenants t
                       where t.id = case when p_payload #>> '{data,object,metadata,tenant_id}' ~ '^[0-9a-fA-F-]{36}$'
                                         then (p_payload #>> '{data,object,metadata,tenant_id}')::uuid end)`;

/**
 * On the platform account, objects Stripe creates itself carry no `metadata.tenant_id`: the invoices and
 * payment intents of a subscription, the charges and refunds of a payment, disputes. Their events went
 * unrouted (stored as ignored), so a single-business install mirrored no invoice or payment of its
 * subscriptions. The inbox's statement now falls back to the object's owner in the mirror: its customer,
 * else its payment intent or charge, on the platform account, when exactly one tenant holds it. The
 * statement keeps its signature and its single round trip; the lookups are indexed.
 *
 * app_receive_stripe_event is the webhook route's one statement: the event and its outbox row together.
 */
export class StripeEventOwner1765000300000 implements MigrationInterface {
  name = 'StripeEventOwner1765000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create or replace function app_record_stripe_event(p_id uuid, p_event_id text, p_account text, p_type text, p_created timestamptz,
                                                         p_livemode boolean, p_payload jsonb)
        returns table (id uuid, tenant_id uuid)
        language sql security definer set search_path = public as $$
          insert into stripe_events as e (id, stripe_event_id, tenant_id, account, type, created, livemode, payload)
          select p_id, p_event_id,
                 case when p_account is not null then (select a.tenant_id from stripe_accounts a where a.account_id = p_account)
                      else coalesce(
                        ${BY_METADATA},
                        (select min(c.tenant_id::text)::uuid from billing_customers c
                          where c.stripe_account = '' and c.stripe_id = p_payload #>> '{data,object,customer}'
                         having count(distinct c.tenant_id) = 1),
                        (select min(p.tenant_id::text)::uuid from billing_payments p
                          where p.stripe_account = ''
                            and (p.stripe_id = p_payload #>> '{data,object,payment_intent}' or p.charge = p_payload #>> '{data,object,charge}')
                         having count(distinct p.tenant_id) = 1))
                 end,
                 p_account, p_type, p_created, p_livemode, p_payload
          on conflict (stripe_event_id) do nothing
          returning e.id, e.tenant_id
        $$;
      -- The webhook route's whole work in one statement (no explicit transaction, one round trip): store the
      -- event once and, when it is new, its processing job's outbox row (bound to no tenant, as before; the
      -- job names the event's tenant). A duplicate inserts neither and answers no row.
      create function app_receive_stripe_event(p_id uuid, p_event_id text, p_account text, p_type text, p_created timestamptz,
                                               p_livemode boolean, p_payload jsonb, p_outbox_id uuid, p_queue text, p_job_name text)
        returns table (id uuid, tenant_id uuid)
        language sql security definer set search_path = public as $$
          with stored as (select r.id, r.tenant_id from app_record_stripe_event(p_id, p_event_id, p_account, p_type, p_created, p_livemode, p_payload) r),
               queued as (insert into outbox (id, tenant_id, queue, job_name, payload, available_at)
                          select p_outbox_id, null, p_queue, p_job_name, jsonb_build_object('stripeEventId', s.id, 'eventTenantId', s.tenant_id), now()
                            from stored s
                          returning 1)
          select s.id, s.tenant_id from stored s
        $$;
      -- The fallbacks look objects up across tenants by Stripe id: indexed, so the hot path never scans.
      create index billing_customers_platform_stripe_idx on billing_customers (stripe_id) where stripe_account = '';
      create index billing_payments_platform_stripe_idx on billing_payments (stripe_id) where stripe_account = '';
      create index billing_payments_platform_charge_idx on billing_payments (charge) where stripe_account = '' and charge is not null;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop function if exists app_receive_stripe_event(uuid, text, text, text, timestamptz, boolean, jsonb, uuid, text, text);
      drop index if exists billing_customers_platform_stripe_idx, billing_payments_platform_stripe_idx, billing_payments_platform_charge_idx;
      create or replace function app_record_stripe_event(p_id uuid, p_event_id text, p_account text, p_type text, p_created timestamptz,
                                                         p_livemode boolean, p_payload jsonb)
        returns table (id uuid, tenant_id uuid)
        language sql security definer set search_path = public as $$
          insert into stripe_events as e (id, stripe_event_id, tenant_id, account, type, created, livemode, payload)
          select p_id, p_event_id,
                 case when p_account is not null then (select a.tenant_id from stripe_accounts a where a.account_id = p_account)
                      else ${BY_METADATA}
                 end,
                 p_account, p_type, p_created, p_livemode, p_payload
          on conflict (stripe_event_id) do nothing
          returning e.id, e.tenant_id
        $$;
    `);
  }
}
