import type { EntityManager } from 'typeorm';
import { isUuid } from '@app/core';
import type { StripeObject } from '../gateway/stripe-event';

const PAID = new Set(['paid', 'no_payment_required']);
/** How long a use stays held for a completed session whose payment (a bank debit) is still on its way. */
const PENDING_PAYMENT_HOLD = '14 days';

/**
 * A pay-link checkout session's outcome, applied to the use it reserved (found by the reservation id
 * the session carries in its metadata, or by the session id). Paid: the reservation becomes confirmed
 * and the link counts one use and the amount, exactly once (only a not-yet-confirmed reservation
 * changes). Expired: a still-reserved use is released; a confirmed one never goes back, so a late or
 * repeated expiry changes nothing. A completed session still waiting for a delayed payment keeps its
 * use held until `async_payment_succeeded` (confirmed) or `async_payment_failed` (released). Sessions of
 * no pay link are left alone.
 */
export async function applyPaylinkCheckoutSession(manager: EntityManager, tenantId: string, type: string, session: StripeObject): Promise<void> {
  const metadata = (session.metadata ?? {}) as Record<string, unknown>;
  const reservationId = isUuid(metadata.paylink_reservation_id) ? metadata.paylink_reservation_id : null;
  if (!reservationId && !metadata.paylink_id) return;
  const match = reservationId ? `id = $2` : `checkout_session_id = $2`;
  const key = reservationId ?? session.id;
  if (type === 'checkout.session.completed' && !PAID.has(String(session.payment_status))) {
    await manager.query(
      `update paylink_reservations set expires_at = greatest(expires_at, now() + interval '${PENDING_PAYMENT_HOLD}'), checkout_session_id = coalesce(checkout_session_id, $3)
        where tenant_id = $1 and ${match} and status = 'reserved'`,
      [tenantId, key, session.id],
    );
    return;
  }
  if (type === 'checkout.session.completed' || type === 'checkout.session.async_payment_succeeded') {
    const details = (session.customer_details ?? {}) as Record<string, unknown>;
    const email = typeof details.email === 'string' ? details.email : typeof session.customer_email === 'string' ? session.customer_email : null;
    const paid = typeof session.amount_total === 'number' ? session.amount_total : null;
    await manager.query(
      `with confirmed as (
         update paylink_reservations
            set status = 'confirmed', confirmed_at = now(), released_at = null, checkout_session_id = coalesce(checkout_session_id, $3),
                amount_paid = coalesce($4, amount), customer_email = coalesce($5, customer_email)
          where tenant_id = $1 and ${match} and status <> 'confirmed'
          returning paylink_id, amount_paid)
       update paylinks p set uses_count = p.uses_count + 1, revenue = p.revenue + c.amount_paid, updated_at = now()
         from confirmed c where p.tenant_id = $1 and p.id = c.paylink_id`,
      [tenantId, key, session.id, paid, email],
    );
    return;
  }
  if (type === 'checkout.session.expired' || type === 'checkout.session.async_payment_failed') {
    await manager.query(
      `update paylink_reservations set status = 'released', released_at = now(), checkout_session_id = coalesce(checkout_session_id, $3)
        where tenant_id = $1 and ${match} and status = 'reserved'`,
      [tenantId, key, session.id],
    );
  }
}
