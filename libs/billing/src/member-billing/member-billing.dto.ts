import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EntitlementsDto } from '../entitlements/entitlements.dto';
import { BillingInvoiceDto } from '../invoices/invoices.dto';
import { CANCELLATION_REASONS } from '../subscriptions/subscription-actions.dto';
import { BillingSubscriptionDto } from '../subscriptions/subscriptions.dto';

/** A member ending their own subscription: always at the end of the period (staff can end one at once). */
export class MemberSubscriptionCancelDto {
  @ApiPropertyOptional({ enum: CANCELLATION_REASONS, description: 'Why you leave (Stripe\'s cancellation feedback)' })
  @IsOptional()
  @IsIn(CANCELLATION_REASONS)
  reason?: (typeof CANCELLATION_REASONS)[number];

  @ApiPropertyOptional({ maxLength: 1000, description: 'In your own words (Stripe\'s cancellation comment)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  feedback?: string;
}

export class MemberPastDueDto {
  @ApiProperty({ format: 'uuid', description: 'The subscription whose payment fails' }) subscriptionId: string;
  @ApiProperty({ enum: ['past_due', 'unpaid'] }) status: string;
  @ApiProperty({ type: BillingInvoiceDto, nullable: true, description: 'The open invoice Stripe fails to collect (its latest one), when the mirror holds it' })
  invoice: BillingInvoiceDto | null;
}

export class MemberBillingDto {
  @ApiProperty({ type: EntitlementsDto, description: 'What you may access now' }) entitlements: EntitlementsDto;
  @ApiProperty({ type: [BillingSubscriptionDto], description: 'Your subscriptions: those still billed first, then ended ones; newest first within each (at most 20)' })
  subscriptions: BillingSubscriptionDto[];
  @ApiProperty({ type: [BillingInvoiceDto], description: 'Your latest invoices (not drafts), newest first (at most 10); their links from GET …/me/invoices/{id}/links' })
  invoices: BillingInvoiceDto[];
  @ApiProperty({ type: MemberPastDueDto, nullable: true, description: 'Set while a subscription of yours is past due or unpaid: update your card through POST /billing/portal-sessions' })
  pastDue: MemberPastDueDto | null;
}
