import { ApiProperty } from '@nestjs/swagger';

/** A feature flag as the tenant sees it: the platform's default, its own override and the result. */
export class FeatureFlagDto {
  @ApiProperty({ example: 'paylinks.qr' }) key: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Value without an override (the platform default)' }) default: boolean;
  @ApiProperty({ type: Boolean, nullable: true, description: 'The tenant\'s choice, null when it follows the default' }) override: boolean | null;
  @ApiProperty({ description: 'Effective value' }) enabled: boolean;
}
