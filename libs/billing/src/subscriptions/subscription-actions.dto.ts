import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

/** Stripe's own cancellation feedback values (cancellation_details[feedback]). */
export const CANCELLATION_REASONS = ['too_expensive', 'missing_features', 'switched_service', 'unused', 'customer_service', 'too_complex', 'low_quality', 'other'] as const;
export const PAUSE_BEHAVIORS = ['void', 'keep_as_draft', 'mark_uncollectible'] as const;
export const MAX_QUANTITY = 10_000;

export class SubscriptionCancelDto {
  @ApiProperty({ description: 'true: cancel when the current period ends (can be undone until then); false: cancel now' })
  @IsBoolean()
  atPeriodEnd: boolean;

  @ApiPropertyOptional({ enum: CANCELLATION_REASONS, description: 'Why the customer leaves (Stripe\'s cancellation feedback)' })
  @IsOptional()
  @IsIn(CANCELLATION_REASONS)
  reason?: (typeof CANCELLATION_REASONS)[number];

  @ApiPropertyOptional({ maxLength: 1000, description: 'The customer\'s own words (Stripe\'s cancellation comment)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  feedback?: string;
}

export class SubscriptionPauseDto {
  @ApiPropertyOptional({ enum: PAUSE_BEHAVIORS, default: 'void', description: 'What happens to the invoices made while paused' })
  @IsOptional()
  @IsIn(PAUSE_BEHAVIORS)
  behavior?: (typeof PAUSE_BEHAVIORS)[number];

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'When collection resumes by itself (in the future); without it, until resumed' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  resumesAt?: string;
}

export class SubscriptionExtendDto {
  @ApiProperty({ format: 'date-time', maxLength: 40, description: 'New trial end / next billing date: later than the current one, at most 2 years ahead. Nothing is charged until then.' })
  @MaxLength(40)
  @IsISO8601({ strict: true })
  until: string;
}

export class SubscriptionChangePreviewQueryDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'Our id of the new price (active, recurring, in the subscription\'s currency)' })
  @IsUUID('all')
  priceId: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_QUANTITY, description: 'Default: the current quantity' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity?: number;
}

export class SubscriptionChangePlanDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'Our id of the new price (active, recurring, in the subscription\'s currency)' })
  @IsUUID('all')
  priceId: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_QUANTITY, description: 'Default: the current quantity' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity?: number;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'The preview\'s prorationDate, so the proration equals the preview (default: now); within the current period' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  prorationDate?: string;
}

export class SubscriptionChangePreviewLineDto {
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ description: 'Minor units; negative: a credit' }) amount: number;
  @ApiProperty({ description: 'A proration of the change (credit for unused time, charge for the time left), not the next period' }) proration: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) periodStart: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) periodEnd: string | null;
}

export class SubscriptionChangePreviewDto {
  @ApiProperty({ format: 'date-time', description: 'The time the proration is computed for: pass it to change-plan so the charge equals this preview' })
  prorationDate: string;

  @ApiProperty({ example: 'EUR' }) currency: string;

  @ApiProperty({ description: 'What the change costs now in minor units: the sum of the proration lines (negative: a credit to the customer)' })
  amountDue: number;

  @ApiProperty({ description: 'Minor units: Stripe\'s preview of the next invoice (prorations and the next period), before tax and discounts' })
  subtotal: number;

  @ApiProperty({ description: 'Minor units: Stripe\'s preview of the next invoice, total' })
  total: number;

  @ApiProperty({ type: [SubscriptionChangePreviewLineDto] }) lines: SubscriptionChangePreviewLineDto[];
}
