import { Injectable } from '@nestjs/common';
import type { LimitMetric } from './plan-limits';

/** Measures a tenant's current use of one limited thing; runs inside the caller's tenant transaction. */
export interface UsageMeter {
  metric: LimitMetric;
  measure(tenantId: string): Promise<number>;
}

/**
 * Modules that own a limited thing (members, journeys...) register a meter at start-up, so the limits
 * lib never reads another module's tables.
 */
@Injectable()
export class UsageMeters {
  private readonly meters = new Map<LimitMetric, UsageMeter>();

  register(meter: UsageMeter): void {
    if (this.meters.has(meter.metric)) throw new Error(`Usage meter ${meter.metric} registered twice`);
    this.meters.set(meter.metric, meter);
  }

  get(metric: LimitMetric): UsageMeter | undefined {
    return this.meters.get(metric);
  }

  all(): UsageMeter[] {
    return [...this.meters.values()];
  }
}
