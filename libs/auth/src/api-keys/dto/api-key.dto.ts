import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_MODES, type ApiKeyMode } from './create-api-key.dto';

export const API_KEY_STATUSES = ['active', 'expired', 'revoked'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

export class ApiKeyCreatorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: API_KEY_MODES }) mode: ApiKeyMode;
  @ApiProperty({ example: 'sk_live_Ab3x', description: 'The first characters of the key, to recognise it' }) prefix: string;
  @ApiProperty({ example: 'x9Qz', description: 'The last four characters of the key' }) last4: string;
  @ApiProperty({ type: [String] }) scopes: string[];
  @ApiProperty({ type: [String] }) allowedIps: string[];
  @ApiProperty({ type: Number, nullable: true }) rateLimitPerMinute: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ enum: API_KEY_STATUSES }) status: ApiKeyStatus;
  @ApiProperty({ type: ApiKeyCreatorDto }) createdBy: ApiKeyCreatorDto;
  @ApiProperty({ example: 42 }) usageCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastUsedIp: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ example: 'sk_live_Ab3xQ...', description: 'The secret key. Shown only in this response; store it now.' }) key: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) data: ApiKeyDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
