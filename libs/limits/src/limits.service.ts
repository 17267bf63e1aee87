import { Injectable } from '@nestjs/common';
import { Db } from '@app/database';
import { planLimitProblem } from './plan-limit.problem';
import { LIMIT_LABELS, type LimitMetric, limitsOf } from './plan-limits';
import { UsageMeters } from './usage-meters';

export interface UsageLine {
  metric: LimitMetric;
  label: string;
  used: number | null;
  limit: number | null;
}

export interface Usage {
  plan: string;
  periodStart: string;
  periodEnd: string;
  limits: UsageLine[];
}

const MONTH_SQL = `date_trunc('month', now() at time zone 'utc')::date`;

/** Plan limits, enforced on the server: every check runs in the caller's tenant transaction. */
@Injectable()
export class LimitsService {
  constructor(
    private readonly db: Db,
    private readonly meters: UsageMeters,
  ) {}

  private async planOf(tenantId: string): Promise<string> {
    const rows: Array<{ plan: string }> = await this.db.manager().query(`select plan from tenants where id = $1`, [tenantId]);
    return rows[0]?.plan ?? 'free';
  }

  /**
   * Throws 402 when adding `adding` more of `metric` would pass the tenant's plan limit. Takes a
   * transaction-level advisory lock per tenant and metric, held until the caller's transaction ends,
   * so parallel requests measure and insert one after another and cannot all pass the same check.
   */
  async assertWithin(metric: LimitMetric, adding = 1): Promise<void> {
    const tenantId = this.db.tenantId();
    const plan = await this.planOf(tenantId);
    const limit = limitsOf(plan)[metric];
    if (limit === null) return;
    const meter = this.meters.get(metric);
    if (!meter) throw new Error(`No usage meter registered for ${metric}`);
    await this.db.manager().query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`plan-limit:${tenantId}:${metric}`]);
    const used = await meter.measure(tenantId);
    if (used + adding > limit) throw planLimitProblem(metric, limit, used, plan);
  }

  /**
   * Counts one API-key call this month, atomically refusing the call (402) once the plan's monthly
   * allowance is spent. Must run in a transaction bound to the key's tenant.
   */
  async countApiCall(tenantId: string): Promise<void> {
    const plan = await this.planOf(tenantId);
    const limit = limitsOf(plan).apiCallsPerMonth;
    const rows: unknown[] = await this.db.manager().query(
      `insert into usage_counters (tenant_id, metric, period, value) values ($1, 'api_calls', ${MONTH_SQL}, 1)
       on conflict (tenant_id, metric, period) do update set value = usage_counters.value + 1, updated_at = now()
         where $2::bigint is null or usage_counters.value < $2::bigint
       returning value`,
      [tenantId, limit],
    );
    if (rows.length === 0) throw planLimitProblem('apiCallsPerMonth', limit!, limit!, plan);
  }

  /** The tenant's plan, its limits and what is used now (null where nothing measures it yet). */
  async usage(): Promise<Usage> {
    const tenantId = this.db.tenantId();
    const plan = await this.planOf(tenantId);
    const limits = limitsOf(plan);
    const [period] = await this.db.manager().query(
      `select ${MONTH_SQL}::text as start, (${MONTH_SQL} + interval '1 month')::date::text as end,
              coalesce((select value from usage_counters where tenant_id = $1 and metric = 'api_calls' and period = ${MONTH_SQL}), 0)::int as api_calls`,
      [tenantId],
    );
    const lines: UsageLine[] = [];
    for (const metric of Object.keys(limits) as LimitMetric[]) {
      const used = metric === 'apiCallsPerMonth' ? period.api_calls : ((await this.meters.get(metric)?.measure(tenantId)) ?? null);
      lines.push({ metric, label: LIMIT_LABELS[metric], used, limit: limits[metric] });
    }
    return { plan, periodStart: period.start, periodEnd: period.end, limits: lines };
  }
}
