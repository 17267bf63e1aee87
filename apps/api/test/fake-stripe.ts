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
}

type Route = (request: FakeStripeRequest, params: string[]) => { status: number; body: unknown };

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

/**
 * A local stand-in for api.stripe.com with only the endpoints the code uses. It answers form-encoded
 * POSTs at /v1/..., replays the first response of an Idempotency-Key (as Stripe does) and records every
 * request (with its Stripe-Account header) for assertions.
 */
export class FakeStripe {
  readonly requests: FakeStripeRequest[] = [];
  readonly accounts = new Map<string, Record<string, unknown>>();
  /** Objects tests put here (charges, Checkout sessions with their `line_items`...), served by the GET routes below. */
  readonly objects = new Map<string, Record<string, unknown>>();
  private readonly replies = new Map<string, { status: number; body: unknown }>();
  private server: Server | null = null;
  private readonly routes: Array<[string, RegExp, Route]> = [
    ['POST', /^\/v1\/accounts$/, (req) => {
      const account = { id: stripeId('acct'), object: 'account', type: req.body.type ?? 'express', charges_enabled: false, payouts_enabled: false,
        details_submitted: false, requirements: { currently_due: ['business_type', 'external_account'] }, metadata: req.body.metadata ?? {}, livemode: false, created: now() };
      this.accounts.set(account.id, account);
      return { status: 200, body: account };
    }],
    ['GET', /^\/v1\/accounts\/(acct_\w+)$/, (_req, [id]) => (this.accounts.has(id) ? { status: 200, body: this.accounts.get(id) } : missing(id))],
    ['POST', /^\/v1\/customers$/, (req) => ({ status: 200, body: { id: stripeId('cus'), object: 'customer', created: now(), livemode: false, balance: 0, ...req.body } })],
    ['POST', /^\/v1\/products$/, (req) => ({ status: 200, body: { id: stripeId('prod'), object: 'product', created: now(), livemode: false, active: true, ...req.body } })],
    ['GET', /^\/v1\/(?:charges|payment_intents|subscriptions|invoices|refunds|disputes|checkout\/sessions)\/(\w+)$/, (_req, [id]) =>
      (this.objects.has(id) ? { status: 200, body: this.objects.get(id) } : missing(id))],
    ['GET', /^\/v1\/checkout\/sessions\/(cs_\w+)\/line_items$/, (_req, [id]) => {
      const session = this.objects.get(id);
      if (!session) return missing(id);
      const data = ((session.line_items as { data?: unknown[] } | undefined)?.data ?? []) as unknown[];
      return { status: 200, body: { object: 'list', url: `/v1/checkout/sessions/${id}/line_items`, has_more: false, data } };
    }],
    ['POST', /^\/v1\/account_links$/, (req) => ({
      status: 200,
      body: { object: 'account_link', created: now(), expires_at: now() + 300, url: `https://connect.stripe.test/setup/${String(req.body.account)}/${randomBytes(6).toString('hex')}` },
    })],
  ];

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    // A test double never keeps the test process alive on its own.
    this.server.unref();
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    // The SDK keeps connections alive: end them, or the server (and Jest) waits for them.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Puts an object where the GET routes find it by id (a re-fetch sees this state). */
  store<T extends { id: string }>(object: T): T {
    this.objects.set(object.id, object as unknown as Record<string, unknown>);
    return object;
  }

  /** Requests to a path (exact, or matching), in the order received. */
  seen(method: string, path: string | RegExp): FakeStripeRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
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
      body: parseForm(Buffer.concat(chunks).toString('utf8')),
    };
    this.requests.push(request);
    const replayKey = request.idempotencyKey ? `${request.stripeAccount ?? ''}|${request.idempotencyKey}` : null;
    let reply = replayKey ? this.replies.get(replayKey) : undefined;
    if (!reply) {
      const match = this.routes.map(([method, pattern, route]) => ({ method, m: pattern.exec(request.path), route })).find((r) => r.method === request.method && r.m);
      reply = match ? match.route(request, match.m!.slice(1)) : missing(request.path);
      if (replayKey && request.method === 'POST') this.replies.set(replayKey, reply);
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': stripeId('req') });
    res.end(JSON.stringify(reply.body));
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
