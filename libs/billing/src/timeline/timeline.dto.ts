import { ApiProperty } from '@nestjs/swagger';

export const TIMELINE_KINDS = ['payment', 'refund', 'invoice', 'dispute', 'subscription_started', 'subscription_ended', 'staff_action'] as const;

export class TimelineEntryDto {
  @ApiProperty({ format: 'uuid', description: 'Our id of the row the entry comes from (a staff action: its audit row)' }) id: string;
  @ApiProperty({ enum: TIMELINE_KINDS }) kind: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true }) stripeId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The object\'s status now (a payment, invoice, refund, dispute or subscription)' }) status: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units' }) amount: number | null;
  @ApiProperty({ type: String, nullable: true }) currency: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Invoice number, payment description, refund or dispute reason, or a staff action\'s name (subscription.plan_changed, customer.balance_adjusted, …)' }) detail: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who did a staff action' }) actorEmail: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The subscription it belongs to, when it does' }) subscriptionId: string | null;
}

export class TimelineDto {
  @ApiProperty({ type: [TimelineEntryDto] }) data: TimelineEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
