import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { CURRENCIES, HEX_COLOR, isTimeZone } from '../settings-values';
import { DUNNING_POLICIES, type TenantDunningPolicy } from '../tenant.entity';

const DUNNING_POLICY_DESCRIPTION =
  'After Stripe\'s last automatic payment attempt of an invoice fails: none (nothing), suspend (the member\'s entitlements report no access until a payment of the subscription succeeds; the subscription is left as it is) or cancel (the subscription is canceled at once in Stripe)';

/** Optional, but not nullable: an explicit null is validated (and refused) instead of skipped. */
const present = (_: object, value: unknown) => value !== undefined;

export class TenantBrandingDto {
  @ApiProperty({ type: String, nullable: true, example: '#3355ff', description: 'Primary colour as #rrggbb' }) primaryColor: string | null;
}

export class TenantRefundPolicyDto {
  @ApiProperty({ minimum: 0, maximum: 365, example: 30, description: 'Days after a payment succeeded within which a refund is suggested' }) windowDays: number;
  @ApiProperty({ enum: ['full', 'prorated'], description: 'full: everything left; prorated: the unused part of the paid period' }) mode: 'full' | 'prorated';
}

export class TenantBillingEmailsDto {
  @ApiProperty({ description: 'A receipt after each paid invoice' }) receipt: boolean;
  @ApiProperty({ description: 'A reminder 3 days before a trial ends (when Stripe says so)' }) trialEnding: boolean;
  @ApiProperty({ description: 'A reminder before a subscription renews (Stripe\'s upcoming invoice)' }) renewalReminder: boolean;
  @ApiProperty({ description: 'A notice when a subscription ends' }) canceled: boolean;
  @ApiProperty({ description: 'A notice when an automatic payment fails, with the page to pay with another card' }) paymentFailed: boolean;
  @ApiProperty({ description: 'A daily reminder (08:00 UTC) to customers of live subscriptions whose card expires at the end of the current month, with a link to update it; once per subscription and card expiry' }) cardExpiring: boolean;
  @ApiProperty({ description: 'A daily digest (07:00 UTC) to every active staff member holding billing:read: trials ending in 3 days, cancellations requested and payments failed in the last 24 h' }) staffDigest: boolean;
}

export class TenantSettingsDto {
  @ApiProperty({ nullable: true, type: String, format: 'email' }) supportEmail: string | null;
  @ApiProperty({ example: 'Europe/Paris', description: 'IANA time zone' }) timezone: string;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217 currency code' }) defaultCurrency: string;
  @ApiProperty({ example: 1500, description: 'Platform fee in basis points (1500 = 15%), set by platform staff' }) platformFeeBps: number;
  @ApiProperty({ nullable: true, type: String, format: 'uri' }) logoUrl: string | null;
  @ApiProperty({ type: TenantBrandingDto }) branding: TenantBrandingDto;
  @ApiProperty({ example: 90, minimum: 7, maximum: 3650, description: 'Days audit log rows are kept' }) auditRetentionDays: number;
  @ApiProperty({ type: TenantRefundPolicyDto }) refundPolicy: TenantRefundPolicyDto;
  @ApiProperty({ type: Number, nullable: true, description: 'Refunds above this many minor units need a second person\'s approval; null: none do' }) refundApprovalThreshold: number | null;
  @ApiProperty({ type: TenantBillingEmailsDto, description: 'Billing lifecycle emails sent to customers (templates in the email catalog); all off until turned on' }) billingEmails: TenantBillingEmailsDto;
  @ApiProperty({ enum: [...DUNNING_POLICIES], description: DUNNING_POLICY_DESCRIPTION }) dunningPolicy: TenantDunningPolicy;
}

export class TenantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: ['pending', 'active', 'rejected', 'suspended'] }) status: string;
  @ApiProperty() plan: string;
  @ApiProperty({ type: TenantSettingsDto }) settings: TenantSettingsDto;
}

export class UpdateTenantBrandingDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 7, example: '#3355ff' })
  @IsOptional()
  @MaxLength(7)
  @Matches(HEX_COLOR, { message: 'primaryColor must be a hex colour like #3355ff' })
  primaryColor?: string | null;
}

export class UpdateTenantRefundPolicyDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 365 })
  @ValidateIf(present)
  @IsInt()
  @Min(0)
  @Max(365)
  windowDays?: number;

  @ApiPropertyOptional({ enum: ['full', 'prorated'] })
  @ValidateIf(present)
  @IsIn(['full', 'prorated'])
  mode?: 'full' | 'prorated';
}

export class UpdateTenantBillingEmailsDto {
  @ApiPropertyOptional() @ValidateIf(present) @IsBoolean() receipt?: boolean;
  @ApiPropertyOptional() @ValidateIf(present) @IsBoolean() trialEnding?: boolean;
  @ApiPropertyOptional() @ValidateIf(present) @IsBoolean() renewalReminder?: boolean;
  @ApiPropertyOptional() @ValidateIf(present) @IsBoolean() canceled?: boolean;
  @ApiPropertyOptional() @ValidateIf(present) @IsBoolean() paymentFailed?: boolean;
  @ApiPropertyOptional() @ValidateIf(present) @IsBoolean() cardExpiring?: boolean;
  @ApiPropertyOptional() @ValidateIf(present) @IsBoolean() staffDigest?: boolean;
}

export class UpdateTenantSettingsDto {
  @ApiPropertyOptional({ nullable: true, type: String, format: 'email', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  supportEmail?: string | null;

  @ApiPropertyOptional({ example: 'Europe/Paris', maxLength: 64, description: 'IANA time zone' })
  @ValidateIf(present)
  @MaxLength(64)
  @ValidateBy({ name: 'isTimeZone', validator: { validate: isTimeZone, defaultMessage: () => 'timezone must be an IANA time zone like Europe/Paris' } })
  timezone?: string;

  @ApiPropertyOptional({ example: 'EUR', maxLength: 3, description: 'ISO 4217 currency code' })
  @ValidateIf(present)
  @MaxLength(3)
  @IsIn([...CURRENCIES], { message: 'defaultCurrency must be an ISO 4217 currency code like EUR' })
  defaultCurrency?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 10000,
    description: 'Read-only here: platform staff set it. Sending the current value is accepted; another value is refused with 403.',
  })
  @ValidateIf(present)
  @IsInt()
  @Min(0)
  @Max(10000)
  platformFeeBps?: number;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uri', maxLength: 2048, description: 'https URL of the logo' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'logoUrl must be an https URL' })
  logoUrl?: string | null;

  @ApiPropertyOptional({ type: UpdateTenantBrandingDto })
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateTenantBrandingDto)
  branding?: UpdateTenantBrandingDto;

  @ApiPropertyOptional({ minimum: 7, maximum: 3650, description: 'Days audit log rows are kept' })
  @ValidateIf(present)
  @IsInt()
  @Min(7)
  @Max(3650)
  auditRetentionDays?: number;

  @ApiPropertyOptional({ type: UpdateTenantRefundPolicyDto })
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateTenantRefundPolicyDto)
  refundPolicy?: UpdateTenantRefundPolicyDto;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 99_999_999_999, description: 'Minor units; null: no refund needs approval' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99_999_999_999)
  refundApprovalThreshold?: number | null;

  @ApiPropertyOptional({ type: UpdateTenantBillingEmailsDto })
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateTenantBillingEmailsDto)
  billingEmails?: UpdateTenantBillingEmailsDto;

  @ApiPropertyOptional({ enum: [...DUNNING_POLICIES], description: DUNNING_POLICY_DESCRIPTION })
  @ValidateIf(present)
  @IsIn([...DUNNING_POLICIES])
  dunningPolicy?: TenantDunningPolicy;
}

export class UpdateTenantDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100 })
  @ValidateIf(present)
  @IsString()
  @Length(2, 100)
  name?: string;

  @ApiPropertyOptional({ type: UpdateTenantSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateTenantSettingsDto)
  settings?: UpdateTenantSettingsDto;
}
