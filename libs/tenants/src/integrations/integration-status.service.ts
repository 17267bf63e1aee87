import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig, isoOrNull } from '@app/core';
import { Db } from '@app/database';
import { describeMailTransport } from '@app/email';
import { REDIS } from '@app/queue';
import type { EmailTransportStatusDto } from './dto/email-transport-status.dto';
import type { IntegrationStatusDto } from './dto/integration-status.dto';
import type { StripeStatusDto } from './dto/stripe-status.dto';
import { IntegrationStateService } from './integration-state.service';
import { checkService } from './service-check';


/** Integration status for the settings page: configuration facts and live checks, never a secret. */
@Injectable()
export class IntegrationStatusService {
  constructor(
    private readonly db: Db,
    private readonly state: IntegrationStateService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The tenant's view: email figures of its own emails. */
  forTenant(): Promise<IntegrationStatusDto> {
    return this.status(this.db.tenantId());
  }

  /** Platform staff's view: email figures of every tenant and of platform emails. */
  async forPlatform(): Promise<IntegrationStatusDto> {
    await this.db.crossTenant();
    return this.status(null);
  }

  private async status(tenantId: string | null): Promise<IntegrationStatusDto> {
    const manager = this.db.manager();
    const database = await checkService(() => manager.query('select 1'));
    const redis = await checkService(() => this.redis.ping());
    return {
      stripe: await this.stripe(),
      email: await this.email(tenantId),
      redis,
      database,
      checkedAt: new Date().toISOString(),
    };
  }

  private async stripe(): Promise<StripeStatusDto> {
    const key = this.config.stripeSecretKey;
    const state = await this.state.get('stripe');
    return {
      configured: key !== null,
      testMode: key !== null && /^(sk|rk)_test_/.test(key),
      webhookSecretConfigured: this.config.stripeWebhookSecret !== null,
      lastWebhookAt: isoOrNull(state.lastWebhookAt),
      lastSyncAt: isoOrNull(state.lastSyncAt),
    };
  }

  private async email(tenantId: string | null): Promise<EmailTransportStatusDto> {
    const scope = tenantId ? 'tenant_id = $1' : '$1::uuid is null';
    const [row] = await this.db.manager().query(
      `select (select max(sent_at) from email_messages where ${scope} and sent_at is not null) as last_sent_at,
              (select count(*) from email_messages where ${scope} and failed_at > now() - interval '24 hours') as failures`,
      [tenantId],
    );
    return {
      ...describeMailTransport(this.config.smtpUrl, this.config.mailDir),
      lastSentAt: isoOrNull(row.last_sent_at),
      failuresLast24h: Number(row.failures),
    };
  }
}
