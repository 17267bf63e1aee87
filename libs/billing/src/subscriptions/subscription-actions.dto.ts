import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

/** Stripe's own cancellation feedback values (cancellation_details[feedback]). */
export const CANCELLATION_REASONS = ['too_expensive', 'missing_features', 'switched_service', 'unused', 'customer_service', 'too_complex', 'low_quality', 'other'] as const;
export const PAUSE_BEHAVIORS = ['void', 'keep_as_draft', 'mark_uncollectible'] as const;

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
