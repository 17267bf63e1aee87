import { ApiProperty } from '@nestjs/swagger';

/** Stripe as configured on the server; the keys themselves are never returned. */
export class StripeStatusDto {
  @ApiProperty({ description: 'A Stripe secret key is set' }) configured: boolean;
  @ApiProperty({ description: 'The key is a test-mode key (sk_test_/rk_test_)' }) testMode: boolean;
  @ApiProperty({ description: 'A webhook signing secret is set' }) webhookSecretConfigured: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last Stripe webhook received (null: never)' }) lastWebhookAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last reconciliation with Stripe (null: never)' }) lastSyncAt: string | null;
}
