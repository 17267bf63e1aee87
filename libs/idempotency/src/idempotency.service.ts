import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, decryptSecret, encryptSecret, newId, ProblemException, Problems } from '@app/core';
import { Db } from '@app/database';

export const IDEMPOTENCY_WINDOW_HOURS = 24;

export interface IdempotencyRequest {
  scope: string;
  key: string;
  tenantId: string | null;
  method: string;
  path: string;
  fingerprint: string;
}

export type Claim = { kind: 'run'; id: string } | { kind: 'replay'; status: number; body: unknown };

interface StoredRow {
  id: string;
  request_hash: string;
  status: 'in_progress' | 'completed';
  locked: boolean;
  expired: boolean;
  response_status: number | null;
  response_body_enc: string | null;
}

/**
 * Stored responses for `Idempotency-Key`: the first request with a key claims it (outside the request's
 * transaction, so a concurrent twin sees the claim), the response is saved in the request's own
 * transaction, and a failed request releases the claim so the client can retry with the same key.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A short transaction of its own on the cross-tenant path: claims are taken before the request's
   * tenant is known (anonymous callers have none) and must be visible to a twin at once.
   */
  private claimsQuery<T = any>(sql: string, params: unknown[]): Promise<T> {
    return this.db.transaction({}, async () => {
      await this.db.crossTenant();
      return (await this.db.query(sql, params)) as T;
    });
  }

  async claim(request: IdempotencyRequest): Promise<Claim> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const id = newId();
      const inserted = await this.claimsQuery(
        `insert into idempotency_keys (id, scope, key, tenant_id, method, path, request_hash, status, locked_until)
         values ($1, $2, $3, $4, $5, $6, $7, 'in_progress', now() + make_interval(secs => $8))
         on conflict (scope, key) do nothing returning id`,
        [id, request.scope, request.key, request.tenantId, request.method, request.path, request.fingerprint, this.config.idempotencyLockSeconds],
      );
      if (inserted.length) return { kind: 'run', id };
      const [row]: StoredRow[] = await this.claimsQuery(
        `select id, request_hash, status, locked_until > now() as locked,
                created_at < now() - make_interval(hours => $3) as expired, response_status, response_body_enc
           from idempotency_keys where scope = $1 and key = $2`,
        [request.scope, request.key, IDEMPOTENCY_WINDOW_HOURS],
      );
      if (!row) continue;
      if (row.expired) {
        await this.claimsQuery(`delete from idempotency_keys where id = $1`, [row.id]);
        continue;
      }
      if (row.request_hash !== request.fingerprint) {
        throw Problems.unprocessable(
          'idempotency-key-reused',
          'This Idempotency-Key was already used with a different request; use a new key for a new request.',
        );
      }
      if (row.status === 'completed') {
        const body = row.response_body_enc ? JSON.parse(decryptSecret(row.response_body_enc, this.config.encryptionKey)) : null;
        return { kind: 'replay', status: row.response_status ?? 200, body };
      }
      if (row.locked) {
        throw new ProblemException('idempotency-in-progress', 409, 'Conflict', 'A request with this Idempotency-Key is still being processed; retry shortly.', undefined, { retryAfter: 1 });
      }
      // The first request died without finishing (its transaction rolled back): take the claim over.
      const taken = await this.claimsQuery(
        `with taken as (
           update idempotency_keys set locked_until = now() + make_interval(secs => $2)
            where id = $1 and status = 'in_progress' and locked_until <= now() returning id)
         select id from taken`,
        [row.id, this.config.idempotencyLockSeconds],
      );
      if (taken.length) return { kind: 'run', id: row.id };
    }
    throw new ProblemException('idempotency-in-progress', 409, 'Conflict', 'A request with this Idempotency-Key is still being processed; retry shortly.', undefined, { retryAfter: 1 });
  }

  /** Saves the response in the request's transaction, so the change and its stored answer commit together. */
  async complete(id: string, status: number, body: unknown): Promise<void> {
    const sealed = body === undefined ? null : encryptSecret(JSON.stringify(body), this.config.encryptionKey);
    // Opens exactly the claimed row to this transaction, whatever tenant it is bound to.
    await this.db.query(`select set_config('app.idempotency_key', $1, true)`, [id]);
    await this.db.query(
      `update idempotency_keys set status = 'completed', response_status = $2, response_body_enc = $3, completed_at = now() where id = $1`,
      [id, status, sealed],
    );
  }

  async release(id: string): Promise<void> {
    await this.claimsQuery(`delete from idempotency_keys where id = $1 and status = 'in_progress'`, [id]);
  }

  /** Daily housekeeping: keys older than the replay window are forgotten. */
  async prune(): Promise<number> {
    const rows = await this.claimsQuery(
      `with gone as (delete from idempotency_keys where created_at < now() - make_interval(hours => $1) returning 1) select count(*)::int as n from gone`,
      [IDEMPOTENCY_WINDOW_HOURS],
    );
    return rows[0].n;
  }
}
