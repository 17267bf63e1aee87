import { Injectable } from '@nestjs/common';
import { Db } from '@app/database';

export type Integration = 'stripe';

export interface IntegrationState {
  lastWebhookAt: Date | null;
  lastSyncAt: Date | null;
}

/**
 * When an external integration was last heard from (webhook received) and last reconciled.
 * Each record commits on its own: a webhook was received even if processing it fails later.
 */
@Injectable()
export class IntegrationStateService {
  constructor(private readonly db: Db) {}

  async recordWebhookReceived(integration: Integration, at = new Date()): Promise<void> {
    await this.upsert(integration, 'last_webhook_at', at);
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
