import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@app/core';

export const BULK_SUBSCRIPTION_ACTIONS = ['cancel_at_period_end', 'apply_coupon', 'extend'] as const;
export type BulkSubscriptionAction = (typeof BULK_SUBSCRIPTION_ACTIONS)[number];
export const BULK_OPERATION_STATUSES = ['queued', 'running', 'done'] as const;
export const BULK_ITEM_STATUSES = ['pending', 'ok', 'error'] as const;
export const MAX_BULK_SUBSCRIPTIONS = 200;
export const MAX_EXTEND_DAYS = 730;

export class BulkSubscriptionsDto {
  @ApiProperty({ enum: BULK_SUBSCRIPTION_ACTIONS })
  @IsIn([...BULK_SUBSCRIPTION_ACTIONS])
  action: BulkSubscriptionAction;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BULK_SUBSCRIPTIONS, uniqueItems: true, maxLength: 36, description: 'Our ids of the subscriptions, each once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_SUBSCRIPTIONS)
  @ArrayUnique()
  @MaxLength(36, { each: true })
  @IsUUID('all', { each: true })
  subscriptionIds: string[];

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'apply_coupon (required, refused otherwise): our id of a usable coupon' })
  @ValidateIf((o: BulkSubscriptionsDto) => o.action === 'apply_coupon' || o.couponId !== undefined)
  @MaxLength(36)
  @IsUUID('all')
  couponId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_EXTEND_DAYS, description: 'extend (required, refused otherwise): days added to the trial end or next billing date (no charge, no proration)' })
  @ValidateIf((o: BulkSubscriptionsDto) => o.action === 'extend' || o.days !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_EXTEND_DAYS)
  days?: number;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why (kept on the operation and its audit row; a cancellation sends it to Stripe as the cancellation comment)' })
  @ValidateIf((o: BulkSubscriptionsDto) => o.reason !== undefined)
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class BulkOperationItemDto {
  @ApiProperty({ format: 'uuid' }) subscriptionId: string;
  @ApiProperty({ enum: BULK_ITEM_STATUSES, description: 'pending: not tried yet; ok: done in Stripe; error: refused (see the problem)' }) status: (typeof BULK_ITEM_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true, description: 'The problem type URI when status is error (e.g. …/not-found, …/subscription-not-active)' }) errorType: string | null;
  @ApiProperty({ type: String, nullable: true }) errorTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) errorDetail: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class BulkOperationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: BULK_SUBSCRIPTION_ACTIONS }) action: BulkSubscriptionAction;
  @ApiProperty({ enum: BULK_OPERATION_STATUSES }) status: (typeof BULK_OPERATION_STATUSES)[number];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) couponId: string | null;
  @ApiProperty({ type: Number, nullable: true }) days: number | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ description: 'Subscriptions asked for' }) total: number;
  @ApiProperty({ description: 'Subscriptions tried so far (succeeded + failed)' }) processed: number;
  @ApiProperty() succeeded: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) requestedBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class BulkOperationDetailDto extends BulkOperationDto {
  @ApiProperty({ type: [BulkOperationItemDto], description: 'One result per subscription id, in request order' }) items: BulkOperationItemDto[];
}

export class BulkOperationListDto {
  @ApiProperty({ type: [BulkOperationDto] }) data: BulkOperationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class BulkOperationQueryDto extends PageQueryDto {}
