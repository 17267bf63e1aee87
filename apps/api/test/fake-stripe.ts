import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/** One request the fake received, as the code under test sent it. */
export interface FakeStripeRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  stripeAccount: string | null;
  body: Record<string, unknown>;
  /** The query string, parsed like a form (GET lists). */
  query: Record<string, unknown>;
}

/** An answer of the fake: JSON unless `contentType` says otherwise (then `body` is the text sent). */
interface Reply {
  status: number;
  body: unknown;
  contentType?: string;
}

/** A test's own endpoint; answering undefined passes the request on (to the generic resources), e.g. to fail only some calls. */
type Route = (request: FakeStripeRequest, params: string[]) => Reply | undefined;

/** `a[b][c]=1&d[0]=x` → { a: { b: { c: '1' } }, d: { 0: 'x' } }: Stripe's form encoding, as far as tests need it. */
function parseForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const pair of text.split('&').filter(Boolean)) {
    const [rawKey, rawValue = ''] = pair.split('=');
    const key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    const value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    const parts = key.split(/\[|\]\[|\]/).filter((p) => p !== '');
    let at = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) at[part] = value;
      else at = (at[part] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

const stripeId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);
/** Unix seconds `months` calendar months after `at` (UTC), as Stripe ends a repeating coupon's discount. */
const addMonths = (at: number, months: number) => {
  const date = new Date(at * 1000);
  date.setUTCMonth(date.getUTCMonth() + months);
  return Math.floor(date.getTime() / 1000);
};

type StripeObject = Record<string, unknown> & { id: string };

/** Fields Stripe answers as integers or booleans; the form encoding sends every value as text. */
const INTEGER_FIELDS = new Set([
  'amount', 'amount_total', 'amount_subtotal', 'amount_refunded', 'amount_due', 'amount_paid', 'amount_remaining', 'application_fee_amount',
  'balance', 'created', 'days_until_due', 'expires_at', 'interval_count', 'quantity', 'trial_period_days', 'trial_end', 'unit_amount', 'limit', 'gte', 'gt', 'lte', 'lt',
  'proration_date', 'resumes_at', 'current_period_start', 'current_period_end',
  'amount_off', 'duration_in_months', 'max_redemptions', 'redeem_by', 'times_redeemed', 'minimum_amount',
]);
const NUMBER_FIELDS = new Set(['application_fee_percent', 'percent_off']);

function coerce(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => coerce(v));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // Stripe's form encoding sends arrays as a[0]=…&a[1]=…: give them back as arrays.
    if (entries.length > 0 && entries.every(([k], i) => k === String(i))) return entries.map(([, v]) => coerce(v));
    // Stripe keeps metadata values as the strings they were sent as.
    if (key === 'metadata') return value;
    return Object.fromEntries(entries.map(([k, v]) => [k, coerce(v, k)]));
  }
  if (typeof value !== 'string') return value;
  if (INTEGER_FIELDS.has(key) && /^-?\d+$/.test(value)) return Number(value);
  if (NUMBER_FIELDS.has(key) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

/** The fake's resources: URL path under /v1 → id prefix, `object` name and what a new one holds before the request's fields. */
interface Resource {
  prefix: string;
  object: string;
  /** `base`: the fake's own address, for URLs it serves itself (the Checkout page). */
  create?: (body: Record<string, unknown>, id: string, base: string) => Record<string, unknown>;
}

const RESOURCES: Record<string, Resource> = {
  accounts: {
    prefix: 'acct',
    object: 'account',
    create: () => ({ type: 'express', charges_enabled: false, payouts_enabled: false, details_submitted: false, requirements: { currently_due: ['business_type', 'external_account'] } }),
  },
  customers: { prefix: 'cus', object: 'customer', create: () => ({ email: null, name: null, phone: null, balance: 0, delinquent: false, currency: null }) },
  products: { prefix: 'prod', object: 'product', create: () => ({ active: true, description: null, default_price: null, marketing_features: [] }) },
  prices: {
    prefix: 'price',
    object: 'price',
    create: (body) => ({ active: true, type: body.recurring ? 'recurring' : 'one_time', recurring: null, nickname: null, lookup_key: null, tax_behavior: 'unspecified', unit_amount: null }),
  },
  subscriptions: { prefix: 'sub', object: 'subscription', create: () => ({ status: 'active', cancel_at_period_end: false, items: { object: 'list', data: [] } }) },
  invoices: { prefix: 'in', object: 'invoice', create: () => ({ status: 'draft', amount_due: 0, amount_paid: 0, amount_remaining: 0, attempt_count: 0, lines: { object: 'list', data: [] } }) },
  invoiceitems: {
    prefix: 'ii',
    object: 'invoiceitem',
    create: (body) => ({ amount: Number(body.quantity ?? 1) * Number(body.unit_amount_decimal ?? 0), quantity: Number(body.quantity ?? 1), proration: false }),
  },
  payment_intents: { prefix: 'pi', object: 'payment_intent', create: () => ({ status: 'requires_payment_method' }) },
  charges: { prefix: 'ch', object: 'charge', create: () => ({ status: 'succeeded', paid: true, amount_refunded: 0, refunded: false }) },
  refunds: { prefix: 're', object: 'refund', create: () => ({ status: 'succeeded' }) },
  disputes: { prefix: 'dp', object: 'dispute', create: () => ({ status: 'needs_response' }) },
  events: { prefix: 'evt', object: 'event' },
  coupons: { prefix: 'co', object: 'coupon', create: () => ({ valid: true, times_redeemed: 0, duration: 'once', percent_off: null, amount_off: null, currency: null, name: null }) },
  promotion_codes: { prefix: 'promo', object: 'promotion_code', create: () => ({ active: true, times_redeemed: 0, expires_at: null, max_redemptions: null }) },
  'checkout/sessions': {
    prefix: 'cs_test',
    object: 'checkout.session',
    create: (_body, id, base) => ({ status: 'open', payment_status: 'unpaid', url: `${base}/c/pay/${id}`, expires_at: now() + 24 * 3600 }),
  },
  'billing_portal/sessions': { prefix: 'bps', object: 'billing_portal.session', create: (_body, id) => ({ url: `https://billing.stripe.test/p/session/${id}` }) },
  account_links: { prefix: 'acctlink', object: 'account_link', create: (body) => ({ expires_at: now() + 300, url: `https://connect.stripe.test/setup/${String(body.account)}/${randomBytes(6).toString('hex')}` }) },
};

type LineItem = { price?: string | { id?: string }; quantity?: number };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A minimal stand-in for Stripe's hosted Checkout page, so a browser can open a session's URL. */
function checkoutPage(session: StripeObject | undefined, id: string): Reply {
  // As created (`line_items` sent in the request) or as a test stored it (a list of line items).
  const raw = session?.line_items as Array<LineItem> | { data?: LineItem[] } | undefined;
  const lines = Array.isArray(raw) ? raw : (raw?.data ?? []);
  const items = lines.map((item) => {
    const price = escapeHtml(String(typeof item.price === 'object' ? item.price?.id : item.price));
    return `<li data-price="${price}">${price} × ${escapeHtml(String(item.quantity ?? 1))}</li>`;
  });
  const main = session
    ? `<h1>Stripe Checkout (test)</h1><p>Session ${escapeHtml(id)}</p><ul>${items.join('')}</ul>`
    : `<h1>No such Checkout session</h1><p>${escapeHtml(id)}</p>`;
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout (test)</title></head><body><main>${main}</main></body></html>`;
  return { status: session ? 200 : 404, body, contentType: 'text/html; charset=utf-8' };
}

const RESOURCE_PATH = new RegExp(`^/v1/(${Object.keys(RESOURCES).map((r) => r.replace('/', '\\/')).join('|')})(?:/([A-Za-z0-9_]+))?$`);

/** Deep merge as Stripe applies an update: nested hashes (metadata…) merge, an empty string unsets a key. */
function merge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === '') target[key] = key === 'metadata' ? {} : null;
    else if (value && typeof value === 'object' && !Array.isArray(value) && target[key] && typeof target[key] === 'object' && !Array.isArray(target[key])) {
      merge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
      for (const [k, v] of Object.entries(target[key] as Record<string, unknown>)) if (v === null && key === 'metadata') delete (target[key] as Record<string, unknown>)[k];
    } else target[key] = value;
  }
  return target;
}

/**
 * A local stand-in for api.stripe.com. It keeps objects per account (the `Stripe-Account` header; ''
 * for the platform account) and answers, for every resource in RESOURCES, create (POST /v1/<res>),
 * retrieve (GET …/<id>), update (POST …/<id>, merged like Stripe), delete (DELETE …/<id>) and list
 * (GET /v1/<res>: newest first, `limit`, `starting_after`, `created[gte|gt|lte|lt]`, equality on
 * top-level fields such as `customer`, `product`, `active`, `status` (subscriptions: canceled ones only
 * with a status, `all` for every one) and `expand[]=data.<field>` of an id field). It replays the first response of
 * an Idempotency-Key (as Stripe does) and records every request for assertions. Tests seed or drift
 * objects with `put`, add events Stripe "sent" with `emit`, and add endpoints with `route` (checked
 * before the generic ones).
 */
export class FakeStripe {
  readonly requests: FakeStripeRequest[] = [];
  private readonly byAccount = new Map<string, Map<string, Map<string, StripeObject>>>();
  /** Objects a test puts for every account to re-fetch (charges, Checkout sessions with their `line_items`), see `store`. */
  private readonly shared = new Map<string, StripeObject>();
  private readonly replies = new Map<string, Reply>();
  private readonly routes: Array<[string, RegExp, Route]> = [
    ['GET', /^\/v1\/checkout\/sessions\/(cs_\w+)\/line_items$/, (request, [id]) => {
      const session = this.get('checkout/sessions', id, request.stripeAccount ?? '') ?? this.shared.get(id);
      if (!session) return missing(id);
      const data = ((session.line_items as { data?: unknown[] } | undefined)?.data ?? []) as unknown[];
      return { status: 200, body: { object: 'list', url: `/v1/checkout/sessions/${id}/line_items`, has_more: false, data } };
    }],
    // The URL of a session (`url`) opens a page here, as Stripe's hosted Checkout would.
    ['GET', /^\/c\/pay\/(cs_\w+)$/, (_request, [id]) => checkoutPage(this.findAnywhere('checkout/sessions', id) ?? this.shared.get(id), id)],
    // An invoice item added to a draft invoice becomes one of its lines, and its amounts follow.
    ['POST', /^\/v1\/invoiceitems$/, (request) => {
      const account = request.stripeAccount ?? '';
      const item = this.put('invoiceitems', { ...request.body, id: stripeId('ii') }, account);
      const invoice = typeof item.invoice === 'string' ? this.get('invoices', item.invoice, account) : undefined;
      if (invoice) this.addInvoiceLine(invoice, item);
      return { status: 200, body: item };
    }],
    // A customer's balance ledger: a transaction moves the customer's balance (negative: credit).
    ['POST', /^\/v1\/customers\/(cus_\w+)\/balance_transactions$/, (request, [id]) => {
      const account = request.stripeAccount ?? '';
      const customer = this.get('customers', id, account);
      if (!customer) return missing(id);
      customer.balance = Number(customer.balance ?? 0) + Number(request.body.amount);
      const transaction = { ...request.body, id: stripeId('cbtxn'), object: 'customer_balance_transaction', customer: id, type: 'adjustment', ending_balance: customer.balance, invoice: null, created: now(), livemode: false };
      this.objects('balance_transactions', account).set(transaction.id, transaction);
      return { status: 200, body: transaction };
    }],
    ['GET', /^\/v1\/customers\/(cus_\w+)\/balance_transactions$/, (request, [id]) => {
      const account = request.stripeAccount ?? '';
      if (!this.get('customers', id, account)) return missing(id);
      const own = [...this.objects('balance_transactions', account).values()].filter((t) => t.customer === id);
      return { status: 200, body: this.list(request.path, 'balance_transactions', own, request.query, account) };
    }],
    // Stripe's invoice actions, with its status rules (a refused one is a 400 invalid_request_error).
    ['POST', /^\/v1\/invoices\/(in_\w+)\/(finalize|send|void|mark_uncollectible|pay)$/, (request, [id, action]) => {
      const invoice = this.get('invoices', id, request.stripeAccount ?? '');
      if (!invoice) return missing(id);
      return this.invoiceAction(invoice, action);
    }],
    ['POST', /^\/v1\/subscriptions$/, (request) => this.createSubscription(request)],
    ['POST', /^\/v1\/subscriptions\/(sub_\w+)$/, (request, [id]) => this.updateSubscription(request, id)],
    ['DELETE', /^\/v1\/subscriptions\/(sub_\w+)$/, (request, [id]) => this.cancelSubscription(request, id)],
    ['POST', /^\/v1\/invoices\/create_preview$/, (request) => this.previewInvoice(request)],
    // A refund as Stripe makes it of a charge the fake holds (named, or its payment intent's latest): of what
    // is left when no amount is given, refused above it; the charge counts it; `expand[]=charge` answers
    // the charge. A charge the fake does not hold: the generic resource answers.
    ['POST', /^\/v1\/refunds$/, (request) => this.refund(request)],
    // A subscription's discount removed: Stripe answers the deleted discount (404 when it has none).
    ['DELETE', /^\/v1\/subscriptions\/(sub_\w+)\/discount$/, (request, [id]) => {
      const subscription = this.get('subscriptions', id, request.stripeAccount ?? '');
      const discounts = (subscription?.discounts as unknown[] | undefined) ?? [];
      if (!subscription || (!discounts.length && !subscription.discount)) return missing(`discount of ${id}`);
      Object.assign(subscription, { discount: null, discounts: [] });
      return { status: 200, body: { id: stripeId('di'), object: 'discount', deleted: true, subscription: id } };
    }],
  ];
  private server: Server | null = null;
  /** The fake's address once started: URLs it serves itself (Checkout pages) point here. */
  private base: string | null = null;

  async start(): Promise<string> {
    // A fault of the fake itself answers 500 (as Stripe's own errors would) instead of ending the process.
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: `fake Stripe failed: ${error.message}` } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    // A test double never keeps the test process alive on its own.
    this.server.unref();
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    // The SDK keeps connections alive: end them, or the server (and Jest) waits for them.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests to a path (exact, or matching), in the order received. */
  seen(method: string, path: string | RegExp): FakeStripeRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  /** An endpoint of its own (an action such as POST /v1/invoices/{id}/pay), tried before the generic resources (undefined: not this one). */
  route(method: string, pattern: RegExp, handler: Route): void {
    this.routes.push([method, pattern, handler]);
  }

  /** The objects of one resource in one account ('' or omitted: the platform account). */
  objects(resource: string, account = ''): Map<string, StripeObject> {
    let byResource = this.byAccount.get(account);
    if (!byResource) this.byAccount.set(account, (byResource = new Map()));
    let objects = byResource.get(resource);
    if (!objects) byResource.set(resource, (objects = new Map()));
    return objects;
  }

  get(resource: string, id: string, account = ''): StripeObject | undefined {
    return this.objects(resource, account).get(id);
  }

  /** An object of one resource in whichever account holds it. */
  findAnywhere(resource: string, id: string): StripeObject | undefined {
    for (const account of this.byAccount.keys()) {
      const found = this.get(resource, id, account);
      if (found) return found;
    }
    return undefined;
  }

  /** Stores an object as Stripe holds it (seeding, or drifting it from what the mirror has); fills id, object and created. */
  put(resource: string, fields: Record<string, unknown>, account = ''): StripeObject {
    const spec = RESOURCES[resource];
    const id = typeof fields.id === 'string' ? fields.id : stripeId(spec.prefix);
    const existing = this.get(resource, id, account);
    const object: StripeObject = existing
      ? (merge(existing, fields) as StripeObject)
      : { ...spec.create?.(fields, id, this.base ?? 'https://checkout.stripe.test'), id, object: spec.object, created: now(), livemode: false, metadata: {}, ...fields };
    this.objects(resource, account).set(id, object);
    return object;
  }

  /** An object any account's retrieve of its id answers (a fixture for re-fetches, whatever account the event came from). */
  store<T extends { id: string }>(object: T): T {
    this.shared.set(object.id, object as unknown as StripeObject);
    return object;
  }

  /** An event as Stripe records it (listed by GET /v1/events), around a copy of `object`; deliver it or not. */
  emit(type: string, object: Record<string, unknown>, options: { account?: string; created?: number } = {}): ReturnType<typeof stripeEvent> {
    const event = stripeEvent(type, structuredClone(object), options);
    this.objects('events', options.account ?? '').set(event.id, event as unknown as StripeObject);
    return event;
  }

  private refund(request: FakeStripeRequest): Reply | undefined {
    const account = request.stripeAccount ?? '';
    const { expand, ...fields } = request.body;
    const intent = typeof fields.payment_intent === 'string' ? this.get('payment_intents', fields.payment_intent, account) : undefined;
    const chargeId = typeof fields.charge === 'string' ? fields.charge : intent?.latest_charge;
    const charge = typeof chargeId === 'string' ? this.get('charges', chargeId, account) : undefined;
    if (!charge) return undefined;
    const captured = Number(charge.amount_captured ?? charge.amount);
    const left = captured - Number(charge.amount_refunded ?? 0);
    const amount = fields.amount === undefined ? left : Number(fields.amount);
    if (amount > left) {
      return { status: 400, body: { error: { type: 'invalid_request_error', code: 'amount_too_large', param: 'amount', message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})` } } };
    }
    charge.amount_refunded = captured - left + amount;
    charge.refunded = charge.amount_refunded === captured;
    const refund = this.put('refunds', { ...fields, amount, currency: charge.currency, charge: charge.id, payment_intent: charge.payment_intent ?? fields.payment_intent ?? null, status: 'succeeded' }, account);
    return { status: 200, body: Array.isArray(expand) && expand.includes('charge') ? { ...refund, charge } : refund };
  }

  private resource(request: FakeStripeRequest): Reply {
    const match = RESOURCE_PATH.exec(request.path);
    if (!match) return missing(request.path);
    const [, resource, id] = match;
    const account = request.stripeAccount ?? '';
    const objects = this.objects(resource, account);
    if (request.method === 'POST' && !id) return { status: 200, body: this.put(resource, { ...request.body, id: stripeId(RESOURCES[resource].prefix) }, account) };
    if (!id) return request.method === 'GET' ? { status: 200, body: this.list(request.path, resource, [...objects.values()], request.query, account) } : missing(request.path);
    const object = objects.get(id) ?? (request.method === 'GET' ? this.shared.get(id) : undefined);
    if (!object) return missing(id);
    if (request.method === 'GET') return { status: 200, body: object };
    if (request.method === 'POST') return { status: 200, body: merge(object, request.body) };
    if (request.method === 'DELETE') {
      objects.delete(id);
      return { status: 200, body: { id, object: object.object, deleted: true } };
    }
    return missing(request.path);
  }

  private addInvoiceLine(invoice: StripeObject, item: StripeObject): void {
    const lines = (invoice.lines as { data: Array<Record<string, unknown>> } | undefined)?.data ?? [];
    lines.push({ id: `il_${item.id}`, object: 'line_item', invoice_item: item.id, amount: item.amount, currency: item.currency, description: item.description ?? null, quantity: item.quantity, period: { start: now(), end: now() }, proration: false });
    const total = lines.reduce((sum, line) => sum + Number(line.amount), 0);
    merge(invoice, { lines: { object: 'list', data: lines, has_more: false }, subtotal: total, total, amount_due: total, amount_remaining: total - Number(invoice.amount_paid ?? 0) });
  }

  private invoiceAction(invoice: StripeObject, action: string): Reply {
    const refuse = (message: string) => ({ status: 400, body: { error: { type: 'invalid_request_error', message } } });
    const transitions = (invoice.status_transitions ??= {}) as Record<string, number | null>;
    const status = String(invoice.status);
    if (action === 'finalize') {
      if (status !== 'draft') return refuse(`This invoice is already finalized, you can't re-finalize a non-draft invoice.`);
      Object.assign(invoice, { status: 'open', number: `FAKE-${String(invoice.id).slice(-6).toUpperCase()}`, hosted_invoice_url: `${this.base}/i/${invoice.id}`, invoice_pdf: `${this.base}/i/${invoice.id}/pdf` });
      transitions.finalized_at = now();
    } else if (action === 'send') {
      if (status !== 'open') return refuse('You can only send an open invoice.');
    } else if (action === 'void') {
      if (status !== 'open') return refuse('You can only void an open invoice.');
      invoice.status = 'void';
      transitions.voided_at = now();
    } else if (action === 'mark_uncollectible') {
      if (status !== 'open') return refuse('You can only mark an open invoice uncollectible.');
      invoice.status = 'uncollectible';
      transitions.marked_uncollectible_at = now();
    } else {
      if (status !== 'open' && status !== 'uncollectible') return refuse('You can only pay an open or uncollectible invoice.');
      Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due, amount_remaining: 0, attempt_count: Number(invoice.attempt_count ?? 0) + 1 });
      transitions.paid_at = now();
    }
    return { status: 200, body: invoice };
  }

  /**
   * A subscription update as Stripe applies it: `items[n][id]` changes that item (its price becomes the
   * price object, its quantity), `items[n]` without an id adds one; a future `trial_end` makes it
   * trialing until then, which is also its period's end (no charge before). The rest merges.
   */
  /**
   * POST /v1/subscriptions as Stripe answers it: items with their price objects, a month's period (or the
   * trial's), trialing with `trial_period_days`, the coupon of `discounts` as its discount.
   */
  private createSubscription(request: FakeStripeRequest): Reply | undefined {
    const account = request.stripeAccount ?? '';
    const { items, trial_period_days: trialDays, discounts, payment_behavior: _behavior, ...rest } = request.body as Record<string, unknown> & { items?: Array<Record<string, unknown>>; discounts?: Array<{ coupon?: string }> };
    // A test seeding a whole subscription (items already a list object) is stored as given.
    if (items !== undefined && !Array.isArray(items)) return undefined;
    const start = now();
    const end = typeof trialDays === 'number' ? start + trialDays * 86_400 : start + 30 * 86_400;
    const data = (items ?? []).map((item) => ({
      id: stripeId('si'), object: 'subscription_item', quantity: Number(item.quantity ?? 1), current_period_start: start, current_period_end: end,
      price: typeof item.price === 'string' ? (this.get('prices', item.price, account) ?? item.price) : item.price,
    }));
    const subscription = this.put('subscriptions', {
      ...rest, id: stripeId('sub'), status: typeof trialDays === 'number' ? 'trialing' : 'active', currency: (data[0]?.price as { currency?: string } | undefined)?.currency ?? 'eur',
      current_period_start: start, current_period_end: end, trial_end: typeof trialDays === 'number' ? end : null, items: { object: 'list', data },
    }, account);
    subscription.discounts = this.discountsFor(subscription, discounts, account);
    return { status: 200, body: subscription };
  }

  /**
   * The discount objects of `discounts[n][coupon]` on a subscription, as Stripe makes them (answered
   * expanded): since now, a repeating coupon's until its months have passed; `discounts[n][discount]`
   * keeps one the subscription has. An unknown coupon gives none.
   */
  private discountsFor(subscription: StripeObject, discounts: Array<{ coupon?: string; discount?: string }> | undefined, account: string): StripeObject[] {
    const held = ((subscription.discounts as StripeObject[] | undefined) ?? []).filter((d) => typeof d === 'object');
    const result: StripeObject[] = [];
    for (const wanted of discounts ?? []) {
      const kept = wanted.discount ? held.find((d) => d.id === wanted.discount) : undefined;
      const coupon = wanted.coupon ? this.get('coupons', wanted.coupon, account) : undefined;
      if (kept) result.push(kept);
      if (!coupon) continue;
      const start = now();
      const end = coupon.duration === 'repeating' ? addMonths(start, Number(coupon.duration_in_months)) : null;
      result.push({
        id: stripeId('di'), object: 'discount', subscription: subscription.id, customer: subscription.customer ?? null, start, end,
        source: { type: 'coupon', coupon: coupon.id }, promotion_code: null, checkout_session: null, invoice: null, invoice_item: null, subscription_item: null,
      });
    }
    return result;
  }

  private updateSubscription(request: FakeStripeRequest, id: string): Reply {
    const account = request.stripeAccount ?? '';
    const subscription = this.get('subscriptions', id, account);
    if (!subscription) return missing(id);
    const { items, trial_end: trialEnd, proration_behavior: _proration, proration_date: _date, expand: _expand, discounts, ...rest } = request.body as Record<string, unknown> & { items?: Array<Record<string, unknown>>; discounts?: Array<{ coupon?: string; discount?: string }> | '' };
    if (discounts !== undefined) subscription.discounts = this.discountsFor(subscription, discounts || [], account);
    const list = ((subscription.items as { data?: Array<Record<string, unknown>> } | undefined)?.data ?? []);
    for (const change of items ?? []) {
      const price = typeof change.price === 'string' ? (this.get('prices', change.price, account) ?? change.price) : undefined;
      const item = list.find((i) => i.id === change.id);
      const fields = { ...(price !== undefined ? { price } : {}), ...(change.quantity !== undefined ? { quantity: change.quantity } : {}) };
      if (item) Object.assign(item, fields);
      else list.push({ id: stripeId('si'), object: 'subscription_item', quantity: 1, ...fields });
    }
    subscription.items = { object: 'list', data: list };
    if (typeof trialEnd === 'number' && trialEnd > now()) {
      subscription.trial_end = trialEnd;
      subscription.status = 'trialing';
      subscription.current_period_end = trialEnd;
      for (const item of list) item.current_period_end = trialEnd;
    }
    return { status: 200, body: merge(subscription, rest) };
  }

  /** DELETE /v1/subscriptions/{id}: Stripe cancels it at once and answers the canceled subscription (with its cancellation details). */
  private cancelSubscription(request: FakeStripeRequest, id: string): Reply {
    const subscription = this.get('subscriptions', id, request.stripeAccount ?? '');
    if (!subscription) return missing(id);
    if (subscription.status === 'canceled') return { status: 400, body: { error: { type: 'invalid_request_error', message: `The subscription ${id} is already canceled.` } } };
    const details = (request.query.cancellation_details ?? {}) as Record<string, unknown>;
    return {
      status: 200,
      body: merge(subscription, { status: 'canceled', canceled_at: now(), ended_at: now(), cancel_at_period_end: false, cancellation_details: { reason: 'cancellation_requested', comment: null, feedback: null, ...details } }),
    };
  }

  /**
   * POST /v1/invoices/create_preview for a price change of one item: the unused time on the old price
   * credited and the remaining time on the new one charged, both from `proration_date` to the period's
   * end (the share of the period left, rounded to minor units), then the next period on the new price.
   */
  private previewInvoice(request: FakeStripeRequest): Reply {
    const account = request.stripeAccount ?? '';
    const { customer, subscription: subscriptionId, subscription_details: details } = request.body as { customer?: string; subscription?: string; subscription_details?: Record<string, any> };
    const subscription = subscriptionId ? this.get('subscriptions', subscriptionId, account) : undefined;
    if (!subscription) return missing(String(subscriptionId));
    const change = (details?.items?.[0] ?? {}) as { id?: string; price?: string; quantity?: number };
    const item = ((subscription.items as { data: Array<Record<string, any>> }).data).find((i) => i.id === change.id);
    const next = change.price ? this.get('prices', change.price, account) : undefined;
    if (!item || !next) return missing(String(change.id ?? change.price));
    const old = item.price as Record<string, any>;
    const start = Number(item.current_period_start ?? subscription.current_period_start);
    const end = Number(item.current_period_end ?? subscription.current_period_end);
    const at = Number(details?.proration_date ?? now());
    const share = Math.max(0, end - at) / Math.max(1, end - start);
    const quantity = Number(change.quantity ?? item.quantity ?? 1);
    const line = (description: string, amount: number, proration: boolean, period: { start: number; end: number }) => ({
      id: stripeId('il'), object: 'line_item', description, amount, currency: next.currency, period, quantity,
      parent: { type: 'subscription_item_details', subscription_item_details: { proration, subscription: subscription.id, subscription_item: item.id } },
    });
    const lines = [
      line(`Unused time on ${String(old.id)}`, -Math.round(Number(old.unit_amount) * Number(item.quantity ?? 1) * share), true, { start: at, end }),
      line(`Remaining time on ${String(next.id)}`, Math.round(Number(next.unit_amount) * quantity * share), true, { start: at, end }),
      line(`${quantity} × ${String(next.id)}`, Number(next.unit_amount) * quantity, false, { start: end, end: end + (end - start) }),
    ];
    const total = lines.reduce((sum, l) => sum + l.amount, 0);
    return {
      status: 200,
      body: {
        id: `upcoming_${stripeId('in')}`, object: 'invoice', customer, subscription: subscription.id, currency: next.currency, subtotal: total, total,
        amount_due: Math.max(0, total), created: now(), livemode: false, lines: { object: 'list', has_more: false, data: lines },
      },
    };
  }

  /** Any resource's object with this id in the account (or a shared fixture): what an `expand` puts in place of the id. */
  private find(id: string, account: string): StripeObject | undefined {
    for (const objects of this.byAccount.get(account)?.values() ?? []) {
      const object = objects.get(id);
      if (object) return object;
    }
    return this.shared.get(id);
  }

  private list(url: string, resource: string, all: StripeObject[], query: Record<string, unknown>, account: string) {
    const { limit = 10, starting_after: after, created, expand, ...equal } = query as { limit?: number; starting_after?: string; created?: unknown; expand?: unknown } & Record<string, unknown>;
    // Stripe lists only subscriptions that are not canceled unless asked for a status (`all`: every one).
    const live = resource === 'subscriptions' && equal.status === undefined ? (o: StripeObject) => o.status !== 'canceled' : () => true;
    if (resource === 'subscriptions' && equal.status === 'all') delete equal.status;
    const range = created && typeof created === 'object' ? (created as Record<string, number>) : created !== undefined ? { gte: Number(created), lte: Number(created) } : {};
    const rows = all
      .filter((o) => {
        const at = Number(o.created);
        return (range.gte === undefined || at >= range.gte) && (range.gt === undefined || at > range.gt) && (range.lte === undefined || at <= range.lte) && (range.lt === undefined || at < range.lt);
      })
      .filter((o) => live(o) && Object.entries(equal).every(([k, v]) => typeof v === 'object' || String(o[k]) === String(v)))
      .sort((a, b) => Number(b.created) - Number(a.created) || (a.id < b.id ? 1 : -1));
    const from = after ? rows.findIndex((o) => o.id === after) + 1 : 0;
    const page = rows.slice(from, from + Number(limit));
    // `expand[]=data.<field>`: each listed object's id in that field replaced by the object (a copy).
    const expanded = (Array.isArray(expand) ? (expand as string[]) : []).filter((e) => e.startsWith('data.')).map((e) => e.slice('data.'.length));
    const data = expanded.length
      ? page.map((o) => {
          const copy = { ...o };
          for (const name of expanded) if (typeof copy[name] === 'string') copy[name] = this.find(copy[name] as string, account) ?? copy[name];
          return copy;
        })
      : page;
    return { object: 'list', url, has_more: from + page.length < rows.length, data };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: FakeStripeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      idempotencyKey: (req.headers['idempotency-key'] as string | undefined) ?? null,
      stripeAccount: (req.headers['stripe-account'] as string | undefined) ?? null,
      body: coerce(parseForm(Buffer.concat(chunks).toString('utf8'))) as Record<string, unknown>,
      query: coerce(parseForm(url.search.slice(1))) as Record<string, unknown>,
    };
    this.requests.push(request);
    const replayKey = request.idempotencyKey ? `${request.stripeAccount ?? ''}|${request.idempotencyKey}` : null;
    let reply = replayKey ? this.replies.get(replayKey) : undefined;
    if (!reply) {
      for (const [method, pattern, route] of this.routes) {
        const m = method === request.method ? pattern.exec(request.path) : null;
        if (m && (reply = route(request, m.slice(1)))) break;
      }
      reply ??= this.resource(request);
      // Stripe answers with a copy: later changes to the stored object don't reach an earlier answer.
      reply = { ...reply, body: structuredClone(reply.body) };
      if (replayKey && request.method === 'POST') this.replies.set(replayKey, reply);
    }
    res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json', 'request-id': stripeId('req') });
    res.end(reply.contentType ? String(reply.body) : JSON.stringify(reply.body));
  }
}

function missing(what: string) {
  return { status: 404, body: { error: { type: 'invalid_request_error', message: `No such resource: ${what}` } } };
}

const signer = new Stripe('sk_test_signer', { telemetry: false });

/** A Stripe event around `object` (as Stripe would send it), with a fresh event id unless given. */
export function stripeEvent(type: string, object: Record<string, unknown>, options: { id?: string; created?: number; account?: string } = {}) {
  return {
    id: options.id ?? stripeId('evt'),
    object: 'event',
    api_version: '2025-01-27',
    type,
    created: options.created ?? now(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    ...(options.account ? { account: options.account } : {}),
    data: { object },
  };
}

/** The Stripe-Signature header for `payload`, signed with the SDK's own test helper. */
export function stripeSignature(payload: string, secret: string, timestamp = now()): string {
  return signer.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}
