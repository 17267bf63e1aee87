import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { CommittingProblem, type Principal, requestContext } from '@app/core';
import { Db } from '@app/database';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';

/**
 * One transaction per request, bound to the principal's tenant and user so row-level security applies
 * to every query of the handler. The request's context (id, IP, user agent, principal) rides along.
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(private readonly db: Db) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
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
            return await lastValueFrom(next.handle(), { defaultValue: undefined });
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
