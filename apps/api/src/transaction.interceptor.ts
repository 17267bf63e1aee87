import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { authorizeRoute, PrincipalService } from '@app/auth';
import { type AuthenticatedPrincipal, CommittingProblem, requestContext, type RequestContext, routeMetadata } from '@app/core';
import { Db, WITHOUT_TRANSACTION_KEY } from '@app/database';
import { idempotencyClaimOf, idempotencyKeyOf, IdempotencyService, type IdempotentRequest } from '@app/idempotency';

/**
 * The request's database work, after the guards (which verified the token and counted the rate limits
 * without touching the database):
 * - one transaction per request, opened in one round trip together with its RLS settings (tenant, user)
 *   and the principal's access stamp; the principal is resolved inside it (from the cache while the
 *   stamp is unchanged) and the route's access rules are checked before the handler runs, so every
 *   query of the handler runs under row-level security;
 * - a request with an `Idempotency-Key` resolves its principal first, claims the key in a short
 *   transaction of its own (a concurrent twin must see the claim), then runs; its response is stored in
 *   the same transaction as the change it reports;
 * - @WithoutTransaction routes get their principal resolved in a short transaction, then manage their
 *   own (streamed exports, Stripe calls) or none (health); with an `Idempotency-Key` they claim it the
 *   same way and store their response once they have finished.
 * A handler may throw CommittingProblem to answer a problem and still commit.
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly db: Db,
    private readonly idempotency: IdempotencyService,
    private readonly principals: PrincipalService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const withoutTransaction = routeMetadata<boolean>(context, WITHOUT_TRANSACTION_KEY) === true;
    const idempotencyKey = idempotencyKeyOf(request);
    const store: RequestContext = {
      requestId: String(request.id),
      ip: request.ip ?? null,
      userAgent: (request.headers['user-agent'] as string | undefined) ?? null,
      principal: null,
      tenantId: null,
      manager: null,
    };
    const run = async (): Promise<unknown> => {
      if (!withoutTransaction && idempotencyKey === null) {
        return this.inTransaction(context, request, store, true, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
      }
      if (request.identity) {
        const opening = this.principals.opening(request.identity);
        await this.db.transactionWith(opening.scope, opening.probe, (probed) => this.authenticate(context, request, store, probed));
      }
      if (withoutTransaction && idempotencyKey === null) return lastValueFrom(next.handle(), { defaultValue: undefined });
      const claim = await this.idempotency.claim(idempotencyClaimOf(request, idempotencyKey!));
      if (claim.kind === 'replay') {
        void reply.status(claim.status).header('Idempotent-Replayed', 'true');
        return claim.body ?? undefined;
      }
      request.idempotencyClaimId = claim.id;
      try {
        if (withoutTransaction) {
          // The route commits its own short transactions (around a Stripe call): its answer is stored once
          // it has finished, so a retry replays it instead of calling out (and auditing) again.
          const response = await lastValueFrom(next.handle(), { defaultValue: undefined });
          const scope = { tenantId: request.user?.tenantId, userId: request.user?.userId };
          await this.db.transaction(scope, () => this.idempotency.complete(claim.id, reply.statusCode, response));
          return response;
        }
        return await this.inTransaction(context, request, store, false, async () => {
          const response = await lastValueFrom(next.handle(), { defaultValue: undefined });
          await this.idempotency.complete(claim.id, reply.statusCode, response);
          return response;
        });
      } catch (error) {
        await this.idempotency.release(claim.id);
        throw error;
      }
    };
    return from(requestContext.run(store, run));
  }

  /** Resolves the principal in the transaction the identity's opening probe started, and checks the route's rules. */
  private async authenticate(context: ExecutionContext, request: IdempotentRequest, store: RequestContext, probed: string | null): Promise<AuthenticatedPrincipal> {
    const principal = await this.principals.resolve(request.identity!, probed, request.ip);
    request.user = principal;
    store.principal = principal;
    authorizeRoute(context, principal);
    return principal;
  }

  /**
   * Runs `handle` in the request's transaction: bound to the already resolved principal, or (with
   * `resolve`) opened with the identity's probe and resolving the principal first.
   */
  private async inTransaction(context: ExecutionContext, request: IdempotentRequest, store: RequestContext, resolve: boolean, handle: () => Promise<unknown>): Promise<unknown> {
    const identity = resolve ? (request.identity ?? null) : null;
    const opening = identity ? this.principals.opening(identity) : { scope: { tenantId: request.user?.tenantId, userId: request.user?.userId }, probe: null };
    let deferred: CommittingProblem | null = null;
    const result = await this.db.transactionWith(opening.scope, opening.probe, async (probed) => {
      if (identity) await this.authenticate(context, request, store, probed);
      try {
        return await handle();
      } catch (error) {
        if (error instanceof CommittingProblem) {
          deferred = error;
          return undefined;
        }
        throw error;
      }
    });
    if (deferred) throw (deferred as CommittingProblem).problem;
    return result;
  }
}
