import { Global, Module } from '@nestjs/common';
import { ApiUsage } from './api-usage';
import { ConcurrencyLimitGuard } from './concurrency-limit.guard';
import { LimitsService } from './limits.service';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiterService } from './rate-limiter.service';
import { UsageController } from './usage.controller';
import { UsageMeters } from './usage-meters';

@Global()
@Module({
  controllers: [UsageController],
  providers: [ApiUsage, LimitsService, UsageMeters, RateLimiterService, RateLimitGuard, ConcurrencyLimitGuard],
  exports: [ApiUsage, RateLimiterService, LimitsService, UsageMeters, RateLimitGuard, ConcurrencyLimitGuard],
})
export class LimitsModule {}
