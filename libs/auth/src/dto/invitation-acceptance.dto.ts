import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

/** Sent in the body: a token in a URL ends up in access logs, proxies and browser history. */
export class InvitationTokenDto {
  @ApiProperty({ minLength: 20, maxLength: 200, description: 'The token from the invitation link' })
  @IsString()
  @Length(20, 200)
  token: string;
}

export class InvitationLookupDto {
  @ApiProperty({ description: 'The invited email address' }) email: string;
  @ApiProperty() tenantName: string;
  @ApiProperty({ description: 'An account with this email exists: accept with its password; otherwise give a name and a new password' })
  userExists: boolean;
}

export class AcceptInvitationDto {
  @ApiProperty({ minLength: 20, maxLength: 200 })
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace', minLength: 1, maxLength: 100, description: 'Required when no account exists for the invited email' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiProperty({ minLength: 1, maxLength: 128, description: 'The existing account\'s password, or the new account\'s (10 to 128 characters, a letter and a digit)' })
  @IsString()
  @Length(1, 128)
  password: string;

  @ApiPropertyOptional({ maxLength: 6, description: 'Six-digit code when the existing account has two-factor authentication on' })
  @IsOptional()
  @MaxLength(6)
  @Matches(/^\d{6}$/, { message: 'totpCode must be six digits' })
  totpCode?: string;
}
