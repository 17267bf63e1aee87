import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { CommittingProblem, requestContext } from '@app/core';
import { Reflector } from '@nestjs/core';
import { Db, WITHOUT_TRANSACTION_KEY } from '@app/database';
import { IdempotencyService, type IdempotentRequest } from '@app/idempotency';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';

/**
 * One transaction per request, bound to the principal's tenant and user so row-level security applies
 * to every query of the handler. The request's context (id, IP, user agent, principal) rides along.
 * A response to an idempotent request is stored in the same transaction as the change it reports.
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly db: Db,
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.reflector.getAllAndOverride<boolean>(WITHOUT_TRANSACTION_KEY, [context.getHandler(), context.getClass()])) return next.handle();
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const principal = request.user ?? null;
    const store = {
      requestId: String(request.id),
      ip: request.ip ?? null,
      userAgent: (request.headers['user-agent'] as string | undefined) ?? null,
      principal,
      tenantId: null,
      manager: null,
    };
    return from(
      requestContext.run(store, async () => {
        let deferred: CommittingProblem | null = null;
        const result = await this.db.transaction({ tenantId: principal?.tenantId, userId: principal?.userId }, async () => {
          try {
            const response = await lastValueFrom(next.handle(), { defaultValue: undefined });
            if (request.idempotencyClaimId) await this.idempotency.complete(request.idempotencyClaimId, reply.statusCode, response);
            return response;
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
      }),
    );
  }
}
