import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto, queryList } from '@app/core';
import { PaymentRefundDto, PersonDto } from './payments.dto';

export const REFUND_REASONS = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];
export const REFUND_REQUEST_STATUSES = ['pending_approval', 'pending', 'sent', 'failed', 'rejected'] as const;

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

export class RejectRefundDto {
  @ApiProperty({ minLength: 1, maxLength: 500 })
  @IsString() @Length(1, 500)
  reason: string;
}


export class RefundRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: [String], enum: REFUND_REQUEST_STATUSES, maxItems: REFUND_REQUEST_STATUSES.length, description: 'One or more statuses (comma-separated or repeated)' })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(REFUND_REQUEST_STATUSES.length)
  @IsIn(REFUND_REQUEST_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Only the requests of this payment' })
  @IsOptional() @MaxLength(36) @IsUUID()
  paymentId?: string;
}

export class RefundRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty({ description: 'Minor units' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ enum: REFUND_REASONS }) reason: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: REFUND_REQUEST_STATUSES, description: 'pending_approval: above the threshold, waiting for a second person; pending: being sent to Stripe; sent; failed (Stripe refused it); rejected' })
  status: string;
  @ApiProperty({ type: PersonDto, nullable: true }) requestedBy: PersonDto | null;
  @ApiProperty({ type: PersonDto, nullable: true }) approvedBy: PersonDto | null;
  @ApiProperty({ type: PersonDto, nullable: true }) rejectedBy: PersonDto | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why Stripe refused it (failed)' }) failureReason: string | null;
  @ApiProperty({ type: PaymentRefundDto, nullable: true, description: 'The refund Stripe made (sent)' }) refund: PaymentRefundDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was approved or rejected' }) decidedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RefundRequestListDto {
  @ApiProperty({ type: [RefundRequestDto] }) data: RefundRequestDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class RefundQuoteDto {
  @ApiProperty({ description: 'Minor units left to refund now' }) refundable: number;
  @ApiProperty({ description: 'Minor units the tenant\'s refund policy suggests (pre-fills the refund form)' }) suggested: number;
  @ApiProperty({ enum: ['within-window', 'outside-window', 'prorated'] }) reason: string;
  @ApiProperty({ minimum: 0, maximum: 365 }) windowDays: number;
  @ApiProperty({ enum: ['full', 'prorated'] }) mode: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Refunds above this many minor units wait for a second staff member\'s approval (the business\'s refundApprovalThreshold); null: none do' })
  approvalThreshold: number | null;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Start of the paid period prorated on (an invoice of a subscription)' }) periodStart: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) periodEnd: string | null;
}
