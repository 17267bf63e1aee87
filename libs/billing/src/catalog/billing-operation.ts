import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { currentContext, type Principal, Problems } from '@app/core';
import { Db } from '@app/database';
import type { StripeObject } from '../gateway/stripe-event';
import { StripeGateway, type TenantStripe } from '../gateway/stripe-gateway';
import { mirrorNow, type MirrorTable, type StateKind, upsertMirror } from '../mirror/mirror-upsert';

/**
 * How a Stripe-calling route runs (they are @WithoutTransaction): a short transaction to read what the
 * call needs, the Stripe call holding no connection, a short transaction to write the mirror and audit.
 */
@Injectable()
export class BillingOperation {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
  ) {}

  principal(): Principal & { tenantId: string } {
    const principal = currentContext()?.principal;
    if (!principal?.tenantId) throw Problems.forbidden('Billing needs a business.');
    return principal as Principal & { tenantId: string };
  }

  /** A transaction bound to the caller's tenant and user. */
  tx<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    this.gateway.assertConfigured();
    const principal = this.principal();
    return this.db.transaction({ tenantId: principal.tenantId, userId: principal.userId }, work);
  }

  /** The tenant's Stripe (its mode read in a short transaction). */
  stripe(): Promise<TenantStripe> {
    return this.tx(() => this.gateway.forTenant(this.principal().tenantId));
  }

  /**
   * Our operation id for Stripe's Idempotency-Key: the client's Idempotency-Key scoped to tenant and
   * route when given (a retry creates nothing twice), else the request id.
   */
  operationId(route: string, clientKey: string | undefined): string {
    const context = currentContext();
    if (clientKey) return createHash('sha256').update(`${this.principal().tenantId}\n${route}\n${clientKey}`).digest('hex').slice(0, 40);
    return context?.requestId ?? createHash('sha256').update(String(Math.random())).digest('hex');
  }

  /**
   * When the state in Stripe's answer held: about now, in whole seconds like event times, so the webhook
   * of the same change (same second, same rank) still applies and a later one wins; a creation, its `created`.
   */
  stateAt(object: StripeObject, kind: StateKind): Date {
    return kind === 'created' && typeof object.created === 'number' ? new Date(object.created * 1000) : mirrorNow();
  }

  /** Writes Stripe's answer to the mirror with upsertMirror's order-safety; returns the row's id. */
  async mirror(manager: EntityManager, table: MirrorTable, stripe: TenantStripe, object: StripeObject, kind: StateKind, columns: Record<string, unknown>): Promise<string> {
    return (await this.mirrorRow(manager, table, stripe, object, kind, columns)).id;
  }

  /**
   * Like `mirror`, and whether the row was already there: a retried creation (same Idempotency-Key, so the
   * same Stripe object) or one whose webhook came first, which is not audited again.
   */
  async mirrorRow(manager: EntityManager, table: MirrorTable, stripe: TenantStripe, object: StripeObject, kind: StateKind, columns: Record<string, unknown>): Promise<{ id: string; existed: boolean }> {
    const tenantId = this.principal().tenantId;
    const at = this.stateAt(object, kind);
    const [held] = await manager.query(`select id from ${table} where tenant_id = $1 and stripe_account = $2 and stripe_id = $3`, [tenantId, stripe.account ?? '', object.id]);
    await upsertMirror(manager, table, {
      tenantId,
      account: stripe.account,
      stripeId: object.id,
      livemode: object.livemode === true,
      metadata: object.metadata ?? {},
      stripeCreatedAt: typeof object.created === 'number' ? new Date(object.created * 1000) : null,
      at,
      kind,
      columns,
    });
    const [row] = held ? [held] : await manager.query(`select id from ${table} where tenant_id = $1 and stripe_account = $2 and stripe_id = $3`, [tenantId, stripe.account ?? '', object.id]);
    return { id: row.id, existed: Boolean(held) };
  }
}
