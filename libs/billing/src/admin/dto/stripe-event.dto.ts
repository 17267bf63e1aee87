import { ApiProperty } from '@nestjs/swagger';

export const STRIPE_EVENT_STATUSES = ['received', 'processed', 'failed', 'ignored'] as const;
export type StripeEventStatus = (typeof STRIPE_EVENT_STATUSES)[number];

/** A received Stripe event as staff see it in the list. */
export class StripeEventSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'evt_1NirD82eZvKYlo2CIvbtLWuY' }) stripeEventId: string;
  @ApiProperty({ example: 'customer.updated' }) type: string;
  @ApiProperty({ type: String, nullable: true, description: 'Connected account (null: the platform account)' }) account: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Tenant the event belongs to (null: none known)' }) tenantId: string | null;
  @ApiProperty({ enum: STRIPE_EVENT_STATUSES, description: 'ignored: no handler for the type, or no tenant owns it' }) status: StripeEventStatus;
  @ApiProperty() livemode: boolean;
  @ApiProperty({ description: 'Processing attempts so far' }) attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ format: 'date-time', description: 'When Stripe created the event' }) created: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) processedAt: string | null;
}

export class StripeEventDto extends StripeEventSummaryDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event as Stripe sent it' }) payload: Record<string, unknown>;
}

export class StripeEventListDto {
  @ApiProperty({ type: [StripeEventSummaryDto] }) data: StripeEventSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
