import { ApiProperty } from '@nestjs/swagger';

/** A feature flag as platform staff see it: the product's default and the platform's choice. */
export class PlatformFeatureFlagDto {
  @ApiProperty({ example: 'paylinks.qr' }) key: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Default built into the product' }) catalogDefault: boolean;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Platform-wide default set by staff, null when the product default applies' }) platformDefault: boolean | null;
  @ApiProperty({ description: 'Default every tenant without an override gets' }) enabled: boolean;
}
