import { ApiProperty } from '@nestjs/swagger';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) endpointId: string;
  @ApiProperty({ format: 'uuid', description: 'The event id, sent as X-Webhook-Id; the same on every attempt and replay' }) eventId: string;
  @ApiProperty({ example: 'member.joined' }) eventType: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES, description: 'failed: the last attempt failed and a retry is scheduled; dead: no attempt left' })
  status: WebhookDeliveryStatus;
  @ApiProperty({ description: 'Attempts made so far' }) attemptCount: number;
  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status of the last attempt' }) responseStatus: number | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed' }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
