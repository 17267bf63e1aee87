import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsISO8601, IsOptional, MaxLength } from 'class-validator';
import { PageQueryDto, queryBoolean, queryList } from '@app/core';

export const DISPUTE_STATUSES = ['warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost'] as const;
/** Statuses in which the business can still send evidence. */
export const DISPUTE_OPEN_STATUSES = ['warning_needs_response', 'needs_response'] as const;

export class DisputeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: [String], enum: DISPUTE_STATUSES, maxItems: DISPUTE_STATUSES.length, description: 'One or more statuses (comma-separated or repeated)' })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(DISPUTE_STATUSES.length)
  @IsIn(DISPUTE_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ type: Boolean, description: 'Only disputes that still need evidence (needs_response, warning_needs_response)' })
  @IsOptional() @Transform(queryBoolean) @IsBoolean()
  needsResponse?: boolean;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Evidence due before' })
  @IsOptional() @MaxLength(40) @IsISO8601({ strict: true })
  dueBefore?: string;
}

export class BillingDisputeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'dp_1MtJUT2eZvKYlo2CNaw2HvEv' }) stripeId: string;
  @ApiProperty({ description: 'Minor units' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: String, enum: DISPUTE_STATUSES, nullable: true }) status: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'fraudulent' }) reason: string | null;
  @ApiProperty({ description: 'Evidence can still be sent' }) needsResponse: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) evidenceDueBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Our id of the disputed payment' }) paymentId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) customerId: string | null;
  @ApiProperty({ type: String, nullable: true }) customerEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) customerName: string | null;
  @ApiProperty({ description: 'Where the business answers it: the dispute in the Stripe Dashboard (evidence is submitted there)' }) dashboardUrl: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When Stripe opened it' }) stripeCreatedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class BillingDisputeListDto {
  @ApiProperty({ type: [BillingDisputeDto] }) data: BillingDisputeDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ description: 'Disputes of the business still needing evidence (whatever the filter)' }) needsResponse: number;
}
