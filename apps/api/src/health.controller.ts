import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LiveDto, ReadyDto } from './health.dto';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig, ApiProblems } from '@app/core';
import { OutboxLagService } from '@app/metrics';
import { WithoutTransaction } from '@app/database';
import { SkipRateLimit } from '@app/limits';
import { Public } from '@app/rbac';
import { REDIS } from '@app/queue';
import type Redis from 'ioredis';

@ApiTags('health')
@SkipRateLimit()
@WithoutTransaction()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly outboxLag: OutboxLagService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: LiveDto })
  live(): LiveDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: database and Redis answer, and the outbox relay is not lagging (OUTBOX_LAG_READY_SECONDS)' })
  @ApiOkResponse({ type: ReadyDto })
  @ApiProblems(503)
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      async () => {
        const indicator = this.indicators.check('redis');
        try {
          await this.redis.ping();
          return indicator.up();
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
      async () => {
        const indicator = this.indicators.check('outbox');
        try {
          const lag = await this.outboxLag.read();
          const details = { ...lag, thresholdSeconds: this.config.outboxLagReadySeconds };
          return lag.oldestPendingAgeSeconds > this.config.outboxLagReadySeconds ? indicator.down(details) : indicator.up(details);
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
    ]);
  }
}
