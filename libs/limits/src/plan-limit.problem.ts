import { ProblemException } from '@app/core';
import { LIMIT_LABELS, type LimitMetric } from './plan-limits';

/** 402 naming the limit, with the numbers so a client can show "5 of 5 members". */
export function planLimitProblem(metric: LimitMetric, limit: number, used: number, plan: string): ProblemException {
  return new ProblemException(
    'plan-limit-reached',
    402,
    'Plan limit reached',
    `The ${plan} plan allows ${limit} of "${LIMIT_LABELS[metric]}"; ${used} are in use. Upgrade the plan to go further.`,
    undefined,
    { limit: metric, max: limit, used, plan },
  );
}
