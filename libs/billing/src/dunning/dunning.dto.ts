import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/core';

export const REMINDER_TEMPLATES = ['payment-failed', 'card-expiring', 'payment-final-notice'] as const;
export type ReminderTemplate = (typeof REMINDER_TEMPLATES)[number];

export class FailedPaymentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the customer\'s email or name, or of the invoice number' })
  @IsOptional() @IsString() @MaxLength(200)
  search?: string;
}

export class FailedPaymentCardDto {
  @ApiProperty({ type: String, nullable: true, example: 'visa' }) brand: string | null;
  @ApiProperty({ type: String, nullable: true, example: '4242' }) last4: string | null;
  @ApiProperty({ type: Number, nullable: true }) expMonth: number | null;
  @ApiProperty({ type: Number, nullable: true }) expYear: number | null;
}

export class FailedPaymentDto {
  @ApiProperty({ format: 'uuid', description: 'Our id of the unpaid invoice (retry it with POST /billing/invoices/{id}/pay)' }) invoiceId: string;
  @ApiProperty() invoiceStripeId: string;
  @ApiProperty({ type: String, nullable: true }) invoiceNumber: string | null;
  @ApiProperty({ description: 'What is still due, minor units' }) amountDue: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'Payment attempts Stripe made so far' }) attemptCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Stripe\'s next automatic retry; null: no more retries scheduled' }) nextPaymentAttempt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'insufficient_funds', description: 'The decline code of the last attempt' }) declineCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The decline message of the last attempt' }) declineMessage: string | null;
  @ApiProperty({ type: FailedPaymentCardDto, nullable: true }) card: FailedPaymentCardDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) customerId: string | null;
  @ApiProperty({ type: String, nullable: true }) customerEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) customerName: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) subscriptionId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the dunning policy suspended the subscription\'s access (null: not suspended)' }) accessSuspendedAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['final_payment_failed'] }) accessSuspendedReason: string | null;
  @ApiProperty() remindersSent: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastReminderAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CurrencyAmountDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'Minor units' }) amount: number;
}

export class FailedPaymentStatsDto {
  @ApiProperty({ description: 'Open invoices with at least one failed attempt' }) failing: number;
  @ApiProperty({ type: [CurrencyAmountDto], description: 'What they still owe, per currency' }) failingAmount: CurrencyAmountDto[];
  @ApiProperty({ description: 'Invoices paid in the last 30 days after at least one failed attempt' }) recovered30d: number;
  @ApiProperty({ type: [CurrencyAmountDto] }) recoveredAmount30d: CurrencyAmountDto[];
  @ApiProperty({ description: 'Invoices with failed attempts voided or marked uncollectible in the last 30 days' }) lost30d: number;
  @ApiProperty({ type: Number, nullable: true, description: 'recovered30d / (recovered30d + lost30d); null when both are 0' }) recoveryRate30d: number | null;
}

export class FailedPaymentListDto {
  @ApiProperty({ type: [FailedPaymentDto] }) data: FailedPaymentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ type: FailedPaymentStatsDto }) stats: FailedPaymentStatsDto;
}

export class ReminderCreateDto {
  @ApiProperty({ enum: REMINDER_TEMPLATES, description: 'The email template (editable by the business like every template)' })
  @IsIn(REMINDER_TEMPLATES)
  template: ReminderTemplate;
}

export class ReminderSentDto {
  @ApiProperty({ format: 'uuid', description: 'The queued email (see the email log)' }) emailId: string;
  @ApiProperty() remindersSent: number;
}
