import { ApiProperty } from '@nestjs/swagger';
import { PLAN_KEYS } from '../plan-keys';

export class PlanLimitsDto {
  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited' }) members: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited' }) apiCallsPerMonth: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited' }) journeys: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited' }) storageMb: number | null;
}

export class PlatformPlanPriceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'price_1MoBy5LkdIwHu7ixZhnattbh' }) stripeId: string;
  @ApiProperty({ enum: ['month', 'year'] }) interval: 'month' | 'year';
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ description: 'Minor units' }) unitAmount: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The price this one replaced (a price change)' }) replacesPriceId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PlatformPlanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'prod_NWjs8kKbJWmuuc' }) stripeId: string;
  @ApiProperty({ enum: PLAN_KEYS, description: 'The plan a subscription to it grants' }) planKey: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [String] }) features: string[];
  @ApiProperty({ description: 'false: archived (cannot be bought)' }) active: boolean;
  @ApiProperty({ type: PlanLimitsDto, description: 'The plan key\'s limits' }) limits: PlanLimitsDto;
  @ApiProperty({ type: [PlatformPlanPriceDto] }) prices: PlatformPlanPriceDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PlatformPlanListDto {
  @ApiProperty({ type: [PlatformPlanDto] }) data: PlatformPlanDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class PlatformSubscriptionDto {
  @ApiProperty({ example: 'sub_1MowQVLkdIwHu7ixeRlqHVzs' }) stripeId: string;
  @ApiProperty({ example: 'active' }) status: string;
  @ApiProperty({ type: String, nullable: true, enum: PLAN_KEYS }) planKey: string | null;
  @ApiProperty() cancelAtPeriodEnd: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) currentPeriodEnd: string | null;
}

export class TenantPlansDto {
  @ApiProperty({ enum: PLAN_KEYS, description: 'The business\'s plan now' }) currentPlan: string;
  @ApiProperty({ type: PlanLimitsDto }) currentLimits: PlanLimitsDto;
  @ApiProperty({ type: PlatformSubscriptionDto, nullable: true, description: 'The latest plan subscription, if any' }) subscription: PlatformSubscriptionDto | null;
  @ApiProperty({ type: [PlatformPlanDto], description: 'Plans on sale, with their active prices' }) plans: PlatformPlanDto[];
}
