import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, MinLength,
} from 'class-validator';
import { PageQueryDto, queryBoolean } from '@app/core';

export const COUPON_DURATIONS = ['once', 'repeating', 'forever'] as const;

export class CouponQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Only coupons Stripe holds valid (true) or no longer valid: expired, used up or deleted (false)' })
  @IsOptional() @Transform(queryBoolean) @IsBoolean()
  valid?: boolean;
}

export class CouponCreateDto {
  @ApiProperty({ minLength: 1, maxLength: 40, description: 'Shown to customers on invoices and receipts' })
  @IsString() @MinLength(1) @MaxLength(40)
  name: string;

  @ApiPropertyOptional({ exclusiveMinimum: true, minimum: 0, maximum: 100, description: 'Percent off (up to 2 decimals); exactly one of percentOff and amountOff' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(100)
  percentOff?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 99_999_999, description: 'Minor units off, in `currency`; exactly one of percentOff and amountOff' })
  @IsOptional() @IsInt() @Min(1) @Max(99_999_999)
  amountOff?: number;

  @ApiPropertyOptional({ example: 'EUR', minLength: 3, maxLength: 3, description: 'ISO 4217, required with amountOff (and only with it)' })
  @IsOptional() @IsString() @Length(3, 3) @Matches(/^[A-Za-z]{3}$/)
  currency?: string;

  @ApiProperty({ enum: COUPON_DURATIONS, description: 'On a subscription: its first invoice only, a number of months, or for as long as it lasts' })
  @IsIn(COUPON_DURATIONS)
  duration: (typeof COUPON_DURATIONS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 36, description: 'Months, required when (and only when) duration is repeating' })
  @IsOptional() @IsInt() @Min(1) @Max(36)
  durationInMonths?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1_000_000, description: 'How many times it can be redeemed in all' })
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000)
  maxRedemptions?: number;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Last moment it can be redeemed (in the future)' })
  @IsOptional() @MaxLength(40) @IsISO8601({ strict: true })
  redeemBy?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50, maxLength: 36, description: 'Our ids of the products it is restricted to (default: every product)' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @MaxLength(36, { each: true }) @IsUUID('all', { each: true })
  productIds?: string[];
}

export class PromotionCodeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Only active (true) or inactive (false) codes' })
  @IsOptional() @Transform(queryBoolean) @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Our id of the coupon the codes are for' })
  @IsOptional() @MaxLength(36) @IsUUID('all')
  couponId?: string;
}

export class PromotionCodeCreateDto {
  @ApiProperty({ example: 'SPRING25', minLength: 3, maxLength: 40, pattern: '^[A-Z0-9]{3,40}$', description: 'What customers type: upper-case letters and digits, unique in the business' })
  @IsString() @Matches(/^[A-Z0-9]{3,40}$/, { message: 'code must be 3 to 40 upper-case letters or digits' })
  code: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1_000_000, description: 'How many times this code can be redeemed' })
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000)
  maxRedemptions?: number;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'When the code stops working (in the future, not after the coupon\'s redeemBy)' })
  @IsOptional() @MaxLength(40) @IsISO8601({ strict: true })
  expiresAt?: string;

  @ApiPropertyOptional({ description: 'Only for customers who never paid before' })
  @IsOptional() @IsBoolean()
  firstTimeTransaction?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 99_999_999, description: 'Minor units the order must reach, in `currency` (both or neither)' })
  @IsOptional() @IsInt() @Min(1) @Max(99_999_999)
  minimumAmount?: number;

  @ApiPropertyOptional({ example: 'EUR', minLength: 3, maxLength: 3, description: 'ISO 4217 of minimumAmount' })
  @IsOptional() @IsString() @Length(3, 3) @Matches(/^[A-Za-z]{3}$/)
  currency?: string;
}

export class SubscriptionCouponDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'Our id of the coupon to apply (it replaces any discount the subscription has)' })
  @IsUUID('all')
  couponId: string;
}

export class PromotionCodeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'promo_1MiM6KLkdIwHu7ixrIaX4wgn' }) stripeId: string;
  @ApiProperty({ example: 'SPRING25' }) code: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Our id of its coupon (null: not mirrored yet)' }) couponId: string | null;
  @ApiProperty({ type: String, nullable: true }) couponStripeId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: Number, nullable: true }) maxRedemptions: number | null;
  @ApiProperty() timesRedeemed: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty() firstTimeTransaction: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units' }) minimumAmount: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'EUR' }) minimumAmountCurrency: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PromotionCodeListDto {
  @ApiProperty({ type: [PromotionCodeDto] }) data: PromotionCodeDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CouponDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Z4OV52SU' }) stripeId: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent off (a percent coupon)' }) percentOff: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units off (an amount coupon)' }) amountOff: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'EUR' }) currency: string | null;
  @ApiProperty({ type: String, enum: COUPON_DURATIONS, nullable: true }) duration: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationInMonths: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxRedemptions: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) redeemBy: string | null;
  @ApiProperty({ description: 'Redemptions so far, as Stripe counts them' }) timesRedeemed: number;
  @ApiProperty({ type: [String], nullable: true, description: 'Stripe ids of the products it is restricted to (null: every product)' }) appliesToProducts: string[] | null;
  @ApiProperty({ description: 'Stripe still accepts it (not expired, used up or deleted)' }) valid: boolean;
  @ApiProperty({ description: 'Valid and not deactivated here: it can be applied and get new codes' }) usable: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When staff deactivated it' }) deactivatedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was deleted in Stripe' }) deletedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CouponListDto {
  @ApiProperty({ type: [CouponDto] }) data: CouponDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CouponRevenueAffectedDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'Active or past-due subscriptions in this currency with one of its discounts on them now' }) subscriptions: number;
  @ApiProperty({ description: 'Their MRR before any discount, minor units' }) mrrBeforeDiscounts: number;
  @ApiProperty({ description: 'Their MRR with the discounts in effect (as in the metrics), minor units' }) mrr: number;
  @ApiProperty({ description: 'mrrBeforeDiscounts − mrr: what their discounts take off each month, minor units' }) monthlyDiscount: number;
}

export class CouponDetailDto extends CouponDto {
  @ApiProperty({ type: [PromotionCodeDto], description: 'Its promotion codes, newest first' }) promotionCodes: PromotionCodeDto[];
  @ApiProperty({ description: 'Redemptions through its promotion codes (the rest were applied directly)' }) promotionCodeRedemptions: number;
  @ApiProperty({ type: [CouponRevenueAffectedDto], description: 'Revenue affected now, per currency: the subscriptions its discounts are on (counted statuses, discount not ended) and their MRR before and after discounts' })
  revenueAffected: CouponRevenueAffectedDto[];
}
