import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { APP_CONFIG, type AppConfig, type FieldError, newId, Problems } from '@app/core';
import { Db } from '@app/database';
import type { CheckoutSessionParams, TenantStripe } from '../gateway/stripe-gateway';
import { StripeGateway } from '../gateway/stripe-gateway';
import type { PublicCheckoutDto } from './dto/paylink-input.dto';
import type { PublicCheckoutSessionDto, PublicPaylinkDto } from './dto/paylink.dto';
import { validatedAnswers } from './paylink-custom-fields';
import { HOLDS_USE, type PaylinkRow, payPageUrl } from './paylink-rows';
import { SLUG_MAX } from './paylink-slug';
import { SHIPPING_COUNTRIES } from './shipping-countries';

/** Stripe's shortest Checkout session life is 30 minutes; ours asks a minute more so clock skew never makes it too short. */
const SESSION_SECONDS = 31 * 60;
/** A reservation outlives its session a little: a payment completed at the very end still finds its use held. */
const RESERVATION_GRACE_SECONDS = 5 * 60;
const PATH_SEGMENT = /^[a-z0-9-]+$/;

/** The link as the public side reads it (LINK_SELECT). */
type PublicRow = Pick<
  PaylinkRow,
  'tenant_id' | 'id' | 'title' | 'description' | 'amount_mode' | 'amount' | 'min_amount' | 'max_amount' | 'currency' | 'require_shipping' | 'custom_fields' | 'expires_at' |
  'max_uses' | 'status' | 'version' | 'success_url' | 'cancel_url'
> & { business_name: string; price_stripe_id: string | null; held: number };

/** The link (not archived) of a business by slugs, with the uses it holds; `$1` tenant slug, `$2` link slug. */
const LINK_SELECT = `
  select t.id as tenant_id, t.name as business_name, p.id, p.title, p.description, p.amount_mode, p.amount, p.min_amount, p.max_amount, p.currency,
         p.require_shipping, p.custom_fields, p.expires_at, p.max_uses, p.status, p.version, p.success_url, p.cancel_url,
         (select pr.stripe_id from billing_prices pr where pr.tenant_id = p.tenant_id and pr.id = p.price_id) as price_stripe_id,
         (select count(*)::int from paylink_reservations r where r.tenant_id = p.tenant_id and r.paylink_id = p.id and ${HOLDS_USE}) as held
    from tenants t join paylinks p on p.tenant_id = t.id and p.slug = $2
   where t.slug = $1 and t.status not in ('suspended', 'rejected') and p.status <> 'archived'`;

const amountOf = (value: string | null) => (value === null ? null : Number(value));

function availability(row: PublicRow): 'active' | 'inactive' | 'expired' | 'sold_out' {
  if (row.status === 'inactive') return 'inactive';
  if (row.expires_at && row.expires_at.getTime() <= Date.now()) return 'expired';
  if (row.max_uses !== null && row.held >= row.max_uses) return 'sold_out';
  return 'active';
}

/**
 * The public side of pay links: the page's data, and opening a Stripe Checkout for a buyer. A use is
 * reserved under the link's row lock before Stripe is called, so concurrent buyers never take more
 * uses than the link has; the Stripe call runs holding no connection, and a failed one releases its use.
 */
@Injectable()
export class PublicPaylinksService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One statement on the cross-tenant path: the page is found by its business's slug before any tenant is known. */
  async page(tenantSlug: string, slug: string): Promise<PublicPaylinkDto> {
    this.assertSegments(tenantSlug, slug);
    const row = await this.db.transaction({}, async () => {
      await this.db.crossTenant();
      return (await this.db.query<PublicRow>(LINK_SELECT, [tenantSlug, slug]))[0];
    });
    if (!row) throw Problems.notFound('Pay link');
    const left = row.max_uses === null ? null : Math.max(0, row.max_uses - row.held);
    return {
      businessName: row.business_name,
      title: row.title,
      description: row.description,
      amountMode: row.amount_mode,
      amount: amountOf(row.amount),
      minAmount: amountOf(row.min_amount),
      maxAmount: amountOf(row.max_amount),
      currency: row.currency,
      requireShipping: row.require_shipping,
      customFields: row.custom_fields,
      expiresAt: row.expires_at?.toISOString() ?? null,
      availability: availability(row),
      usesRemaining: left,
    };
  }

  async checkout(tenantSlug: string, slug: string, body: PublicCheckoutDto): Promise<PublicCheckoutSessionDto> {
    this.gateway.assertConfigured();
    this.assertSegments(tenantSlug, slug);
    const tenantId = await this.db.transaction({}, async () => {
      await this.db.crossTenant();
      const [tenant] = await this.db.query<{ id: string }>(`select id from tenants where slug = $1 and status not in ('suspended', 'rejected')`, [tenantSlug]);
      return tenant?.id ?? null;
    });
    if (!tenantId) throw Problems.notFound('Pay link');
    const reservation = await this.db.transaction({ tenantId }, () => this.reserve(tenantId, tenantSlug, slug, body));
    let session: { id: string; url: string; expiresAt: Date };
    try {
      session = await reservation.stripe.createCheckoutSession(reservation.id, reservation.params);
    } catch (error) {
      await this.db.transaction({ tenantId }, () =>
        this.db.query(`update paylink_reservations set status = 'released', released_at = now() where tenant_id = $1 and id = $2 and status = 'reserved'`, [tenantId, reservation.id]),
      );
      throw error;
    }
    await this.db.transaction({ tenantId }, async () => {
      await this.db.query(`update paylink_reservations set checkout_session_id = $3 where tenant_id = $1 and id = $2 and checkout_session_id is null`, [tenantId, reservation.id, session.id]);
      await this.audit.record({
        tenantId, action: 'paylink.checkout_started', entityType: 'paylink', entityId: reservation.paylinkId,
        after: { reservationId: reservation.id, amount: reservation.amount, currency: reservation.currency, expiresAt: session.expiresAt.toISOString() },
      });
    });
    return { url: session.url, expiresAt: session.expiresAt.toISOString() };
  }

  /** Under the link's row lock: refuses an unavailable link or bad answers, else reserves one use and says what to ask Stripe. */
  private async reserve(tenantId: string, tenantSlug: string, slug: string, body: PublicCheckoutDto) {
    // The lock first, then a new statement: its snapshot sees every reservation committed by whoever held the lock before.
    const [locked] = await this.db.query(`select id from paylinks where tenant_id = $1 and slug = $2 and status <> 'archived' for update`, [tenantId, slug]);
    if (!locked) throw Problems.notFound('Pay link');
    const [row] = await this.db.query<PublicRow>(LINK_SELECT, [tenantSlug, slug]);
    if (!row) throw Problems.notFound('Pay link');
    const state = availability(row);
    if (state === 'inactive') throw Problems.conflict('paylink-inactive', 'This pay link is not selling at the moment.');
    if (state === 'expired') throw Problems.gone('paylink-expired', 'This pay link has expired.');
    if (state === 'sold_out') throw Problems.conflict('paylink-sold-out', 'Every use of this pay link is taken.');
    const amount = this.amountFor(row, body.amount);
    const answers = validatedAnswers(row.custom_fields, body.customFields ?? {});
    const stripe = await this.gateway.forTenant(tenantId);
    const [version] = await this.db.query<{ id: string }>(`select id from paylink_versions where tenant_id = $1 and paylink_id = $2 and version = $3`, [tenantId, row.id, row.version]);
    const id = newId();
    const sessionEnds = Math.floor(Date.now() / 1000) + SESSION_SECONDS;
    await this.db.query(
      `insert into paylink_reservations (id, tenant_id, paylink_id, version_id, amount, currency, customer_email, custom_fields, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp($9))`,
      [id, tenantId, row.id, version.id, amount, row.currency, body.email ?? null, JSON.stringify(answers), sessionEnds + RESERVATION_GRACE_SECONDS],
    );
    return { id, paylinkId: row.id, amount, currency: row.currency, stripe, params: this.sessionParams(stripe, row, tenantSlug, slug, id, amount, sessionEnds, body.email) };
  }

  private amountFor(row: PublicRow, chosen: number | undefined): number {
    const errors: FieldError[] = [];
    if (row.amount_mode === 'fixed') {
      if (chosen !== undefined && chosen !== Number(row.amount)) errors.push({ field: 'amount', message: 'this pay link has a fixed amount' });
    } else if (chosen === undefined) {
      errors.push({ field: 'amount', message: 'choose an amount' });
    } else {
      if (row.min_amount !== null && chosen < Number(row.min_amount)) errors.push({ field: 'amount', message: `amount must be at least ${row.min_amount}` });
      if (row.max_amount !== null && chosen > Number(row.max_amount)) errors.push({ field: 'amount', message: `amount must be at most ${row.max_amount}` });
    }
    if (errors.length) throw Problems.validation(errors, 'The amount is not valid for this pay link.');
    return row.amount_mode === 'fixed' ? Number(row.amount) : chosen!;
  }

  private sessionParams(stripe: TenantStripe, row: PublicRow, tenantSlug: string, slug: string, reservationId: string, amount: number, expiresAt: number, email?: string): CheckoutSessionParams {
    const page = payPageUrl(this.config.publicUrl, tenantSlug, slug);
    const fee = stripe.applicationFeeAmount(amount);
    const product = { name: row.title, ...(row.description ? { description: row.description.slice(0, 500) } : {}) };
    return {
      mode: 'payment',
      line_items: [row.price_stripe_id ? { price: row.price_stripe_id, quantity: 1 } : { price_data: { currency: row.currency.toLowerCase(), unit_amount: amount, product_data: product }, quantity: 1 }],
      success_url: row.success_url ?? `${page}/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: row.cancel_url ?? page,
      expires_at: expiresAt,
      metadata: { paylink_id: row.id, paylink_reservation_id: reservationId },
      payment_intent_data: { metadata: stripe.metadata({ paylink_id: row.id }), ...(fee ? { application_fee_amount: fee } : {}) },
      ...(email ? { customer_email: email } : {}),
      ...(row.require_shipping ? { shipping_address_collection: { allowed_countries: SHIPPING_COUNTRIES } } : {}),
    };
  }

  /** Slugs are lower-case letters, digits and hyphens; anything else names no page. */
  private assertSegments(tenantSlug: string, slug: string): void {
    for (const segment of [tenantSlug, slug]) if (segment.length > SLUG_MAX || !PATH_SEGMENT.test(segment)) throw Problems.notFound('Pay link');
  }
}
