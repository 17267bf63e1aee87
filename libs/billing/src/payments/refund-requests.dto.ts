import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const REFUND_REASONS = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export class CreateRefundDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 99_999_999_999, description: 'Minor units; omitted: everything left to refund' })
  @IsOptional() @IsInt() @Min(1) @Max(99_999_999_999)
  amount?: number;

  @ApiProperty({ enum: REFUND_REASONS })
  @IsIn(REFUND_REASONS)
  reason: RefundReason;

  @ApiPropertyOptional({ maxLength: 500, description: 'Staff\'s note, kept here (never sent to Stripe)' })
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;
}

export class RefundQuoteDto {
  @ApiProperty({ description: 'Minor units left to refund now' }) refundable: number;
  @ApiProperty({ description: 'Minor units the tenant\'s refund policy suggests (pre-fills the refund form)' }) suggested: number;
  @ApiProperty({ enum: ['within-window', 'outside-window', 'prorated'] }) reason: string;
  @ApiProperty({ minimum: 0, maximum: 365 }) windowDays: number;
  @ApiProperty({ enum: ['full', 'prorated'] }) mode: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Start of the paid period prorated on (an invoice of a subscription)' }) periodStart: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) periodEnd: string | null;
}
