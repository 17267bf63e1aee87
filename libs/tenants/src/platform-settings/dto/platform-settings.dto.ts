import { ApiProperty } from '@nestjs/swagger';

export class PlatformSettingsDto {
  @ApiProperty({ example: 1500, description: 'Platform fee new tenants start with, in basis points (1500 = 15%)' }) defaultPlatformFeeBps: number;
  @ApiProperty({ example: 'USD', description: 'ISO 4217 currency new tenants start with' }) defaultCurrency: string;
  @ApiProperty({ enum: ['auto', 'manual'], description: 'How new signups are approved (TENANT_APPROVAL, read-only here)' }) signupApproval: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last change by platform staff' }) updatedAt: string | null;
}
