// The Stripe events of the ingest scenario and the SQL the bare arms run, in one place: the load
// generator builds and signs the webhook bodies with it, the scenario stores the drain backlog with it,
// and the bare server and worker run its statements (the product's own statements, copied; the scenario
// checks RECORD_EVENT against the dist build before measuring).
import { createHmac } from 'node:crypto';

export const WEBHOOK_PATH = '/api/v1/webhooks/stripe';
export const JOB_NAME = 'billing.process-stripe-event';
export const QUEUE = 'billing';

/** The inbox's one statement (libs/billing/src/inbox/stripe-webhook-inbox.service.ts): an insert … on conflict do nothing. */
export const RECORD_EVENT = `select id, tenant_id from app_record_stripe_event($1, $2, $3, $4, to_timestamp($5), $6, $7::jsonb)`;

/** A customer as Stripe sends it in a `customer.updated` event (about 1.3 KB of JSON with the event around it). */
export function customerObject(tenantId, id, created) {
  return {
    id,
    object: 'customer',
    address: { city: 'Lyon', country: 'FR', line1: '12 rue de la République', line2: null, postal_code: '69002', state: null },
    balance: 0,
    created,
    currency: 'eur',
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: `${id}@bench.test`,
    invoice_prefix: 'B3NCH42',
    invoice_settings: { custom_fields: null, default_payment_method: 'pm_1QbenchPaymentMethod', footer: null, rendering_options: null },
    livemode: false,
    metadata: { tenant_id: tenantId },
    name: 'Bench Customer',
    next_invoice_sequence: 3,
    phone: '+33400000000',
    preferred_locales: ['fr'],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

/** A `customer.updated` event whose handler makes one real mirror write and no Stripe call. */
export function customerUpdatedEvent(tenantId, eventId, customerId, created) {
  return {
    id: eventId,
    object: 'event',
    api_version: '2025-01-27',
    created,
    data: { object: customerObject(tenantId, customerId, created - 3600), previous_attributes: { email: 'old@bench.test', phone: null } },
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_bench', idempotency_key: null },
    type: 'customer.updated',
  };
}

/** The Stripe-Signature header for `body`, as Stripe computes it (HMAC-SHA256 of `t.body`). */
export function stripeSignature(body, secret, timestamp = Math.floor(Date.now() / 1000)) {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The replayed events' fixed bodies: the same event ids (and bytes) every time, stored once before the runs. */
export const replayEvent = (tenantId, i, created) => customerUpdatedEvent(tenantId, `evt_bench_replay_${i}`, `cus_bench_replay_${i}`, created);

// The worker side, as StripeEventProcessor + upsertCustomer + IntegrationStateService run it
// (libs/billing/src/events/stripe-event-processor.ts, libs/billing/src/mirror/*.ts).
export const LOCK_EVENT = `select tenant_id, account, status, payload, received_at from stripe_events where id = $1 for update`;
const CUSTOMER_COLUMNS = ['id', 'tenant_id', 'stripe_account', 'stripe_id', 'livemode', 'metadata', 'stripe_created_at', 'stripe_updated_at', 'stripe_rank', 'deleted_at', 'email', 'name', 'phone', 'currency', 'balance', 'delinquent'];
const UPDATABLE = CUSTOMER_COLUMNS.filter((c) => !['id', 'tenant_id', 'stripe_account', 'stripe_id', 'stripe_created_at'].includes(c));
export const UPSERT_CUSTOMER = `insert into billing_customers as m (${CUSTOMER_COLUMNS.join(', ')}) values (${CUSTOMER_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
     on conflict (tenant_id, stripe_account, stripe_id) do update
        set ${UPDATABLE.map((c) => `${c} = excluded.${c}`).join(', ')}, stripe_created_at = coalesce(m.stripe_created_at, excluded.stripe_created_at), updated_at = now()
      where (m.stripe_updated_at, m.stripe_rank) <= (excluded.stripe_updated_at, excluded.stripe_rank)
     returning m.id`;
export const MARK_PROCESSED = `update stripe_events set status = 'processed', attempts = attempts + 1, last_error = null, processed_at = now() where id = $1`;
/** upsertCustomer's parameters for a `customer.updated` event (state kind "updated": rank 1, no tombstone). */
export function customerUpsertValues(id, tenantId, account, event) {
  const c = event.data.object;
  return [
    id,
    tenantId,
    account ?? '',
    c.id,
    typeof c.livemode === 'boolean' ? c.livemode : event.livemode,
    JSON.stringify(c.metadata ?? {}),
    typeof c.created === 'number' ? new Date(c.created * 1000).toISOString() : null,
    new Date(event.created * 1000).toISOString(),
    1,
    null,
    c.email ?? null,
    c.name ?? null,
    c.phone ?? null,
    typeof c.currency === 'string' ? c.currency.toUpperCase() : null,
    Number(c.balance ?? 0),
    c.delinquent === true,
  ];
}
