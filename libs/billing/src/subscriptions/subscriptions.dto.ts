import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto, queryBoolean, queryList } from '@app/core';

export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused', 'incomplete'] as const;
export const INTERVALS = ['month', 'year', 'week', 'day'] as const;


export class SubscriptionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: [String], enum: SUBSCRIPTION_STATUSES, maxItems: SUBSCRIPTION_STATUSES.length, description: 'One or more statuses (comma-separated or repeated)' })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(SUBSCRIPTION_STATUSES.length)
  @IsIn(SUBSCRIPTION_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ maxLength: 255, description: 'Stripe price id of one of the items' })
  @IsOptional() @IsString() @MaxLength(255)
  priceId?: string;

  @ApiPropertyOptional({ maxLength: 255, description: 'Stripe product id (plan) of one of the items' })
  @IsOptional() @IsString() @MaxLength(255)
  productId?: string;

  @ApiPropertyOptional({ enum: INTERVALS })
  @IsOptional() @IsIn(INTERVALS)
  interval?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Renews (current period ends) at or after' })
  @IsOptional() @MaxLength(40) @IsISO8601({ strict: true })
  renewsFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Renews (current period ends) before' })
  @IsOptional() @MaxLength(40) @IsISO8601({ strict: true })
  renewsTo?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the customer\'s email or name' })
  @IsOptional() @IsString() @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @Transform(queryBoolean) @IsBoolean()
  cancelAtPeriodEnd?: boolean;
}

export class BillingSubscriptionItemDto {
  @ApiProperty() stripeId: string;
  @ApiProperty({ type: String, nullable: true }) priceId: string | null;
  @ApiProperty({ type: String, nullable: true }) productId: string | null;
  @ApiProperty({ type: String, nullable: true }) productName: string | null;
  @ApiProperty({ type: Number, nullable: true }) quantity: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units' }) unitAmount: number | null;
  @ApiProperty({ type: String, nullable: true }) currency: string | null;
  @ApiProperty({ type: String, nullable: true }) interval: string | null;
  @ApiProperty({ type: Number, nullable: true }) intervalCount: number | null;
}

export class SubscriptionPaymentMethodDto {
  @ApiProperty({ type: String, nullable: true, example: 'visa' }) brand: string | null;
  @ApiProperty({ type: String, nullable: true, example: '4242' }) last4: string | null;
  @ApiProperty({ type: Number, nullable: true }) expMonth: number | null;
  @ApiProperty({ type: Number, nullable: true }) expYear: number | null;
}

export class SubscriptionDiscountDto {
  @ApiProperty({ example: 'di_1MowQVLkdIwHu7ix' }) stripeId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Our id of its coupon (null: the coupon is not mirrored)' }) couponId: string | null;
  @ApiProperty({ type: String, nullable: true }) couponName: string | null;
  @ApiProperty({ type: Number, nullable: true }) percentOff: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units off each invoice' }) amountOff: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'EUR' }) currency: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['once', 'repeating', 'forever'] }) duration: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) start: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a repeating coupon stops applying' }) end: string | null;
}

export class BillingSubscriptionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'sub_1MowQVLkdIwHu7ix' }) stripeId: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, nullable: true }) currency: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) customerId: string | null;
  @ApiProperty({ type: String, nullable: true }) customerStripeId: string | null;
  @ApiProperty({ type: String, nullable: true }) customerEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) customerName: string | null;
  @ApiProperty() cancelAtPeriodEnd: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) currentPeriodEnd: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) trialEnd: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) canceledAt: string | null;
  @ApiProperty() paused: boolean;
  @ApiProperty({ description: 'Monthly recurring revenue of this subscription in minor units of its currency (0 unless active or past_due)' }) mrr: number;
  @ApiProperty({ type: SubscriptionPaymentMethodDto, nullable: true, description: 'The card of its latest invoice paid or tried by card' }) paymentMethod: SubscriptionPaymentMethodDto | null;
  @ApiProperty({ type: String, nullable: true }) latestInvoiceStripeId: string | null;
  @ApiProperty({ description: 'Granted free for ever by staff (a 100%-off forever coupon)' }) complimentary: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) trialStart: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) currentPeriodStart: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a scheduled cancellation takes effect' }) cancelAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'cancellation_requested' }) cancellationReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the dunning policy (settings.dunningPolicy = suspend) suspended the member\'s access after the last payment attempt failed; null: not suspended' }) accessSuspendedAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['final_payment_failed'], description: 'Why access is suspended; cleared when a payment of the subscription succeeds' }) accessSuspendedReason: string | null;
  @ApiProperty({ type: [BillingSubscriptionItemDto] }) items: BillingSubscriptionItemDto[];
  @ApiProperty({ type: [SubscriptionDiscountDto], description: 'The discounts Stripe lists on it now, with their coupon\'s terms (those whose discount object is mirrored)' }) discounts: SubscriptionDiscountDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SubscriptionMrrDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'Minor units per month' }) amount: number;
}

export class SubscriptionStatsDto {
  @ApiProperty() total: number;
  @ApiProperty() active: number;
  @ApiProperty() trialing: number;
  @ApiProperty() pastDue: number;
  @ApiProperty() canceled: number;
  @ApiProperty({ type: [SubscriptionMrrDto], description: 'MRR of the filter, one entry per currency (the tenant has no single currency: amounts are never converted)' })
  mrr: SubscriptionMrrDto[];
}

export class BillingSubscriptionListDto {
  @ApiProperty({ type: [BillingSubscriptionDto] }) data: BillingSubscriptionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ type: SubscriptionStatsDto, description: 'Counts and MRR of every subscription matching the filter (all pages)' }) stats: SubscriptionStatsDto;
}
