import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';

/** A month YYYY-MM from 1970 on (Stripe's times are Unix seconds). */
const MONTH = /^(19[7-9]\d|[2-9]\d{3})-(0[1-9]|1[0-2])$/;

export class BillingMetricsQueryDto {
  @ApiPropertyOptional({ example: '2026-06', maxLength: 7, pattern: MONTH.source, description: 'First month (UTC), YYYY-MM; default: five months before `to`' })
  @IsOptional() @MaxLength(7) @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11', maxLength: 7, pattern: MONTH.source, description: 'Last month (UTC), YYYY-MM, at most 24 months after `from`; default: the current month' })
  @IsOptional() @MaxLength(7) @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to?: string;
}

export class BillingCurrencyMetricsDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'MRR at the month\'s first instant, minor units' }) mrrStart: number;
  @ApiProperty({ description: 'MRR at the next month\'s first instant, minor units' }) mrrEnd: number;
  @ApiProperty({ description: '12 × mrrEnd' }) arr: number;
  @ApiProperty({ description: 'MRR of subscriptions at 0 at the start and above 0 at the end (new and reactivated)' }) newMrr: number;
  @ApiProperty({ description: 'Increases of subscriptions above 0 at both ends' }) expansionMrr: number;
  @ApiProperty({ description: 'Decreases of subscriptions still above 0 at the end' }) contractionMrr: number;
  @ApiProperty({ description: 'MRR at the start of subscriptions at 0 at the end' }) churnedMrr: number;
  @ApiProperty({ description: 'Distinct customers with a counted (active or past due) subscription at the start' }) subscribersStart: number;
  @ApiProperty({ description: 'Distinct customers with a counted subscription at the end' }) activeSubscribers: number;
  @ApiProperty({ description: 'Customers counted at the start and not at the end' }) subscribersLost: number;
  @ApiProperty({ type: Number, nullable: true, description: 'round(mrrEnd / activeSubscribers), minor units; null without subscribers' }) arpu: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'subscribersLost / subscribersStart (4 decimals)' }) logoChurnRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '(churnedMrr + contractionMrr) / mrrStart (4 decimals)' }) revenueChurnRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'round((mrrEnd / activeSubscribers) / (subscribersLost / subscribersStart)), minor units; null when no customer was lost' }) ltv: number | null;
}

export class BillingMetricsMonthDto {
  @ApiProperty({ example: '2026-10' }) month: string;
  @ApiProperty({ format: 'date-time', description: 'The month\'s first instant (UTC), where the *Start numbers are taken' }) start: string;
  @ApiProperty({ format: 'date-time', description: 'The next month\'s first instant, where the *End numbers are taken' }) end: string;
  @ApiProperty({ type: [BillingCurrencyMetricsDto], description: 'One entry per currency the tenant sold subscriptions in during the range (zeros in a month without any)' }) currencies: BillingCurrencyMetricsDto[];
  @ApiProperty({ description: 'Trials that ended in the month (trialing → active, past due, canceled, incomplete_expired, unpaid or paused)' }) trialsEnded: number;
  @ApiProperty({ description: 'Of those, trials that became active or past due' }) trialsConverted: number;
  @ApiProperty({ type: Number, nullable: true, description: 'trialsConverted / trialsEnded (4 decimals)' }) trialConversionRate: number | null;
  @ApiProperty({ description: 'Invoices paid in the month after more than one attempt' }) recoveredInvoices: number;
  @ApiProperty({ description: 'Unpaid invoices with failed attempts voided or marked uncollectible in the month' }) lostInvoices: number;
  @ApiProperty({ type: Number, nullable: true, description: 'recoveredInvoices / (recoveredInvoices + lostInvoices) (4 decimals)' }) failedPaymentRecoveryRate: number | null;
}

export class BillingMetricsDto {
  @ApiProperty({ example: '2026-06' }) from: string;
  @ApiProperty({ example: '2026-11' }) to: string;
  @ApiProperty({ type: [String], example: ['EUR'], description: 'The currencies of the months\' entries' }) currencies: string[];
  @ApiProperty({ type: [BillingMetricsMonthDto], description: 'Oldest month first' }) months: BillingMetricsMonthDto[];
}
