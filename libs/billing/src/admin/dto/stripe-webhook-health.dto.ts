import { ApiProperty } from '@nestjs/swagger';

/** The Stripe inbox's health over the last 24 hours, for platform staff. */
export class StripeWebhookHealthDto {
  @ApiProperty({ format: 'date-time', description: 'When these numbers were computed (the window ends here)' }) asOf: string;
  @ApiProperty({ description: 'Events received in the last 24 h' }) received24h: number;
  @ApiProperty({ description: 'Of those, processed' }) processed24h: number;
  @ApiProperty({ description: 'Of those, failed (retrying or dead-lettered)' }) failed24h: number;
  @ApiProperty({ description: 'Of those, ignored (no handler for the type, or no tenant owns it)' }) ignored24h: number;
  @ApiProperty({ description: 'Events waiting now to be processed or retried (received, or failed with attempts left; any age)' }) unprocessed: number;
  @ApiProperty({ description: 'Failed events whose attempts are exhausted: an open dead letter waits for staff to replay or discard it' }) deadLettered: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Age in seconds of the oldest event waiting to be processed or retried (null: none waits)' }) oldestUnprocessedAgeSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Median seconds from receipt to processing, over events processed in the last 24 h' }) lagP50Seconds: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Longest seconds from receipt to processing, over events processed in the last 24 h' }) lagMaxSeconds: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the newest event was received' }) lastReceivedAt: string | null;
}
