import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Db } from '@app/database';

export type Integration = 'stripe';

/** How long a noted webhook time may wait before it is written. */
export const WEBHOOK_NOTE_FLUSH_MS = 1_000;

export interface IntegrationState {
  lastWebhookAt: Date | null;
  lastSyncAt: Date | null;
}

/**
 * When an external integration was last heard from (webhook received) and last reconciled.
 * Each record commits on its own: a webhook was received even if processing it fails later.
 */
@Injectable()
export class IntegrationStateService implements OnModuleDestroy {
  private readonly logger = new Logger('IntegrationState');
  /** Webhook times noted and not written yet (the newest per integration). */
  private readonly noted = new Map<Integration, Date>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  async recordWebhookReceived(integration: Integration, at = new Date()): Promise<void> {
    await this.upsert(integration, 'last_webhook_at', at);
  }

  /**
   * Like recordWebhookReceived, for a stream of webhooks: keeps the newest time and writes it within
   * WEBHOOK_NOTE_FLUSH_MS, so a backlog of events updates the one shared row once a second, not once each.
   */
  noteWebhookReceived(integration: Integration, at: Date): void {
    const held = this.noted.get(integration);
    if (!held || at > held) this.noted.set(integration, at);
    this.flushTimer ??= setTimeout(() => void this.flushNoted(), WEBHOOK_NOTE_FLUSH_MS);
  }

  /** Writes the noted webhook times now (also on shutdown). */
  async flushNoted(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const noted = [...this.noted];
    this.noted.clear();
    for (const [integration, at] of noted) {
      await this.upsert(integration, 'last_webhook_at', at).catch((error: Error) => this.logger.warn(`last webhook time of ${integration}: ${error.message}`));
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.flushNoted();
  }

  async recordSync(integration: Integration, at = new Date()): Promise<void> {
    await this.upsert(integration, 'last_sync_at', at);
  }

  async get(integration: Integration): Promise<IntegrationState> {
    const rows = await this.db.manager().query(`select last_webhook_at, last_sync_at from integration_state where integration = $1`, [integration]);
    return { lastWebhookAt: rows[0]?.last_webhook_at ?? null, lastSyncAt: rows[0]?.last_sync_at ?? null };
  }

  private async upsert(integration: Integration, column: 'last_webhook_at' | 'last_sync_at', at: Date): Promise<void> {
    await this.db.transaction({}, async (manager) => {
      await this.db.crossTenant();
      await manager.query(
        `insert into integration_state (integration, ${column}) values ($1, $2)
         on conflict (integration) do update set ${column} = greatest(integration_state.${column}, excluded.${column}), updated_at = now()`,
        [integration, at.toISOString()],
      );
    });
  }
}
