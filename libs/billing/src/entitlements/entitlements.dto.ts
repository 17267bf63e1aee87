import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { NormalizeEmail } from '@app/core';

export class EntitlementQueryDto {
  @ApiPropertyOptional({ format: 'email', maxLength: 254, description: 'The member\'s or customer\'s email (one of email or memberId)' })
  @IsOptional() @NormalizeEmail() @IsEmail() @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'The member (membership) id (one of email or memberId)' })
  @IsOptional() @IsUUID('all')
  memberId?: string;
}

export const ENTITLEMENT_STATUSES = ['active', 'trialing', 'past_due', 'suspended', 'none'] as const;

export class EntitledProductDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Our id of the product (null when it is not in the catalog mirror)' }) productId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'prod_NWjs8kKbJWmuuc' }) stripeProductId: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ enum: ['subscription', 'purchase'] }) source: 'subscription' | 'purchase';
  @ApiProperty({ enum: ['active', 'trialing', 'past_due'], description: 'A purchase is active' }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'End of the paid (or trial) period; null for a purchase (no end)' }) accessUntil: string | null;
  @ApiProperty({ description: 'The subscription renews at accessUntil (false: it ends then)' }) renews: boolean;
  @ApiProperty({ type: [String] }) features: string[];
}

export class EntitlementPlanDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) productId: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class EntitlementsDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The member, when the email or id is one' }) memberId: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: [String], description: 'Our ids of the Stripe customers counted (the member\'s, and those with their email)' }) customerIds: string[];
  @ApiProperty({ description: 'Anything is accessible now' }) active: boolean;
  @ApiProperty({ enum: ENTITLEMENT_STATUSES, description: 'The best status of what they hold: active > trialing > past_due > suspended (only subscriptions the dunning policy suspended) > none' }) status: string;
  @ApiProperty({ type: EntitlementPlanDto, nullable: true, description: 'The subscription plan (tier) with the latest access, or null' }) plan: EntitlementPlanDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The latest end of subscription access; null when none (see lifetime)' }) accessUntil: string | null;
  @ApiProperty({ description: 'A one-off purchase grants access with no end' }) lifetime: boolean;
  @ApiProperty({ type: [String], description: 'Every feature of what they hold, sorted' }) features: string[];
  @ApiProperty({ type: [EntitledProductDto], description: 'What grants access now (a suspended subscription is not listed)' }) products: EntitledProductDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the dunning policy suspended access of one of their subscriptions (the latest), or null' }) accessSuspendedAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['final_payment_failed'], description: 'Why: the last automatic payment attempt of an invoice failed; lifted when a payment of the subscription succeeds' }) accessSuspendedReason: string | null;
}
