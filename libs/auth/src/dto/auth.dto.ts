import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { NormalizeEmail } from '@app/core';
import { TenantDto } from '@app/tenants';

export const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{10,128}$/s;
const PASSWORD_MESSAGE = 'password must be 10 to 128 characters with at least one letter and one digit';

export class SignupDto {
  @ApiProperty({ example: 'owner@example.com', maxLength: 254 })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @MaxLength(128, { message: PASSWORD_MESSAGE })
  @Matches(PASSWORD_RULE, { message: PASSWORD_MESSAGE })
  password: string;

  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: 'Acme Academy', minLength: 2, maxLength: 100 })
  @IsString()
  @Length(2, 100)
  tenantName: string;
}

export class LoginDto {
  @ApiProperty({ maxLength: 254 })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 1, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  password: string;

  @ApiPropertyOptional({ maxLength: 6, description: 'Six-digit code when two-factor authentication is on' })
  @IsOptional()
  @MaxLength(6)
  @Matches(/^\d{6}$/, { message: 'totpCode must be six digits' })
  totpCode?: string;
}

export class RefreshDto {
  @ApiProperty({ minLength: 20, maxLength: 200 })
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class SwitchTenantDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  @MaxLength(36)
  @IsUUID()
  tenantId: string;
}

export class ForgotPasswordDto {
  @ApiProperty({ maxLength: 254 })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 20, maxLength: 200 })
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @MaxLength(128, { message: PASSWORD_MESSAGE })
  @Matches(PASSWORD_RULE, { message: PASSWORD_MESSAGE })
  password: string;
}

export class ConfirmSignupDto {
  @ApiProperty({ minLength: 20, maxLength: 200, description: 'The token from the signup confirmation link' })
  @IsString()
  @Length(20, 200)
  token: string;
}

export class VerifyEmailDto {
  @ApiProperty({ minLength: 20, maxLength: 200 })
  @IsString()
  @Length(20, 200)
  token: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456', maxLength: 6 })
  @MaxLength(6)
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code: string;
}

export class TokensDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) tenantId: string | null;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class SignupResultDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: TenantDto }) tenant: TenantDto;
  @ApiProperty({ type: TokensDto }) tokens: TokensDto;
}

export class MeUserDto extends UserDto {
  @ApiProperty() emailVerified: boolean;
  @ApiProperty() totpEnabled: boolean;
  @ApiProperty({ enum: ['super_admin', 'support'], nullable: true, type: String }) platformRole: string | null;
}

export class ActiveTenantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: ['pending', 'active', 'rejected', 'suspended'] }) status: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why platform staff rejected or suspended the tenant' }) statusReason: string | null;
  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone the tenant shows dates in' }) timezone: string;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217 currency the tenant shows money in by default' }) defaultCurrency: string;
}

export class MembershipSummaryDto {
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty() tenantName: string;
  @ApiProperty() tenantSlug: string;
  @ApiProperty({ enum: ['pending', 'active', 'rejected', 'suspended'] }) tenantStatus: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why platform staff rejected or suspended the tenant' }) tenantStatusReason: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [String] }) roles: string[];
}

export class ImpersonatorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
}

export class MeDto {
  @ApiProperty({ type: MeUserDto }) user: MeUserDto;
  @ApiProperty({ type: ActiveTenantDto, nullable: true }) activeTenant: ActiveTenantDto | null;
  @ApiProperty({ type: [MembershipSummaryDto] }) memberships: MembershipSummaryDto[];
  @ApiProperty({ type: [String] }) permissions: string[];
  @ApiProperty({ type: ImpersonatorDto, nullable: true }) impersonatedBy: ImpersonatorDto | null;
}

export class TotpSetupDto {
  @ApiProperty({ description: 'Base32 secret to type into an authenticator app' }) secret: string;
  @ApiProperty({ description: 'otpauth:// URL for a QR code' }) otpauthUrl: string;
}

export class AuthSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) userAgent: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastActiveAt: string;
  @ApiProperty() current: boolean;
  @ApiProperty({ description: 'Opened by platform staff impersonating this user' }) impersonation: boolean;
}

export class AuthSessionListDto {
  @ApiProperty({ type: [AuthSessionDto] }) data: AuthSessionDto[];
}
