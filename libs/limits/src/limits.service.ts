import { Injectable } from '@nestjs/common';
import { Db } from '@app/database';
import { ApiUsage } from './api-usage';
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
    private readonly apiUsage: ApiUsage,
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

  /** The monthly API-call allowance of a plan (null: unlimited): ApiUsage enforces it per call. */
  apiCallAllowance(plan: string): number | null {
    return limitsOf(plan).apiCallsPerMonth;
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
      const used = metric === 'apiCallsPerMonth' ? await this.apiCallsUsed(tenantId, period.api_calls, limits[metric]) : ((await this.meters.get(metric)?.measure(tenantId)) ?? null);
      lines.push({ metric, label: LIMIT_LABELS[metric], used, limit: limits[metric] });
    }
    return { plan, periodStart: period.start, periodEnd: period.end, limits: lines };
  }

  /**
   * This month's API calls: those in the database plus those still counted in Redis. Calls past the
   * allowance are refused and never counted, so the figure is shown at most at the limit (it can only
   * be above it when the counter was set by hand or the plan's allowance shrank).
   */
  private async apiCallsUsed(tenantId: string, inDb: number, limit: number | null): Promise<number> {
    const used = inDb + (await this.apiUsage.pendingTenantCalls(tenantId));
    return limit === null ? used : Math.min(used, Math.max(limit, inDb));
  }
}
