import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto, queryBoolean, queryList } from '@app/core';

/** A payment intent's statuses, and a charge's own for a charge made without one (pending, failed). */
export const PAYMENT_STATUSES = ['succeeded', 'processing', 'requires_payment_method', 'requires_confirmation', 'requires_action', 'requires_capture', 'canceled', 'pending', 'failed'] as const;


export class PaymentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: [String], enum: PAYMENT_STATUSES, maxItems: PAYMENT_STATUSES.length, description: 'One or more statuses (comma-separated or repeated)' })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(PAYMENT_STATUSES.length)
  @IsIn(PAYMENT_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Our id of the customer (GET /billing/customers)' })
  @IsOptional() @MaxLength(36) @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the customer\'s email or name' })
  @IsOptional() @IsString() @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Created at or after' })
  @IsOptional() @MaxLength(40) @IsISO8601({ strict: true })
  createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Created before' })
  @IsOptional() @MaxLength(40) @IsISO8601({ strict: true })
  createdTo?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: partly or fully refunded; false: nothing refunded' })
  @IsOptional() @Transform(queryBoolean) @IsBoolean()
  refunded?: boolean;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class PaymentCardDto {
  @ApiProperty({ type: String, nullable: true, example: 'visa' }) brand: string | null;
  @ApiProperty({ type: String, nullable: true, example: '4242' }) last4: string | null;
  @ApiProperty({ type: Number, nullable: true }) expMonth: number | null;
  @ApiProperty({ type: Number, nullable: true }) expYear: number | null;
}

export class PaymentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'pi_3MtwBwLkdIwHu7ix28a3tqPa' }) stripeId: string;
  @ApiProperty({ description: 'Minor units' }) amount: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units received' }) amountReceived: number | null;
  @ApiProperty({ description: 'Minor units refunded (Stripe\'s count)' }) amountRefunded: number;
  @ApiProperty({ description: 'Minor units left to refund: received less refunded less refunds in flight or awaiting approval (0 unless succeeded)' }) refundable: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: string;
  @ApiProperty({ type: PersonDto, nullable: true, description: 'The customer (our id)' }) customer: PersonDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Our id of the invoice it pays, when mirrored' }) invoiceId: string | null;
  @ApiProperty({ type: String, nullable: true }) invoiceStripeId: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: PaymentCardDto, nullable: true }) card: PaymentCardDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Decline code or error code of the last failed attempt' }) failureCode: string | null;
  @ApiProperty({ type: String, nullable: true }) failureMessage: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) succeededAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PaymentListDto {
  @ApiProperty({ type: [PaymentDto] }) data: PaymentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PaymentRefundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 're_1Nispe2eZvKYlo2Cd31jOCgZ' }) stripeId: string;
  @ApiProperty({ description: 'Minor units' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: String, nullable: true, example: 'succeeded', description: 'Stripe\'s status: pending, requires_action, succeeded, failed, canceled' }) status: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'requested_by_customer' }) reason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why Stripe could not make it (failed refunds)' }) failureReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Staff\'s note (kept here, never sent to Stripe)' }) note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Our refund request, when made from here' }) requestId: string | null;
  @ApiProperty({ type: PersonDto, nullable: true }) requestedBy: PersonDto | null;
}

export class PaymentDetailDto extends PaymentDto {
  @ApiProperty({ type: [PaymentRefundDto], description: 'Newest first' }) refunds: PaymentRefundDto[];
}
